// Teams through the real `kith` binary and the `local` provider: two
// members, each owning a Maildir account with their own mail to and from
// the same people at Acme, and an account without an owner. `kith intro`
// ranks them, `--member` shows each their own history; no subject ever
// appears in intro's output.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr double kDay = 86400;
// 2026-07-01T00:00:00Z, the --as-of of every query.
constexpr long long kAsOf = 1782864000;

// The strength formula as the README publishes it, for mail only.
double strength(const std::vector<std::pair<bool, long long>>& mail /* (sent, at) */) {
  double out = 0, in = 0;
  for (const auto& [sent, at] : mail) {
    const double w = (sent ? 1.0 : 0.5) * std::exp2(-static_cast<double>(kAsOf - at) / kDay / 90);
    (sent ? out : in) += w;
  }
  const double r = out + in > 0 ? 0.5 + std::min(out, in) / (out + in) : 1;
  return static_cast<double>(std::lround(1000.0 * (1.0 - std::exp(-r * (out + in) / 10)))) / 10;
}

class TeamEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* box : {"alice", "bob", "shared"})
      for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(dir / box / sub);
    message("alice", 1, "Alice <alice@partners.example>", "Dana Scott <dana@acme.com>", "Sat, 20 Jun 2026 10:00:00 +0000",
            "Secret Alpha");
    message("alice", 2, "Dana Scott <dana@acme.com>", "Alice <alice@partners.example>", "Mon, 22 Jun 2026 10:00:00 +0000",
            "Secret Beta");
    message("alice", 3, "Alice <alice@partners.example>", "Erin Lee <erin@eu.acme.com>", "Fri, 01 May 2026 10:00:00 +0000",
            "Secret Gamma");
    message("bob", 4, "Dana Scott <dana@acme.com>", "Bob <bob@partners.example>", "Sat, 10 Jan 2026 10:00:00 +0000",
            "Secret Delta");
    message("bob", 5, "Bob <bob@partners.example>", "Frank <frank@other.example>", "Thu, 25 Jun 2026 10:00:00 +0000",
            "Secret Epsilon");
    // No owner: no member's.
    message("shared", 6, "Dana Scott <dana@acme.com>", "Team <team@partners.example>",
            "Tue, 30 Jun 2026 10:00:00 +0000", "Secret Zeta");
    std::ofstream(dir / "kith.toml") << "[cadence]\ndefault = \"30d\"\n"
                                        "[[member]]\nname = \"alice\"\naddresses = [\"alice@partners.example\"]\n"
                                        "[[member]]\nname = \"bob\"\naddresses = [\"bob@partners.example\"]\n"
                                        "[[member]]\nname = \"carol\"\n"
                                        "[[account]]\nname = \"alice-mail\"\nprovider = \"local\"\nowner = \"alice\"\n"
                                        "maildir = \"alice\"\n"
                                        "[[account]]\nname = \"bob-mail\"\nprovider = \"local\"\nowner = \"bob\"\n"
                                        "maildir = \"bob\"\n"
                                        "[[account]]\nname = \"shared\"\nprovider = \"local\"\nmaildir = \"shared\"\n";
    auto r = kith({"sync"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void message(const std::string& box, int n, const std::string& from, const std::string& to, const std::string& date,
               const std::string& subject) {
    std::ofstream(dir / box / "cur" / ("17800000" + std::to_string(n) + ".M1P1.test:2,S"))
        << "Date: " << date << "\r\nFrom: " << from << "\r\nTo: " << to << "\r\nSubject: " << subject
        << "\r\nMessage-ID: <m" << n << "@partners.example>\r\n\r\nbody\r\n";
  }

  ProcessResult kith(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string(),
                               "--as-of", "2026-07-01"});
    return run_kith(args, dir.path(), "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
  }

  json kith_json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = kith(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (args.front() == "intro") {
      EXPECT_EQ(r.out.find("Secret"), std::string::npos) << r.out;  // never a subject
    }
    return json::parse(r.out, nullptr, false);
  }

  std::int64_t id_of(const std::string& handle) { return kith_json({"show", handle})["id"].get<std::int64_t>(); }

  TempDir dir;
};

const long long kJun20 = 1781949600, kJun22 = 1782122400, kMay1 = 1777629600, kJan10 = 1768039200;

TEST_F(TeamEndToEnd, IntroRanksTheMembersByStrengthWithLastTouchAndCounts) {
  const auto dana = id_of("dana@acme.com");
  const double alice_dana = strength({{true, kJun20}, {false, kJun22}});
  const double alice_erin = strength({{true, kMay1}});
  const double bob_dana = strength({{false, kJan10}});
  ASSERT_GT(alice_dana, alice_erin);
  auto counts = [](int sent, int received) {
    return json{{"email_sent", sent}, {"email_received", received}, {"meeting", 0}, {"message_sent", 0},
                {"message_received", 0}};
  };
  const json carol = {{"member", "carol"}, {"strength", 0.0}, {"through", nullptr}, {"people", 0}, {"interactions", 0},
                      {"counts", counts(0, 0)}, {"last_touch", nullptr}};
  const json expected = {
      {"target", {{"kind", "domain"}, {"value", "acme.com"}, {"people", 2}}},
      {"members",
       {{{"member", "alice"},
         {"strength", alice_dana},
         {"through", {{"id", dana}, {"name", "Dana Scott"}}},
         {"people", 2},
         {"interactions", 3},
         {"counts", counts(2, 1)},
         {"last_touch",
          {{"at", "2026-06-20T10:00:00Z"}, {"kind", "email_sent"}, {"with", {{"id", dana}, {"name", "Dana Scott"}}}}}},
        {{"member", "bob"},
         {"strength", bob_dana},
         {"through", {{"id", dana}, {"name", "Dana Scott"}}},
         {"people", 1},
         {"interactions", 1},
         {"counts", counts(0, 1)},
         {"last_touch", nullptr}},  // a touch is something sent or a meeting: Bob only received
        carol}}};
  EXPECT_EQ(kith_json({"intro", "@acme.com"}), expected);

  // One person; the same number `kith show --member` gives.
  const json erin_intro = kith_json({"intro", "erin@eu.acme.com"});
  EXPECT_EQ(erin_intro["target"], (json{{"kind", "person"}, {"value", "Erin Lee <erin@eu.acme.com>"}, {"people", 1}}));
  EXPECT_EQ(erin_intro["members"][0]["member"], "alice");
  EXPECT_EQ(erin_intro["members"][0]["strength"], alice_erin);
  EXPECT_EQ(kith_json({"show", "erin@eu.acme.com", "--member", "alice"})["strength"], alice_erin);
  EXPECT_EQ(erin_intro["members"][1]["strength"], 0.0);
  EXPECT_EQ(erin_intro["members"][1]["member"], "bob") << "ties at zero by name";

  // An organization as `kith show` names it (here from the mail domain).
  const json org = kith_json({"intro", "ACME.com"});
  EXPECT_EQ(org["target"], (json{{"kind", "organization"}, {"value", "acme.com"}, {"people", 1}}));

  // The table: no subject either.
  auto table = kith({"intro", "@acme.com"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.find("Secret"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("alice"), std::string::npos) << table.out;

  auto nothing = kith({"intro", "@nowhere.example"});
  EXPECT_EQ(nothing.exit_code, 0) << nothing.err;
}

TEST_F(TeamEndToEnd, EachMemberSeesTheirOwnHistoryOfTheSamePerson) {
  const json everyone = kith_json({"show", "dana@acme.com"});
  EXPECT_EQ(everyone["counts"], (json{{"email_received", 3}, {"email_sent", 1}}));

  const json alice = kith_json({"show", "dana@acme.com", "--member", "alice"});
  EXPECT_EQ(alice["member"], "alice");
  EXPECT_EQ(alice["counts"], (json{{"email_received", 1}, {"email_sent", 1}}));
  EXPECT_EQ(alice["first_interaction"], "2026-06-20T10:00:00Z");
  EXPECT_EQ(alice["last_touch"]["at"], "2026-06-20T10:00:00Z");
  EXPECT_EQ(alice["recent"].size(), 2u);
  EXPECT_EQ(alice["strength"], strength({{true, kJun20}, {false, kJun22}}));

  const json bob = kith_json({"show", "dana@acme.com", "--member", "bob"});
  EXPECT_EQ(bob["counts"], (json{{"email_received", 1}}));
  EXPECT_EQ(bob["first_interaction"], "2026-01-10T10:00:00Z");
  EXPECT_EQ(bob["recent"].size(), 1u);

  const json carol = kith_json({"show", "dana@acme.com", "--member", "carol"});
  EXPECT_EQ(carol["counts"], json::object());
  EXPECT_EQ(carol["last_touch"], nullptr);

  // due over each member's own interactions (cadence 30 days for everyone).
  auto ids = [](const json& list) {
    std::vector<std::int64_t> out;
    for (const auto& e : list) out.push_back(e["id"].get<std::int64_t>());
    return out;
  };
  const auto dana = id_of("dana@acme.com"), erin = id_of("erin@eu.acme.com");
  EXPECT_EQ(ids(kith_json({"due", "--member", "alice"})), (std::vector<std::int64_t>{erin}));
  EXPECT_EQ(ids(kith_json({"due", "--member", "bob"})), (std::vector<std::int64_t>{dana}));
  EXPECT_EQ(ids(kith_json({"due"})), (std::vector<std::int64_t>{erin})) << "Dana wrote on June 30 to the shared account";
  EXPECT_TRUE(kith_json({"drift", "--member", "bob"}).is_array());
  // `kith week` of a member: their due, awaiting and drift lists.
  for (const char* member : {"alice", "bob"}) {
    const json week = kith_json({"week", "--member", member, "--limit", "0"});
    EXPECT_EQ(week["due"]["rows"], kith_json({"due", "--member", member})) << member;
    EXPECT_EQ(week["awaiting"]["rows"], kith_json({"awaiting", "--member", member})) << member;
    EXPECT_EQ(week["drift"]["rows"], kith_json({"drift", "--member", member})) << member;
    EXPECT_EQ(week["followups"]["rows"], kith_json({"followups", "--member", member})) << member;
  }

  for (const std::vector<std::string>& command : {std::vector<std::string>{"due", "--member", "dave"},
                                                   {"drift", "--member", "dave"},
                                                   {"week", "--member", "dave"},
                                                   {"show", "dana@acme.com", "--member", "dave"}}) {
    auto r = kith(command);
    EXPECT_EQ(r.exit_code, 1) << command.front();
    EXPECT_EQ(r.err, "kith: --member: 'dave' is no [[member]] name in " + (dir / "kith.toml").string() + "\n");
  }
}

TEST_F(TeamEndToEnd, ContactsOfAMemberAreThePeopleTheirAccountsSaw) {
  const json bob = kith_json({"contacts", "--member", "bob", "--sort", "name"});
  ASSERT_EQ(bob.size(), 2u) << bob.dump();
  EXPECT_EQ(bob[0]["name"], "Dana Scott");
  EXPECT_EQ(bob[0]["counts"]["email_received"], 1);
  EXPECT_EQ(bob[0]["counts"]["email_sent"], 0);
  EXPECT_EQ(bob[0]["last_interaction"], "2026-01-10T10:00:00Z");
  EXPECT_EQ(bob[1]["addresses"], json::array({"frank@other.example"}));
  const json everyone = kith_json({"contacts", "--sort", "name"});
  EXPECT_EQ(everyone.size(), 3u) << "Dana, Erin, Frank";
  kith_json({"tag", "frank@other.example", "vendor", "--member", "bob"});
  const json vendors = kith_json({"contacts", "--member", "bob", "--tag", "vendor"});
  ASSERT_EQ(vendors.size(), 1u);
  EXPECT_EQ(vendors[0]["tags"], json::array({"vendor"}));
  EXPECT_EQ(kith_json({"contacts", "--tag", "vendor"}), json::array()) << "bob's tag is bob's";
  EXPECT_EQ(kith_json({"contacts", "--member", "carol"}), json::array());
}

TEST_F(TeamEndToEnd, AccountsShowTheirOwners) {
  const json accounts = kith_json({"accounts"});
  ASSERT_EQ(accounts.size(), 3u);
  EXPECT_EQ(accounts[0]["owner"], "alice");
  EXPECT_EQ(accounts[1]["owner"], "bob");
  EXPECT_EQ(accounts[2]["owner"], nullptr);
  auto table = kith({"accounts"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("OWNER"), std::string::npos) << table.out;
}

TEST_F(TeamEndToEnd, AMessageBothMembersReceivedIsBothsAndCountsOnce) {
  for (const char* box : {"alice", "bob"})
    std::ofstream(dir / box / "cur" / "1780000099.M1P1.test:2,S")
        << "Date: Wed, 24 Jun 2026 10:00:00 +0000\r\nFrom: Dana Scott <dana@acme.com>\r\n"
           "To: Alice <alice@partners.example>, Bob <bob@partners.example>\r\nSubject: Secret Eta\r\n"
           "Message-ID: <both@acme.com>\r\n\r\nbody\r\n";
  auto r = kith({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(kith_json({"show", "dana@acme.com"})["counts"], (json{{"email_received", 4}, {"email_sent", 1}}))
      << "stored once";
  const json bob = kith_json({"show", "dana@acme.com", "--member", "bob"});
  EXPECT_EQ(bob["counts"], (json{{"email_received", 2}}));
  EXPECT_EQ(bob["recent"].size(), 2u);
  EXPECT_EQ(kith_json({"show", "dana@acme.com", "--member", "alice"})["counts"],
            (json{{"email_received", 2}, {"email_sent", 1}}));
  const json intro = kith_json({"intro", "dana@acme.com"});
  EXPECT_EQ(intro["members"][0]["interactions"], 3);
  EXPECT_EQ(intro["members"][1]["interactions"], 2);
}

TEST_F(TeamEndToEnd, CadencesTagsSnoozesAndIgnoresAreEachMembersOwn) {
  auto ids = [](const json& list) {
    std::vector<std::int64_t> out;
    for (const auto& e : list) out.push_back(e["id"].get<std::int64_t>());
    return out;
  };
  const auto dana = id_of("dana@acme.com"), erin = id_of("erin@eu.acme.com");
  using Ids = std::vector<std::int64_t>;
  ASSERT_EQ(ids(kith_json({"due", "--member", "alice"})), Ids{erin});
  ASSERT_EQ(ids(kith_json({"due", "--member", "bob"})), Ids{dana});

  // Alice keeps in touch with Dana weekly: Dana is due for her (June 27),
  // after Erin (31 days late on 30 is later, relative to the cadence).
  const json set = kith_json({"cadence", "dana@acme.com", "7d", "--member", "alice"});
  EXPECT_EQ(set["member"], "alice");
  const json alice_due = kith_json({"due", "--member", "alice"});
  EXPECT_EQ(ids(alice_due), (Ids{erin, dana}));
  EXPECT_EQ(alice_due[1]["cadence_days"], 7);
  EXPECT_EQ(kith_json({"due", "--member", "bob"})[0]["cadence_days"], 30) << "bob's cadence is still the default";
  EXPECT_EQ(ids(kith_json({"due"})), Ids{erin}) << "nor the store's";

  // Bob snoozes Dana; Alice tags her.
  kith_json({"snooze", "dana@acme.com", "30d", "--member", "bob"});  // past due's 14-day window
  EXPECT_EQ(ids(kith_json({"due", "--member", "bob"})), Ids{});
  EXPECT_EQ(ids(kith_json({"due", "--member", "alice"})), (Ids{erin, dana}));
  const json tagged = kith_json({"tag", "dana@acme.com", "client", "--member", "alice"});
  EXPECT_EQ(tagged["tags"], json::array({"client"}));
  EXPECT_EQ(kith_json({"show", "dana@acme.com", "--member", "alice"})["tags"], json::array({"client"}));
  EXPECT_EQ(kith_json({"show", "dana@acme.com", "--member", "bob"})["tags"], json::array());
  EXPECT_EQ(kith_json({"show", "dana@acme.com"})["tags"], json::array());
  EXPECT_EQ(ids(kith_json({"due", "--member", "alice", "--tag", "client"})), Ids{dana});

  // Alice ignores Acme: gone from her lists, and no one's history is lost.
  const json ignored = kith_json({"ignore", "@acme.com", "--member", "alice"});
  EXPECT_EQ(ignored, (json{{"ignored", {"@acme.com"}}, {"member", "alice"}, {"interactions_removed", 0}}));
  EXPECT_EQ(ids(kith_json({"due", "--member", "alice"})), Ids{});
  EXPECT_EQ(kith_json({"show", "dana@acme.com"})["counts"], (json{{"email_received", 3}, {"email_sent", 1}}));
  EXPECT_EQ(kith_json({"show", "dana@acme.com", "--member", "bob"})["counts"], (json{{"email_received", 1}}));
  EXPECT_EQ(kith_json({"ignore", "--list"}), json::array()) << "the store ignores nothing";
  EXPECT_EQ(kith_json({"ignore", "--list", "--member", "alice"}),
            (json::array({{{"entry", "@acme.com"}, {"source", "member"}, {"member", "alice"}}})));
  EXPECT_EQ(ids(kith_json({"due"})), Ids{erin});
  kith_json({"unignore", "@acme.com", "--member", "alice"});
  EXPECT_EQ(ids(kith_json({"due", "--member", "alice"})), (Ids{erin, dana}));

  auto again = kith({"unignore", "@acme.com", "--member", "alice"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err, "kith: '@acme.com' is not ignored by alice\n");
  auto unknown = kith({"tag", "dana@acme.com", "x", "--member", "dave"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "kith: --member: 'dave' is no [[member]] name in " + (dir / "kith.toml").string() + "\n");
  EXPECT_EQ(kith_json({"show", "dana@acme.com", "--member", "alice"})["tags"], json::array({"client"}))
      << "a refused decision changes nothing";
}

}  // namespace
}  // namespace kith::test

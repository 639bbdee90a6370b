// The bundled sample data through the real `kith` binary, the real plugin
// loader and the `local` provider; outcomes as listed in samples/data/README.md.
#include <gtest/gtest.h>

#include <algorithm>

#include <cctype>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr long long kDay = 86400;

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Expected {
  const char* address;
  int sent;
  int received;
  int meetings_total;  // past + upcoming, for events that do not recur
};

// From samples/data/README.md. Priya's weekly 1:1 is checked separately.
// Dana's address-book card lists both her addresses: one person.
const Expected kExpected[] = {
    {"priya.raman@example.com", 7, 7, 7},    {"ben.okafor@example.com", 3, 2, 3},
    {"lena.hoffmann@example.com", 1, 0, 1},  {"dana@example.net", 1, 3, 1},
    {"dana.whitfield@example.com", 1, 3, 1}, {"jose.martinez@example.org", 1, 2, 1},
    {"yuko.tanaka@example.com", 1, 1, 0},    {"soren.kjaer@example.net", 1, 1, 1},
    {"grace.kim@example.org", 1, 2, 2},      {"marcus.feld@example.com", 1, 1, 0},
    {"tom.becker@example.org", 1, 1, 1},     {"rafael.costa@example.net", 0, 0, 1},
    {"amara.osei@example.com", 1, 0, 1},     {"sofia.almeida@example.org", 0, 1, 0},
};

class SampleEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    // A private copy: some tests change the data between syncs.
    fs::copy(fs::path(KITH_SAMPLES_DIR) / "data", dir / "data", fs::copy_options::recursive);
    fs::copy_file(fs::path(KITH_SAMPLES_DIR) / "kith.toml", dir / "kith.toml");
  }

  ProcessResult kith(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string()});
    return run_kith(args, dir.path(), "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
  }

  json kith_json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = kith(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
      return json();
    }
  }

  static const json* contact(const json& contacts, const std::string& address) {
    for (const auto& c : contacts)
      for (const auto& a : c["addresses"])
        if (a == address) return &c;
    return nullptr;
  }

  kith::test::TempDir dir;
};

TEST_F(SampleEndToEnd, FirstSyncStoresTheExpectedHistory) {
  const json sync = kith_json({"sync"});
  ASSERT_EQ(sync.size(), 2u);
  EXPECT_EQ(sync[0]["account"], "sample");
  EXPECT_EQ(sync[0]["result"], "ok");
  EXPECT_EQ(sync[0]["items"], 66);  // 44 messages + 17 events + 5 cards
  EXPECT_EQ(sync[0]["item_errors"], 1);
  EXPECT_EQ(sync[1]["account"], "linkedin");
  EXPECT_EQ(sync[1]["result"], "ok");
  EXPECT_EQ(sync[1]["items"], 8);  // 4 connections, 3 messages, 1 invitation
  EXPECT_EQ(sync[1]["item_errors"], 0);

  const json contacts = kith_json({"contacts"});
  ASSERT_TRUE(contacts.is_array());
  // Dana twice in the table; LinkedIn adds Noor and Lena's profile (no
  // address on it: `merge --suggest` proposes her).
  EXPECT_EQ(contacts.size(), std::size(kExpected) - 1 + 2);
  for (const auto& e : kExpected) {
    SCOPED_TRACE(e.address);
    const json* c = contact(contacts, e.address);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ((*c)["counts"]["email_sent"], e.sent);
    EXPECT_EQ((*c)["counts"]["email_received"], e.received);
    if (std::string(e.address) != "priya.raman@example.com") {
      EXPECT_EQ((*c)["counts"]["meeting"].get<int>() + (*c)["upcoming_meetings"].get<int>(), e.meetings_total);
    }
  }

  // roadmap-2027 (2027-02-09) is Tom's only meeting: upcoming until then,
  // his last touch from then on.
  const json* tom = contact(contacts, "tom.becker@example.org");
  ASSERT_NE(tom, nullptr);
  const bool roadmap_ahead = now_seconds() < 1802167200;  // 2027-02-09T10:00Z, its start
  EXPECT_EQ((*tom)["upcoming_meetings"], roadmap_ahead ? 1 : 0);
  EXPECT_EQ((*tom)["last_interaction"], roadmap_ahead ? "2026-09-15T08:05:00Z" : "2027-02-09T10:00:00Z");

  // Priya's weekly 1:1: Tuesdays from 2026-09-01 (08:00 or 09:00 UTC)
  // expanded to now + 365 days, less one EXDATE and one cancelled
  // occurrence. Counted to the day, so allow one at the horizon's edge.
  const long long first = 1788249600;  // 2026-09-01T08:00:00Z
  const long long now = now_seconds();
  int weekly_total = 0, weekly_past = 0;
  for (long long t = first; t <= now + 365 * kDay; t += 7 * kDay) {
    ++weekly_total;
    if (t + 3600 < now) ++weekly_past;
  }
  weekly_total -= 2;
  weekly_past -= (now > first + 9 * 7 * kDay) ? 2 : (now > first + 4 * 7 * kDay ? 1 : 0);
  const json* priya = contact(contacts, "priya.raman@example.com");
  ASSERT_NE(priya, nullptr);
  EXPECT_EQ((*priya)["name"], "Priya Raman");
  const int total = (*priya)["counts"]["meeting"].get<int>() + (*priya)["upcoming_meetings"].get<int>();
  EXPECT_NEAR(total, 7 + weekly_total, 1);
  EXPECT_NEAR((*priya)["counts"]["meeting"].get<int>(), 6 + weekly_past, 1);
}

TEST_F(SampleEndToEnd, ContactsJsonHasExactlyTheDocumentedShape) {
  kith_json({"sync"});
  const json contacts = kith_json({"contacts", "--sort", "name"});
  ASSERT_FALSE(contacts.empty());
  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  for (const auto& c : contacts) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : c.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"addresses", "card", "coffees", "conversation_counts", "counts", "first_interaction",
                                              "handles", "id", "last_interaction", "name", "strength", "tags",
                                              "upcoming_meetings"}));
    EXPECT_TRUE(c["card"].is_null() || c["card"].is_object());
    EXPECT_TRUE(c["coffees"].is_number_unsigned());
    EXPECT_TRUE(c["id"].is_number_integer());
    EXPECT_TRUE(c["name"].is_string() || c["name"].is_null());
    EXPECT_TRUE(c["addresses"].is_array());
    for (const char* t : {"first_interaction", "last_interaction"})
      EXPECT_TRUE(c[t].is_null() || std::regex_match(c[t].get<std::string>(), rfc3339)) << c[t];
    EXPECT_EQ(c["counts"].size(), 3u);
    for (const char* k : {"email_sent", "email_received", "meeting"}) EXPECT_TRUE(c["counts"][k].is_number_unsigned());
    EXPECT_EQ(c["conversation_counts"].size(), 2u);
    // Handles by kind, email first; the cards add phone numbers and profiles.
    if (c["addresses"].empty()) {
      EXPECT_EQ(c["handles"][0]["kind"], "uri");  // a LinkedIn connection without an address
    } else {
      EXPECT_EQ(c["handles"][0]["kind"], "email");
      EXPECT_EQ(c["handles"][0]["value"], c["addresses"][0]);
    }
    std::size_t emails = 0;
    for (const auto& h : c["handles"]) emails += h["kind"] == "email";
    EXPECT_EQ(emails, c["addresses"].size());
  }
  // The address book: Dana's card (Apple, vCard 3.0) as the list shows it,
  // with the day she and Alex connected from LinkedIn's export.
  const json* dana = contact(contacts, "dana@example.net");
  ASSERT_NE(dana, nullptr);
  EXPECT_EQ((*dana)["card"], json({{"formatted_name", "Dana Whitfield"}, {"organization", "Initech"},
                                   {"title", "Staff Engineer"}, {"birthday", "--12-12"}, {"anniversary", nullptr},
                                   {"connected", "2021-03-14"}, {"nicknames", json::array()},
                                   {"categories", json::array()}}));
  EXPECT_EQ((*dana)["handles"], json({{{"kind", "email"}, {"value", "dana.whitfield@example.com"}},
                                      {{"kind", "email"}, {"value", "dana@example.net"}},
                                      {{"kind", "uri"}, {"value", "https://linkedin.com/in/dana-whitfield"}}}));
  // Sorted by name: RFC 2047 names decoded, compared case-insensitively.
  EXPECT_EQ(contacts.front()["name"], "Amara Osei");
  const json limited = kith_json({"contacts", "--limit", "3", "--sort", "count"});
  ASSERT_EQ(limited.size(), 3u);
  EXPECT_EQ(limited[0]["addresses"][0], "priya.raman@example.com");
}

// What samples/demo.sh shows: Dana Whitfield, who writes from two
// addresses, is one person because her address-book card lists both; due
// and drift on the sample's fixed dates.
TEST_F(SampleEndToEnd, TheDemoShowsDanaJoinedByHerCardAndWhoIsDueAndDrifting) {
  kith_json({"sync"});
  // The card joined what merge --suggest proposed before; now it proposes
  // Lena's LinkedIn connection (no address on it) and her mail address.
  const json suggestions = kith_json({"merge", "--suggest"});
  ASSERT_EQ(suggestions.size(), 1u) << suggestions.dump();
  std::vector<std::string> handles;
  for (const auto& p : suggestions[0]["people"]) handles.push_back(p["handles"][0]["value"]);
  std::sort(handles.begin(), handles.end());
  EXPECT_EQ(handles, (std::vector<std::string>{"https://linkedin.com/in/lena-hoffmann-berlin", "lena.hoffmann@example.com"}));

  auto names = [](const json& list) {
    std::vector<std::string> out;
    for (const auto& p : list) out.push_back(p["name"]);
    return out;
  };
  // [cadence] default = "3m" in samples/kith.toml.
  const json due = kith_json({"--as-of", "2026-12-01", "due"});
  auto due_names = names(due);
  // Marcus and Tom come due the same minute: their order is by id. Lena
  // twice: her LinkedIn connection is someone else until merged; it was
  // made on 2 December 2025, a first anniversary tomorrow, which `due`
  // marks. Sofia and Noor were never written to: due now. Rafael, met at
  // DevTools Summit and not written to since, comes last: a follow-up, not
  // a cadence (SampleEndToEnd.FollowUpsAfterTheConference). Grace is not
  // due: the virtual coffee in October.
  ASSERT_EQ(due_names.size(), 12u);
  std::sort(due_names.begin() + 9, due_names.begin() + 11);
  EXPECT_EQ(due_names, (std::vector<std::string>{"Søren Kjær", "田中 優子", "Lena Hoffmann", "José Martínez",
                                                 "Lena Hoffmann", "Ben Okafor", "Dana Whitfield", "Sofia Almeida",
                                                 "Noor Haddad", "Marcus Feld", "Tom Becker", "Rafael Costa"}));
  EXPECT_EQ(due[9]["due_at"], due[10]["due_at"]);
  EXPECT_EQ(due[2]["milestone"], json({{"kind", "connected"}, {"date", "2026-12-02"}, {"detail", "connected 1 year ago"}}));
  std::vector<std::string> awaiting;
  for (const auto& p : due)
    if (p["awaiting_reply"] == true) awaiting.push_back(p["name"]);
  EXPECT_EQ(awaiting, (std::vector<std::string>{"José Martínez", "Sofia Almeida"}));
  // Alex last wrote to Søren on Wed, 15 Jan 2025 08:00 +0100; 90 days on.
  EXPECT_EQ(due[0]["due_at"], "2025-04-15T07:00:00Z") << due[0].dump();
  const json& tom = due[9]["name"] == "Tom Becker" ? due[9] : due[10];
  EXPECT_EQ(tom["planned_meeting"], "2027-02-09T10:00:00Z") << "Tom's meeting is after his due date";
  // Dana's birthday (12 December, no year on her card) is within a week of
  // 6 December: `due` says so.
  const json due_later = kith_json({"--as-of", "2026-12-06", "due"});
  std::vector<std::string> marked;
  for (const auto& p : due_later)
    if (!p["milestone"].is_null()) marked.push_back(p["name"].get<std::string>() + " " + p["milestone"].dump());
  EXPECT_EQ(marked, std::vector<std::string>{
                        R"(Dana Whitfield {"date":"2026-12-12","detail":"birthday","kind":"birthday"})"});
  const json drift = kith_json({"--as-of", "2026-12-01", "drift"});
  // One person, Dana has a usual gap to drift from (apart, neither had).
  EXPECT_EQ(names(drift), (std::vector<std::string>{"Ben Okafor", "Grace Kim", "Dana Whitfield"}));

  const json dana = kith_json({"show", "Dana"});
  EXPECT_EQ(dana["handles"].size(), 3u);  // both addresses and her LinkedIn profile
  EXPECT_EQ(dana["counts"], json({{"email_received", 3}, {"email_sent", 1}, {"meeting", 1}}));
  EXPECT_EQ(dana["organization"], "Initech");
  EXPECT_EQ(dana["organization_from"], "card");
  EXPECT_EQ(dana["title"], "Staff Engineer");
  EXPECT_EQ(dana["birthday"], "--12-12");
  ASSERT_EQ(dana["positions"].size(), 1u);
  EXPECT_EQ(dana["positions"][0]["organization"], "Initech");
  // Without a card, the organization is the mail domain.
  const json tom_shown = kith_json({"show", "tom.becker@example.org"});
  EXPECT_EQ(tom_shown["organization"], "example.org");
  EXPECT_EQ(tom_shown["organization_from"], "domain");
  EXPECT_TRUE(tom_shown["birthday"].is_null());
}

// Decisions are kept by handle: exported, they make the same people in a
// store made again from scratch, imported before its first sync or after.
TEST_F(SampleEndToEnd, DecisionsCarryIntoAStoreMadeAgainFromScratch) {
  kith_json({"sync"});
  // Her card made Dana one person; the user splits one address off (the
  // card does not join them again, in this store or a new one) and merges
  // Marcus and Tom.
  ASSERT_EQ(kith({"split", "Dana", "dana.whitfield@example.com"}).exit_code, 0);
  ASSERT_EQ(kith({"merge", "marcus.feld@example.com", "tom.becker@example.org"}).exit_code, 0);
  ASSERT_EQ(kith({"rename", "dana@example.net", "Dana W."}).exit_code, 0);
  ASSERT_EQ(kith({"tag", "dana@example.net", "friends", "book club"}).exit_code, 0);
  ASSERT_EQ(kith({"cadence", "ben.okafor@example.com", "30d"}).exit_code, 0);
  ASSERT_EQ(kith({"cadence", "--tag", "friends", "14d"}).exit_code, 0);
  ASSERT_EQ(kith({"split", "yuko.tanaka@example.com", "yuko.tanaka@example.com"}).exit_code, 1)
      << "her only handle: refused";
  ASSERT_EQ(kith({"ignore", "lena.hoffmann@example.com"}).exit_code, 0);
  const auto exported = kith({"decisions", "export", "--output", (dir / "decisions.json").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ((fs::status(dir / "decisions.json").permissions() & fs::perms::all), fs::perms::owner_read | fs::perms::owner_write);
  const json decisions = json::parse(kith({"decisions", "export"}).out);
  EXPECT_EQ(decisions["format"], "kith-decisions/1");
  EXPECT_EQ(decisions["tag_cadences"], json({{"friends", 14}}));
  EXPECT_EQ(decisions["ignores"], json({"lena.hoffmann@example.com"}));

  const json due = kith_json({"--as-of", "2026-12-01", "due"});
  const json contacts = kith_json({"--as-of", "2026-12-01", "contacts", "--sort", "name"});
  // Ids differ between stores, and people due at the same moment come by
  // id: order those by name.
  auto without_ids = [](json list) {
    for (auto& p : list) p.erase("id");
    std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
      return a.contains("due_at") && a["due_at"] == b["due_at"] && a["name"].dump() < b["name"].dump();
    });
    return list;
  };
  const fs::path first_db = dir / "history.db";
  for (const bool before_sync : {true, false}) {
    SCOPED_TRACE(before_sync ? "imported before the first sync" : "imported after it");
    fs::remove(first_db);
    fs::remove(dir / "history.db-wal");
    fs::remove(dir / "history.db-shm");
    if (!before_sync) kith_json({"sync"});
    const auto imported = kith({"decisions", "import", (dir / "decisions.json").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    if (before_sync) kith_json({"sync"});
    EXPECT_EQ(without_ids(kith_json({"--as-of", "2026-12-01", "due"})), without_ids(due));
    EXPECT_EQ(without_ids(kith_json({"--as-of", "2026-12-01", "contacts", "--sort", "name"})), without_ids(contacts));
    EXPECT_EQ(json::parse(kith({"decisions", "export"}).out), decisions);
  }
}

TEST_F(SampleEndToEnd, ABadDecisionsFileIsRefusedWithWhereItIsWrong) {
  auto refused = [&](const std::string& text) {
    std::ofstream(dir / "bad.json") << text;
    const auto r = kith({"decisions", "import", (dir / "bad.json").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    return r.err;
  };
  EXPECT_NE(refused("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(refused(R"({"people": []})").find("format"), std::string::npos);
  const std::string head = R"({"format": "kith-decisions/1", )";
  EXPECT_NE(refused(head + R"("people": [{"handles": []}]})").find("people[0].handles: must list"), std::string::npos);
  EXPECT_NE(refused(head + R"("people": [{"handles": [{"kind": "fax", "value": "1"}]}]})").find("people[0].handles[0].kind"),
            std::string::npos);
  EXPECT_NE(refused(head + R"("people": [{"handles": [{"kind": "email", "value": "a@b.c"}], "cadence_days": -3}]})")
                .find("people[0].cadence_days"),
            std::string::npos);
  EXPECT_NE(refused(head + R"("ignores": ["@"]})").find("ignores[0]"), std::string::npos);
  EXPECT_NE(refused(head + R"("extra": 1})").find("extra: is not a member"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "history.db")) << "nothing was opened for a file that does not read";
}

// Each --sort keeps its documented order (kith contacts orders people on
// keys of its own; the store's sort_contacts is the definition).
TEST_F(SampleEndToEnd, EachContactsSortKeepsItsOrder) {
  kith_json({"sync"});
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto total = [](const json& c) {
    return c["counts"]["email_sent"].get<int>() + c["counts"]["email_received"].get<int>() + c["counts"]["meeting"].get<int>() +
           c["conversation_counts"]["message_sent"].get<int>() + c["conversation_counts"]["message_received"].get<int>();
  };
  for (const std::string sort : {"name", "last", "count", "strength"}) {
    SCOPED_TRACE(sort);
    const json list = kith_json({"--as-of", "2026-12-01", "contacts", "--sort", sort});
    ASSERT_EQ(list.size(), 15u);  // Dana once; LinkedIn's Noor and Lena
    for (std::size_t i = 1; i < list.size(); ++i) {
      const json& a = list[i - 1];
      const json& b = list[i];
      const bool ids_ascend = a["id"].get<long>() < b["id"].get<long>();
      if (sort == "name") {
        const std::string ka = lower(a["name"].is_null() ? a["handles"][0]["value"].get<std::string>() : a["name"].get<std::string>());
        const std::string kb = lower(b["name"].is_null() ? b["handles"][0]["value"].get<std::string>() : b["name"].get<std::string>());
        EXPECT_TRUE(ka < kb || (ka == kb && ids_ascend)) << ka << " / " << kb;
      } else if (sort == "last") {
        const std::string la = a["last_interaction"].is_null() ? "" : a["last_interaction"].get<std::string>();
        const std::string lb = b["last_interaction"].is_null() ? "" : b["last_interaction"].get<std::string>();
        EXPECT_TRUE(la > lb || (la == lb && ids_ascend)) << la << " / " << lb;
      } else if (sort == "count") {
        EXPECT_TRUE(total(a) > total(b) || (total(a) == total(b) && ids_ascend)) << a["id"] << " / " << b["id"];
      } else {
        const double sa = a["strength"], sb = b["strength"];
        EXPECT_TRUE(sa > sb || (sa == sb && ids_ascend)) << sa << " / " << sb;
      }
    }
  }
}

TEST_F(SampleEndToEnd, SecondSyncChangesNothing) {
  kith_json({"sync"});
  const json before = kith_json({"contacts"});
  const json again = kith_json({"sync"});
  EXPECT_EQ(again[0]["result"], "ok");
  EXPECT_EQ(again[0]["items"], 0);
  EXPECT_EQ(again[0]["interactions_added"], 0);
  EXPECT_EQ(kith_json({"contacts"}), before);
}

TEST_F(SampleEndToEnd, HistoryIsNewestFirst) {
  kith_json({"sync"});
  const json h = kith_json({"history", "Dana@Example.NET"});
  // Her card lists both her addresses: one person.
  EXPECT_EQ(h["contact"]["addresses"], json::array({"dana.whitfield@example.com", "dana@example.net"}));
  const auto& entries = h["interactions"];
  ASSERT_EQ(entries.size(), 5u);  // 1 sent, 3 received, 1 meeting
  for (std::size_t i = 1; i < entries.size(); ++i)
    EXPECT_GE(entries[i - 1]["when"].get<std::string>(), entries[i]["when"].get<std::string>());
  EXPECT_EQ(entries[0]["kind"], "meeting");
  EXPECT_EQ(entries[0]["direction"], "mutual");
  EXPECT_EQ(entries[0]["account"], "sample");
  // Each mail's subject and the meeting's title (SUMMARY), from the files.
  EXPECT_EQ(entries[0]["subject"], "Dinner at Dana's");
  EXPECT_EQ(entries[1]["subject"], "Intro: Dana, new role");    // 2025-07-01, to her other address
  EXPECT_EQ(entries[2]["subject"], "Re: Book recommendation");  // 2025-06-18, received
  EXPECT_EQ(entries[3]["subject"], "Re: Book recommendation");  // 2025-05-07, sent
  EXPECT_EQ(entries[4]["subject"], "Book recommendation");
  // By id, too.
  const json by_id = kith_json({"history", std::to_string(h["contact"]["id"].get<int>())});
  EXPECT_EQ(by_id["interactions"], entries);
  // --limit: the newest rows; the total counts them all.
  EXPECT_EQ(h["total"], 5);
  const json two = kith_json({"history", "dana@example.net", "--limit", "2"});
  EXPECT_EQ(two["interactions"], json::array({entries[0], entries[1]}));
  EXPECT_EQ(two["total"], 5);
  EXPECT_FALSE(two.contains("months"));
  // --months: the past interactions of the last N months by kind, the
  // months oldest first, as counted here from the rows.
  // On 10 June 2025 the mail of the 18th is not history yet.
  for (const std::string as_of :
       {"2025-06-10T00:00:00Z", "2025-06-30T12:00:00Z", "2026-03-01T00:00:00Z", "2027-12-31T00:00:00Z"}) {
    SCOPED_TRACE(as_of);
    const json all = kith_json({"--as-of", as_of, "history", "dana@example.net"});
    const json counted = kith_json({"--as-of", as_of, "history", "dana@example.net", "--months", "24"});
    ASSERT_EQ(counted["months"].size(), 24u);
    EXPECT_EQ(counted["months"][23]["month"], as_of.substr(0, 7));
    std::map<std::string, std::map<std::string, int>> expected;
    const std::string first = counted["months"][0]["month"];
    for (const auto& i : all["interactions"]) {
      // Past: not upcoming, not after as-of (same format: compared as text).
      if (!i["upcoming"].get<bool>() && i["when"].get<std::string>() <= as_of &&
          i["when"].get<std::string>().substr(0, 7) >= first)
        ++expected[i["when"].get<std::string>().substr(0, 7)][i["kind"].get<std::string>()];
    }
    std::map<std::string, std::map<std::string, int>> got;
    for (std::size_t m = 0; m < 24; ++m) {
      if (m > 0) {
        EXPECT_LT(counted["months"][m - 1]["month"], counted["months"][m]["month"]);
      }
      for (const auto& [kind, n] : counted["months"][m]["counts"].items())
        got[counted["months"][m]["month"]][kind] = n.get<int>();
    }
    EXPECT_EQ(got, expected);
  }
  EXPECT_EQ(kith_json({"--as-of", "2025-06-30T12:00:00Z", "history", "dana@example.net", "--months", "2"})["months"],
            json::parse(R"([{"counts": {"email_received": 1, "email_sent": 1}, "month": "2025-05"},
                            {"counts": {"email_received": 1}, "month": "2025-06"}])"))
      << "the mail of 1 July is after as-of";
  EXPECT_NE(kith({"history", "dana@example.net", "--months", "0"}).exit_code, 0);
  // And the human view prints every row.
  auto text = kith({"history", "dana@example.net"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("email_received"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("SUBJECT / TITLE"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Dinner at Dana's"), std::string::npos) << text.out;
}

TEST_F(SampleEndToEnd, StatusReportsTheRunAndTheSkippedItem) {
  kith_json({"sync"});
  const json status = kith_json({"status"});
  ASSERT_EQ(status["accounts"].size(), 2u);
  EXPECT_EQ(status["accounts"][1]["name"], "linkedin");
  EXPECT_EQ(status["accounts"][1]["last_run"]["items"], 8);
  const auto& a = status["accounts"][0];
  EXPECT_EQ(a["name"], "sample");
  EXPECT_EQ(a["provider"], "local");
  EXPECT_EQ(a["last_run"]["result"], "ok");
  EXPECT_EQ(a["last_run"]["items"], 66);
  EXPECT_FALSE(a["last_success"].is_null());
  ASSERT_EQ(a["item_errors"].size(), 1u);
  EXPECT_EQ(a["item_errors"][0]["collection"], "work");
  EXPECT_EQ(a["item_errors"][0]["item"], "broken-export.ics");
  EXPECT_EQ(status["contacts"], std::size(kExpected) - 1 + 2);  // Dana once; Noor and Lena's profile
  auto text = kith({"status"});
  EXPECT_NE(text.out.find("quarantined work/broken-export.ics"), std::string::npos) << text.out;
  // The provider moved past it; it stays quarantined, listed once.
  kith_json({"sync"});
  const json later = kith_json({"status"});
  EXPECT_EQ(later["accounts"][0]["last_run"]["item_errors"], 0);
  EXPECT_EQ(later["accounts"][0]["quarantined"], 1);
}

TEST_F(SampleEndToEnd, DeletedEventsLeaveTheHistoryOnlyWhenNoCalendarHoldsThem) {
  kith_json({"sync"});
  auto ben_meetings = [&] {
    const json c = kith_json({"history", "ben.okafor@example.com"});
    int n = 0;
    for (const auto& e : c["interactions"]) n += e["kind"] == "meeting";
    return n;
  };
  ASSERT_EQ(ben_meetings(), 3);  // design review, team offsite, team dinner
  fs::remove(dir / "data/calendars/work/design-review.ics");
  const json first = kith_json({"sync"});
  EXPECT_EQ(first[0]["interactions_removed"], 2);  // Priya and Ben
  EXPECT_EQ(ben_meetings(), 2);
  // The team dinner is in both calendars: one copy going changes nothing.
  fs::remove(dir / "data/calendars/work/team-dinner.ics");
  kith_json({"sync"});
  EXPECT_EQ(ben_meetings(), 2);
  fs::remove(dir / "data/calendars/personal/team-dinner.ics");
  kith_json({"sync"});
  EXPECT_EQ(ben_meetings(), 1);
  // Mail stays when the message file goes (rule 7).
  for (const auto& f : fs::directory_iterator(dir / "data/mail/.Sent/cur")) fs::remove(f.path());
  kith_json({"sync"});
  const json c = kith_json({"history", "ben.okafor@example.com"});
  EXPECT_EQ(c["contact"]["counts"]["email_sent"], 3);
}

}  // namespace
}  // namespace kith::test

namespace kith::test {
namespace {

// `kith milestones` on the sample's cards and first meetings, exactly.
TEST_F(SampleEndToEnd, MilestonesComeFromCardsAndFirstMeetings) {
  kith_json({"sync"});
  // 1 to 31 December 2026 and back to 1 November: Yuko was first met on
  // 4 November 2025 (one year: a round one); Lena's LinkedIn connection
  // was made on 2 December 2025 and her first message came that day; Dana's
  // card gives her birthday without a year (Apple's X-APPLE-OMIT-YEAR);
  // Marcus connected on 19 December 2021 (five years: round).
  // The three people first seen at DevTools Summit 2026 (17-19 November)
  // and just after it: a first interaction of this year.
  const json list = kith_json({"--as-of", "2026-12-01", "milestones"});
  const json yuko = kith_json({"show", "yuko.tanaka@example.com"});
  const json dana = kith_json({"show", "dana@example.net"});
  const json lena = kith_json({"show", "https://www.linkedin.com/in/lena-hoffmann-berlin"});
  const json marcus = kith_json({"show", "marcus.feld@example.com"});
  const json amara = kith_json({"show", "amara.osei@example.com"});
  const json rafael = kith_json({"show", "rafael.costa@example.net"});
  const json sofia = kith_json({"show", "sofia.almeida@example.org"});
  auto first_met = [](const json& person, const char* name, const char* date) {
    return json({{"id", person["id"]}, {"name", name}, {"kind", "met"}, {"date", date}, {"years", nullptr},
                 {"detail", "first interaction"}});
  };
  // Amara and Rafael on the same day: by id.
  const bool amara_first = amara["id"].get<long>() < rafael["id"].get<long>();
  const json amara_met = first_met(amara, "Amara Osei", "2026-11-17");
  const json rafael_met = first_met(rafael, "Rafael Costa", "2026-11-17");
  EXPECT_EQ(list, json::array({
                      {{"id", yuko["id"]}, {"name", "田中 優子"}, {"kind", "met"}, {"date", "2026-11-04"}, {"years", 1},
                       {"detail", "first interaction 1 year ago"}},
                      amara_first ? amara_met : rafael_met,
                      amara_first ? rafael_met : amara_met,
                      first_met(sofia, "Sofia Almeida", "2026-11-20"),
                      {{"id", lena["id"]}, {"name", "Lena Hoffmann"}, {"kind", "connected"}, {"date", "2026-12-02"},
                       {"years", 1}, {"detail", "connected 1 year ago"}},
                      {{"id", lena["id"]}, {"name", "Lena Hoffmann"}, {"kind", "met"}, {"date", "2026-12-02"},
                       {"years", 1}, {"detail", "first interaction 1 year ago"}},
                      {{"id", dana["id"]}, {"name", "Dana Whitfield"}, {"kind", "birthday"}, {"date", "2026-12-12"},
                       {"years", nullptr}, {"detail", "birthday"}},
                      {{"id", marcus["id"]}, {"name", "Marcus Feld"}, {"kind", "connected"}, {"date", "2026-12-19"},
                       {"years", 5}, {"detail", "connected 5 years ago"}},
                  }))
      << list.dump(1);
  // Priya's card has her birth year: her age on 14 March 2027.
  const json march = kith_json({"--as-of", "2027-03-10", "milestones", "--within", "7d", "--past", "0d"});
  ASSERT_EQ(march.size(), 1u) << march.dump(1);
  EXPECT_EQ(march[0]["name"], "Priya Raman");
  EXPECT_EQ(march[0]["years"], 39);
  EXPECT_EQ(march[0]["detail"], "turns 39");

  // Her address book says Dana moved: a job change, seen by this sync.
  const fs::path card = dir / "data" / "contacts" / "default" / "dana-whitfield.vcf";
  std::ifstream in(card);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  text = std::regex_replace(text, std::regex("ORG:Initech;Platform"), "ORG:Acme Corp");
  text = std::regex_replace(text, std::regex("TITLE:Staff Engineer"), "TITLE:VP Engineering");
  std::ofstream(card, std::ios::trunc) << text;
  const auto before = fs::last_write_time(card);
  fs::last_write_time(card, before + std::chrono::seconds(5));  // a new mtime, whatever the clock's resolution
  kith_json({"sync"});
  const json changes = kith_json({"milestones", "--within", "0d", "--past", "1d"});
  std::vector<json> job_changes;
  for (const auto& m : changes)
    if (m["kind"] == "job_change") job_changes.push_back(m);
  ASSERT_EQ(job_changes.size(), 1u) << changes.dump(1);
  EXPECT_EQ(job_changes[0]["name"], "Dana Whitfield");
  EXPECT_EQ(job_changes[0]["detail"], "now VP Engineering at Acme Corp (was Staff Engineer at Initech)");
  const json shown = kith_json({"show", "dana@example.net"});
  EXPECT_EQ(shown["organization"], "Acme Corp");
  ASSERT_EQ(shown["positions"].size(), 2u);
  EXPECT_EQ(shown["positions"][0]["title"], "Staff Engineer");
  EXPECT_EQ(shown["positions"][1]["title"], "VP Engineering");
  // The same card again is no new change.
  fs::last_write_time(card, before + std::chrono::seconds(10));
  kith_json({"sync"});
  EXPECT_EQ(kith_json({"show", "dana@example.net"})["positions"].size(), 2u);
}

// `kith network`, checked against what `kith contacts` says of the same
// people at the same moment (another way to the same counts).
TEST_F(SampleEndToEnd, NetworkSharesAgreeWithTheContactList) {
  kith_json({"sync"});
  const json contacts = kith_json({"--as-of", "2026-12-01", "contacts"});
  const json network = kith_json({"--as-of", "2026-12-01", "network"});
  EXPECT_EQ(network["by"], "org");
  // Each person's organization: their card's, else their address's domain
  // (the sample's domains are no free mail).
  std::map<std::string, std::pair<int, int>> expected;  // org -> (people, interactions)
  int total = 0;
  for (const auto& c : contacts) {
    std::string org = c["card"].is_object() && c["card"]["organization"].is_string()
                          ? c["card"]["organization"].get<std::string>()
                      : c["addresses"].empty()
                          ? "(unknown)"
                          : c["addresses"][0].get<std::string>().substr(c["addresses"][0].get<std::string>().find('@') + 1);
    const int n = c["counts"]["email_sent"].get<int>() + c["counts"]["email_received"].get<int>() +
                  c["counts"]["meeting"].get<int>() + c["conversation_counts"]["message_sent"].get<int>() +
                  c["conversation_counts"]["message_received"].get<int>();
    expected[org].first += 1;
    expected[org].second += n;
    total += n;
  }
  ASSERT_EQ(network["groups"].size(), expected.size()) << network.dump(1);
  double hhi = 0, top = 0;
  for (const auto& [org, facts] : expected) {
    const double share = static_cast<double>(facts.second) / total;
    hhi += share * share;
    top = std::max(top, share);
  }
  for (const auto& g : network["groups"]) {
    SCOPED_TRACE(g.dump());
    const auto it = expected.find(g["key"]);
    ASSERT_NE(it, expected.end());
    EXPECT_EQ(g["people"], it->second.first);
    EXPECT_EQ(g["interactions"], it->second.second);
    EXPECT_NEAR(g["interaction_share"].get<double>(), static_cast<double>(it->second.second) / total, 1e-12);
  }
  EXPECT_EQ(network["groups"][0]["key"], "Northwind Labs");  // Priya's weekly 1:1
  EXPECT_NEAR(network["top_share"].get<double>(), top, 1e-12);
  EXPECT_NEAR(network["hhi"].get<double>(), hhi, 1e-12);
  EXPECT_NEAR(network["effective_groups"].get<double>(), 1 / hhi, 1e-9);
  // New people per quarter, from each contact's first interaction.
  ASSERT_EQ(network["quarters"].size(), 8u);
  EXPECT_EQ(network["quarters"][0]["quarter"], "2025-Q1");
  EXPECT_EQ(network["quarters"][7]["quarter"], "2026-Q4");
  std::map<std::string, int> new_people;
  for (const auto& c : contacts) {
    const std::string first = c["first_interaction"];
    const int month = std::stoi(first.substr(5, 2));
    new_people[first.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1)] += 1;
  }
  for (const auto& q : network["quarters"]) EXPECT_EQ(q["new_people"], new_people[q["quarter"]]) << q.dump();
  // The other views cover the same people.
  for (const char* by : {"domain", "source", "tag", "year-met"}) {
    SCOPED_TRACE(by);
    const json view = kith_json({"--as-of", "2026-12-01", "network", "--by", by});
    EXPECT_EQ(view["by"], by);
    int people = 0;
    for (const auto& g : view["groups"]) people += g["people"].get<int>();
    if (std::string(by) == "source") {
      // Dana is in both accounts (mail, and a LinkedIn connection), and so
      // is Marcus.
      EXPECT_EQ(people, static_cast<int>(contacts.size()) + 2);
    } else {
      EXPECT_EQ(people, static_cast<int>(contacts.size()));  // one group each: the sample has no tags
    }
  }
  // A table for people; the bars and the sparkline only on a terminal.
  const auto text = kith({"--as-of", "2026-12-01", "network"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Northwind Labs"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("█"), std::string::npos) << "no bars in a pipe";
  EXPECT_NE(kith({"network", "--by", "planet"}).exit_code, 0);
  // Several groupings at once (the dashboard's one read): each as alone.
  const json several = kith_json({"--as-of", "2026-12-01", "network", "--by", "org,source,year-met"});
  ASSERT_TRUE(several.is_array());
  ASSERT_EQ(several.size(), 3u);
  EXPECT_EQ(several[0], network);
  EXPECT_EQ(several[1], kith_json({"--as-of", "2026-12-01", "network", "--by", "source"}));
  EXPECT_EQ(several[2], kith_json({"--as-of", "2026-12-01", "network", "--by", "year-met"}));
  const auto unknown = kith({"network", "--by", "org,planet"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("'planet'"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.err.find("'org"), std::string::npos) << unknown.err;
}

// On a terminal (util-linux `script`): a bar per group, a sparkline.
TEST_F(SampleEndToEnd, NetworkDrawsBarsAndASparklineOnATerminal) {
  if (!have_pty()) GTEST_SKIP() << "no pseudo-terminals here (/dev/pts not mounted)";
  kith_json({"sync"});
  const std::string command = "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " " +
                              shell_quote(std::string(KITH_BINARY_DIR) + "/bin/kith") + " --config " +
                              shell_quote((dir / "kith.toml").string()) + " --db " +
                              shell_quote((dir / "history.db").string()) + " --as-of 2026-12-01 network";
  ASSERT_EQ(std::system(("script -qec " + shell_quote(command) + " /dev/null </dev/null >" +
                         shell_quote((dir / "tty.txt").string()) + " 2>&1")
                            .c_str()),
            0);
  const std::string tty = read_file(dir / "tty.txt");
  EXPECT_NE(tty.find("█"), std::string::npos) << tty;
  EXPECT_NE(tty.find("HHI by quarter: "), std::string::npos) << tty;
}

}  // namespace
}  // namespace kith::test

namespace kith::test {
namespace {

// A newer LinkedIn export where two connections changed jobs: exactly
// those two job changes, and the messages keep their direction.
TEST_F(SampleEndToEnd, ANewerLinkedInExportWithTwoJobChangesGivesExactlyThoseTwo) {
  kith_json({"sync"});
  const json lena = kith_json({"show", "https://www.linkedin.com/in/lena-hoffmann-berlin"});
  EXPECT_EQ(lena["counts"], json({{"message_received", 1}, {"message_sent", 1}}));
  const json noor = kith_json({"show", "https://www.linkedin.com/in/noor-haddad"});
  EXPECT_EQ(noor["counts"], json({{"message_received", 2}}));  // her message and her invitation

  const fs::path connections = dir / "data" / "linkedin" / "Connections.csv";
  std::ifstream in(connections);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  text = std::regex_replace(text, std::regex("dana@example.net,Initech,Staff Engineer"),
                            "dana@example.net,Acme Corp,VP Engineering");
  text = std::regex_replace(text, std::regex("Contoso Ltd.,Sales Director"), "Globex,Chief Revenue Officer");
  std::ofstream(connections, std::ios::trunc) << text;
  const json again = kith_json({"sync"});
  EXPECT_EQ(again[1]["items"], 2) << "only the two changed connections";
  EXPECT_EQ(again[1]["interactions_added"], 0);

  std::vector<std::string> job_changes;
  for (const auto& m : kith_json({"milestones", "--within", "0d", "--past", "1d"}))
    if (m["kind"] == "job_change") job_changes.push_back(m["name"].get<std::string>() + ": " + m["detail"].get<std::string>());
  std::sort(job_changes.begin(), job_changes.end());
  EXPECT_EQ(job_changes, (std::vector<std::string>{
                             "Dana Whitfield: now VP Engineering at Acme Corp (was Staff Engineer at Initech)",
                             "Marcus Feld: now Chief Revenue Officer at Globex (was Sales Director at Contoso Ltd.)"}));
  // The newest card decides where they work now.
  EXPECT_EQ(kith_json({"show", "marcus.feld@example.com"})["organization"], "Globex");
  EXPECT_EQ(kith_json({"show", "https://www.linkedin.com/in/noor-haddad"})["counts"], noor["counts"]);
}

}  // namespace
}  // namespace kith::test

namespace kith::test {
namespace {

// Events, follow-ups and virtual coffees (relate/Events.h) on the sample,
// at its reference time. DevTools Summit 2026 (conferences/, 17-19
// November, Lisbon) lists Rafael Costa (organizer), Amara Osei and Priya;
// Sofia Almeida first wrote on 20 November ("Great to meet you at DevTools
// Summit"); Alex wrote to Amara on 21 November and meets Priya every
// Tuesday. Virtual coffees: Zoom with José (April), Google Meet with Grace
// (October). See samples/data/README.md.
constexpr const char* kAsOf = "2026-11-26T12:00:00Z";
// "c" and ten hex digits of the FNV-1a hash of "cal:<UID>|": the same on
// every machine and in every store.
constexpr const char* kSummit = "cd1079105f7";

class SampleEvents : public SampleEndToEnd {
 protected:
  void SetUp() override {
    SampleEndToEnd::SetUp();
    kith_json({"sync"});
    for (const char* address : {"priya.raman@example.com", "sofia.almeida@example.org", "amara.osei@example.com",
                                "rafael.costa@example.net", "grace.kim@example.org", "jose.martinez@example.org",
                                "tom.becker@example.org"})
      ids[address] = kith_json({"show", address})["id"];
  }

  json at_now(std::vector<std::string> args) {
    args.insert(args.begin(), {"--as-of", kAsOf});
    return kith_json(std::move(args));
  }

  // People listed by id, as `kith event` and `kith followups` list them.
  json by_id(std::vector<json> people) const {
    std::sort(people.begin(), people.end(),
              [](const json& a, const json& b) { return a["id"].get<long>() < b["id"].get<long>(); });
    return json(people);
  }

  static json summit_head() {
    return {{"end", "2026-11-20T00:00:00Z"}, {"id", kSummit}, {"title", "DevTools Summit 2026"}};
  }

  json met(const char* address, const char* name, const char* how, bool is_new, bool followed_up) {
    return {{"followed_up", followed_up}, {"id", ids.at(address)}, {"met", how}, {"name", name}, {"new", is_new}};
  }

  std::map<std::string, json> ids;
};

TEST_F(SampleEvents, TheConferenceIsTheOnlyEventAndListsWhoWasMetThere) {
  const json summit = {{"end", "2026-11-20T00:00:00Z"}, {"followed_up", 2},          {"id", kSummit},
                       {"new_people", 3},              {"not_followed_up", 2},      {"people", 4},
                       {"source", "calendar"},         {"start", "2026-11-17T00:00:00Z"}, {"title", "DevTools Summit 2026"}};
  EXPECT_EQ(at_now({"events", "--past", "365d", "--upcoming", "90d"}), json::array({summit}));
  // Nothing else in the sample is an event, however far back or ahead:
  // no occurrence lists 6 others; the team offsite is all day but has no
  // LOCATION; the team dinner, Q2 planning and the dentist have one but
  // last hours; only the conference is in the [events] calendar.
  EXPECT_EQ(at_now({"events", "--past", "3650d", "--upcoming", "3650d"}), json::array({summit}));
  // The default window (90 days back) holds it too; from 1 December on, with
  // nothing back, nothing is left.
  EXPECT_EQ(at_now({"events"}), json::array({summit}));
  EXPECT_EQ(kith_json({"--as-of", "2026-12-01", "events", "--past", "0d"}), json::array());

  // Priya is listed and was known before; Rafael and Amara are listed and
  // new; Sofia is not listed, but her first interaction came the day after
  // (within [events] met_window_days): likely. Alex wrote to Amara and
  // met Priya since; not Rafael, not Sofia.
  json shown = summit_head();
  shown["start"] = "2026-11-17T00:00:00Z";
  shown["people"] = by_id({met("priya.raman@example.com", "Priya Raman", "confirmed", false, true),
                           met("sofia.almeida@example.org", "Sofia Almeida", "likely", true, false),
                           met("amara.osei@example.com", "Amara Osei", "confirmed", true, true),
                           met("rafael.costa@example.net", "Rafael Costa", "confirmed", true, false)});
  EXPECT_EQ(at_now({"event", kSummit}), shown);
  // By its title too, without case.
  EXPECT_EQ(at_now({"event", "devtools summit 2026"}), shown);
  const auto text = kith({"--as-of", kAsOf, "event", kSummit});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("DevTools Summit 2026 (cd1079105f7, 2026-11-17 - 2026-11-19)"), std::string::npos) << text.out;

  // `kith show`: where Sofia was met.
  const json sofia = at_now({"show", "sofia.almeida@example.org"});
  EXPECT_EQ(sofia["met_at"], json::array({{{"event",
                                            {{"end", "2026-11-20T00:00:00Z"},
                                             {"id", kSummit},
                                             {"start", "2026-11-17T00:00:00Z"},
                                             {"title", "DevTools Summit 2026"}}},
                                           {"followed_up", false},
                                           {"met", "likely"},
                                           {"new", true}}}));
  EXPECT_EQ(sofia["coffees"], 0);
  EXPECT_TRUE(sofia["last_coffee"].is_null());
  EXPECT_EQ(at_now({"show", "priya.raman@example.com"})["met_at"][0]["met"], "confirmed");
  EXPECT_EQ(at_now({"show", "grace.kim@example.org"})["met_at"], json::array());
}

// `kith week` (the dashboard's first page): the five lists from one read
// of everyone, each exactly as its own command prints it, at moments when
// each of them has people.
TEST_F(SampleEvents, TheWeekIsTheFiveListsAsTheirOwnCommandsPrintThem) {
  const std::vector<std::pair<const char*, std::vector<std::string>>> lists = {
      {"due", {"due"}}, {"awaiting", {"awaiting"}}, {"drift", {"drift"}}, {"followups", {"followups"}},
      {"milestones", {"milestones", "--within", "14d", "--past", "0d"}}};
  std::map<std::string, std::size_t> most;  // the longest each list was
  for (const char* as_of : {kAsOf, "2026-12-01", "2027-03-10T09:00:00Z"}) {
    SCOPED_TRACE(as_of);
    const json week = kith_json({"--as-of", as_of, "week", "--limit", "0"});
    const json first = kith_json({"--as-of", as_of, "week", "--limit", "1"});
    for (const auto& [name, command] : lists) {
      SCOPED_TRACE(name);
      std::vector<std::string> args = {"--as-of", as_of};
      args.insert(args.end(), command.begin(), command.end());
      const json alone = kith_json(args);
      EXPECT_EQ(week[name]["rows"], alone);
      EXPECT_EQ(week[name]["count"], alone.size());
      // --limit: the first rows, the count of all.
      EXPECT_EQ(first[name]["count"], alone.size());
      EXPECT_EQ(first[name]["rows"], alone.empty() ? json::array() : json::array({alone[0]}));
      most[name] = std::max(most[name], alone.size());
    }
  }
  for (const auto& [name, command] : lists) EXPECT_GE(most[name], 1u) << name << " was empty at every moment";
  // A table per list, and the command that shows the rest.
  const auto text = kith({"--as-of", "2026-12-01", "week", "--limit", "2"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Due: 12, the first 2 (all: kith due)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Drifting: 3, the first 2 (all: kith drift)"), std::string::npos) << text.out;
  const auto bad = kith({"week", "--limit", "-1"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(SampleEvents, FollowUpsAreWhoWasMetAndNotWrittenToSince) {
  auto follow_up = [&](const char* address, const char* name, const char* how) {
    return json({{"event", summit_head()}, {"id", ids.at(address)}, {"met", how}, {"name", name}});
  };
  const json expected = by_id({follow_up("sofia.almeida@example.org", "Sofia Almeida", "likely"),
                               follow_up("rafael.costa@example.net", "Rafael Costa", "confirmed")});
  EXPECT_EQ(at_now({"followups"}), expected);
  EXPECT_EQ(at_now({"followups", "--days", "30"}), expected);
  // It ended six and a half days before: not within five.
  EXPECT_EQ(at_now({"followups", "--days", "5"}), json::array());
  // Nor before it ended.
  EXPECT_EQ(kith_json({"--as-of", "2026-11-18", "followups"}), json::array());
  const auto text = kith({"--as-of", kAsOf, "followups"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Sofia Almeida"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("likely"), std::string::npos) << text.out;

  // `kith due` lists them. Sofia (never written to) is due by the cadence
  // as well; Rafael (met at the summit) not yet: a follow-up only, three
  // days after the event, after the cadence list.
  const json due = at_now({"due"});
  std::vector<json> follow_ups;
  for (const auto& p : due)
    if (!p["followup"].is_null()) follow_ups.push_back(p);
  const json summit_followup = {{"event", summit_head()}, {"met", "likely"}};
  ASSERT_EQ(follow_ups.size(), 2u) << due.dump(1);
  EXPECT_EQ(follow_ups[0], json({{"awaiting_reply", true},
                                 {"cadence_days", 90},
                                 {"due_at", kAsOf},
                                 {"followup", summit_followup},
                                 {"id", ids.at("sofia.almeida@example.org")},
                                 {"last_touch", nullptr},
                                 {"milestone", nullptr},
                                 {"name", "Sofia Almeida"},
                                 {"overdue_days", 0},
                                 {"planned_meeting", nullptr},
                                 {"reason", "cadence; follow up after DevTools Summit 2026"}}));
  json rafael_followup = summit_followup;
  rafael_followup["met"] = "confirmed";
  EXPECT_EQ(follow_ups[1], json({{"awaiting_reply", false},
                                 {"cadence_days", nullptr},
                                 {"due_at", "2026-11-23T00:00:00Z"},
                                 {"followup", rafael_followup},
                                 {"id", ids.at("rafael.costa@example.net")},
                                 {"last_touch", {{"at", "2026-11-17T00:00:00Z"}, {"kind", "meeting"}}},
                                 {"milestone", nullptr},
                                 {"name", "Rafael Costa"},
                                 {"overdue_days", nullptr},
                                 {"planned_meeting", nullptr},
                                 {"reason", "follow up after DevTools Summit 2026"}}));
  EXPECT_EQ(due.back(), follow_ups[1]);
  for (const auto& p : due) {
    if (p["followup"].is_null()) {
      EXPECT_EQ(p["reason"], "cadence") << p.dump();
    }
  }
}

TEST_F(SampleEvents, VirtualCoffeesByMonthAndPerson) {
  const json grace = {{"at", "2026-10-14T16:30:00Z"},
                      {"people", json::array({{{"id", ids.at("grace.kim@example.org")}, {"name", "Grace Kim"}}})},
                      {"title", "Coffee with Grace"}};
  auto months = [](std::vector<std::pair<std::string, int>> counts) {
    json out = json::array();
    for (const auto& [month, count] : counts) out.push_back({{"count", count}, {"month", month}});
    return out;
  };
  // 120 days back from 26 November: from 29 July, every month shown.
  EXPECT_EQ(at_now({"coffees", "--past", "120d"}),
            json({{"coffees", json::array({grace})},
                  {"months", months({{"2026-07", 0}, {"2026-08", 0}, {"2026-09", 0}, {"2026-10", 1}, {"2026-11", 0}})}}));
  // A year back: José's Zoom call in April too (its tel: dial-in is no person).
  const json jose = {{"at", "2026-04-08T17:00:00Z"},
                     {"people", json::array({{{"id", ids.at("jose.martinez@example.org")}, {"name", "José Martínez"}}})},
                     {"title", "Catch-up with Jose"}};
  EXPECT_EQ(at_now({"coffees", "--past", "365d"}),
            json({{"coffees", json::array({jose, grace})},
                  {"months", months({{"2025-11", 0}, {"2025-12", 0}, {"2026-01", 0}, {"2026-02", 0}, {"2026-03", 0},
                                     {"2026-04", 1}, {"2026-05", 0}, {"2026-06", 0}, {"2026-07", 0}, {"2026-08", 0},
                                     {"2026-09", 0}, {"2026-10", 1}, {"2026-11", 0}})}}));
  // Before the call it had not taken place.
  EXPECT_EQ(kith_json({"--as-of", "2026-10-14T16:00:00Z", "coffees", "--past", "30d"})["coffees"], json::array());

  const json grace_shown = at_now({"show", "grace.kim@example.org"});
  EXPECT_EQ(grace_shown["coffees"], 1);
  EXPECT_EQ(grace_shown["last_coffee"], "2026-10-14T16:30:00Z");
  const json jose_shown = at_now({"show", "jose.martinez@example.org"});
  EXPECT_EQ(jose_shown["coffees"], 1);
  EXPECT_EQ(jose_shown["last_coffee"], "2026-04-08T17:00:00Z");

  // `kith contacts`: a coffee each for José and Grace, none for anyone else.
  std::map<std::string, int> coffees, expected;
  for (const auto& c : at_now({"contacts"})) {
    const auto key = c["handles"][0]["value"].get<std::string>();
    coffees[key] = c["coffees"].get<int>();
    expected[key] = 0;
  }
  expected["jose.martinez@example.org"] = 1;
  expected["grace.kim@example.org"] = 1;
  EXPECT_EQ(expected.size(), 15u);
  EXPECT_EQ(coffees, expected);
}

TEST_F(SampleEvents, ConfirmRejectAndDeclare) {
  const std::string sofia = ids.at("sofia.almeida@example.org").dump();
  // Confirmed: no longer "likely".
  EXPECT_EQ(at_now({"event", "confirm", kSummit, "sofia.almeida@example.org"}),
            json({{"event", kSummit}, {"id", ids.at("sofia.almeida@example.org")}, {"met", "confirmed"}}));
  json people = at_now({"event", kSummit})["people"];
  EXPECT_EQ(people, by_id({met("priya.raman@example.com", "Priya Raman", "confirmed", false, true),
                           met("sofia.almeida@example.org", "Sofia Almeida", "confirmed", true, false),
                           met("amara.osei@example.com", "Amara Osei", "confirmed", true, true),
                           met("rafael.costa@example.net", "Rafael Costa", "confirmed", true, false)}));
  EXPECT_EQ(at_now({"show", sofia})["met_at"][0]["met"], "confirmed");
  // Rejected (by the event's title and her name): not met there at all,
  // nor to follow up.
  EXPECT_EQ(kith({"--as-of", kAsOf, "event", "reject", "DevTools Summit 2026", "Sofia"}).exit_code, 0);
  people = at_now({"event", kSummit})["people"];
  EXPECT_EQ(people, by_id({met("priya.raman@example.com", "Priya Raman", "confirmed", false, true),
                           met("amara.osei@example.com", "Amara Osei", "confirmed", true, true),
                           met("rafael.costa@example.net", "Rafael Costa", "confirmed", true, false)}));
  const json listed = at_now({"events"});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["people"], 3);
  EXPECT_EQ(listed[0]["new_people"], 2);
  EXPECT_EQ(listed[0]["not_followed_up"], 1);
  EXPECT_EQ(at_now({"show", sofia})["met_at"], json::array());
  const json followups = at_now({"followups"});
  ASSERT_EQ(followups.size(), 1u);
  EXPECT_EQ(followups[0]["name"], "Rafael Costa");

  // A declared event with a tag: whom the user confirms gets the tag.
  EXPECT_EQ(at_now({"event", "add", "Meetup", "--from", "2026-11-20", "--tag", "meetup"}), json({{"id", "d1"}}));
  EXPECT_EQ(at_now({"event", "confirm", "d1", "tom.becker@example.org"}),
            json({{"event", "d1"}, {"id", ids.at("tom.becker@example.org")}, {"met", "confirmed"}}));
  // The day of the meetup, and Sofia (rejected at the summit only) first
  // wrote that day: likely met there.
  EXPECT_EQ(at_now({"event", "Meetup"}),
            json({{"end", "2026-11-21T00:00:00Z"},
                  {"id", "d1"},
                  {"start", "2026-11-20T00:00:00Z"},
                  {"title", "Meetup"},
                  {"people", by_id({met("sofia.almeida@example.org", "Sofia Almeida", "likely", true, false),
                                    met("tom.becker@example.org", "Tom Becker", "confirmed", false, false)})}}));
  const json tom = at_now({"show", "tom.becker@example.org"});
  EXPECT_EQ(tom["tags"], json::array({"meetup"}));
  EXPECT_EQ(tom["met_at"], json::array({{{"event",
                                          {{"end", "2026-11-21T00:00:00Z"},
                                           {"id", "d1"},
                                           {"start", "2026-11-20T00:00:00Z"},
                                           {"title", "Meetup"}}},
                                         {"followed_up", false},
                                         {"met", "confirmed"},
                                         {"new", false}}}));
  EXPECT_EQ(at_now({"show", sofia})["tags"], json::array()) << "likely is not confirmed: no tag";
  const json with_meetup = at_now({"events"});
  ASSERT_EQ(with_meetup.size(), 2u);
  EXPECT_EQ(with_meetup[1]["source"], "declared");
  // Removed, the event goes; the tag stays.
  EXPECT_EQ(kith({"--as-of", kAsOf, "event", "remove", "d1"}).exit_code, 0);
  EXPECT_EQ(at_now({"events"}).size(), 1u);
  EXPECT_EQ(at_now({"show", "tom.becker@example.org"})["tags"], json::array({"meetup"}));
  EXPECT_EQ(at_now({"show", "tom.becker@example.org"})["met_at"], json::array());
}

TEST_F(SampleEvents, ABadEventIsRefusedWithItsName) {
  const std::vector<std::vector<std::string>> commands = {
      {"event", "nosuch-event"},
      {"event", "confirm", "nosuch-event", "sofia.almeida@example.org"},
      {"event", "reject", "nosuch-event", "Sofia"},
      {"event", "remove", "nosuch-event"},
      {"event", "d9"},
      {"event", "confirm", "c0000000000", "Sofia"}};
  for (const bool as_json : {false, true}) {
    for (const auto& args : commands) {
      std::vector<std::string> full = {"--as-of", kAsOf};
      full.insert(full.end(), args.begin(), args.end());
      if (as_json) full.push_back("--json");
      SCOPED_TRACE(::testing::PrintToString(full));
      const auto r = kith(full);
      EXPECT_EQ(r.exit_code, 1);
      EXPECT_EQ(r.out, "");
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
      const std::string& named = args[args[1] == "confirm" || args[1] == "reject" || args[1] == "remove" ? 2 : 1];
      EXPECT_NE(r.err.find("no event '" + named + "'"), std::string::npos) << r.err;
    }
  }
  // A calendar's event cannot be removed here; nor can nobody be confirmed.
  const auto calendar = kith({"--as-of", kAsOf, "event", "remove", kSummit});
  EXPECT_EQ(calendar.exit_code, 1);
  EXPECT_EQ(calendar.err, std::string("kith: event ") + kSummit + " comes from a calendar: remove it there\n");
  const auto nobody = kith({"--as-of", kAsOf, "event", "confirm", kSummit, "nobody@example.net"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("'nobody@example.net'"), std::string::npos) << nobody.err;
  // Nothing was decided.
  EXPECT_EQ(at_now({"event", kSummit})["people"].size(), 4u);
}

}  // namespace
}  // namespace kith::test

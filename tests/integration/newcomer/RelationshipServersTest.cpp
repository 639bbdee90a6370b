// Keeping in touch, end to end: the real `kith` binary syncs a real Dovecot
// (IMAP) and a real Radicale (CalDAV) on 127.0.0.1, seeded with mail and
// meetings at known dates, and at a fixed --as-of `kith due`, `drift`,
// `awaiting`, `explain` and `show` answer exactly what the rules say
// (engine/relate/KeepInTouch.h, Strength.h); `merge` and `ignore` hold
// across `kith sync --full`, which duplicates nothing.
//
// It lives in this suite because this one links the server harness
// (kith_test_servers) and builds the imap and caldav providers before it
// runs; kith_e2e_tests links neither.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "../../unit/engine/TempDir.h"
#include "servers/DovecotServer.h"
#include "servers/RadicaleServer.h"
#include "servers/TestProcess.h"

namespace kith::test {
namespace relationship_servers_test {

using nlohmann::json;
using kith::testing::DovecotServer;
using kith::testing::RadicaleServer;
using kith::testing::SeedMessage;

using Seconds = std::int64_t;
constexpr Seconds kDay = 86400;
const std::string kOwner = "alex@example.org";
const std::string kOwnerMailbox = "Alex Morgan <alex@example.org>";
const std::string kAsOf = "2026-06-01T00:00:00Z";

// "2026-01-05T10:00:00Z" -> seconds since the epoch.
Seconds utc(const std::string& text) {
  int y = 0, h = 0, mi = 0, s = 0;
  unsigned mo = 0, d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
    ADD_FAILURE() << "not a UTC time: " << text;
    return 0;
  }
  const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}};
  return static_cast<Seconds>(day.time_since_epoch().count()) * kDay + h * 3600 + mi * 60 + s;
}

struct Civil {
  int year = 0, month = 0, day = 0, weekday = 0, hour = 0, minute = 0, second = 0;
};

Civil civil(Seconds t) {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{t}});
  const std::chrono::year_month_day ymd{days};
  const Seconds in_day = t - static_cast<Seconds>(days.time_since_epoch().count()) * kDay;
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(std::chrono::weekday{days}.c_encoding()),
          static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60)};
}

// An RFC 5322 Date for `t`, written in the zone `zone_minutes` east of UTC.
std::string rfc5322_date(Seconds t, int zone_minutes) {
  static const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(t + static_cast<Seconds>(zone_minutes) * 60);
  const int zone = std::abs(zone_minutes);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kWeekdays[c.weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second, zone_minutes < 0 ? '-' : '+', zone / 60,
                zone % 60);
  return text;
}

std::string ics_time(Seconds t) {
  const Civil c = civil(t);
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return text;
}

// ---- What the servers hold ----

enum class Kind { Sent, Received, Automated, Meeting };

struct Seed {
  Kind kind;
  std::string when;               // UTC
  std::vector<std::string> with;  // recipients (Sent), the sender (Received, Automated), attendees (Meeting)
  std::string id;                 // Message-ID or event UID
  std::string subject;            // Subject or SUMMARY
  int zone_minutes;               // the Date header's zone (mail)
  std::string headers;            // further header lines (mail)
};

const std::map<std::string, std::string> kNames = {
    {"dana@example.net", "Dana Whitfield"}, {"erin@example.net", "Erin Lake"},
    {"hana@example.net", "Hana Ito"},       {"frank@example.net", "Frank Moss"},
    {"gus@example.net", "Gus Ruiz"},        {"ivy@home.example", "Ivy Kern"},
    {"ivy.k@work.example", "Ivy Kern"},     {"kim@spam.example", "Kim Vale"},
    {"lee@example.net", "Lee Park"},        {"mo@example.net", "Mo Reyes"},
    {"pat@example.net", "Pat Quinn"},
    {"news@letters.example", "The Weekly Letter"}};

// Cadences in the tests: Dana 30d of her own (and the tag friends, 60d);
// Erin the tag friends (60d, longer than the default, and it wins); Hana the
// tags friends and book (45d: the shortest); Kim 14d of her own; everyone
// else [cadence] default = 40d.
const std::vector<Seed> kSeeds = {
    // Dana: five interaction days (four gaps 15, 21, 20, 14: usual gap 17.5);
    // last touch the group meeting of 16 March.
    {Kind::Sent, "2026-01-05T10:00:00Z", {"dana@example.net"}, "dana-1@example.org", "Plans for spring", 0, ""},
    {Kind::Received, "2026-01-20T09:00:00Z", {"dana@example.net"}, "dana-2@example.net", "Re: Plans for spring", 60, ""},
    {Kind::Meeting, "2026-02-10T14:00:00Z", {"dana@example.net"}, "coffee-dana", "Coffee with Dana", 0, ""},
    {Kind::Sent, "2026-03-02T10:00:00Z", {"dana@example.net"}, "dana-3@example.org", "Book list", 0, ""},
    // The group meeting: three other people, a third of a meeting each.
    {Kind::Meeting, "2026-03-16T16:00:00Z", {"dana@example.net", "erin@example.net", "hana@example.net"},
     "book-club", "Book club", 0, ""},
    // Erin: wrote, had an answer; a meeting after the as-of but after she falls due.
    {Kind::Received, "2026-04-08T08:00:00Z", {"erin@example.net"}, "erin-1@example.net", "Photos", 0, ""},
    {Kind::Sent, "2026-04-10T08:00:00Z", {"erin@example.net"}, "erin-2@example.org", "Re: Photos", 0, ""},
    {Kind::Meeting, "2026-06-20T10:00:00Z", {"erin@example.net"}, "hike-erin", "Hike with Erin", 0, ""},
    // Hana: a meeting after the as-of and before she falls due: planned.
    {Kind::Sent, "2026-04-20T12:00:00Z", {"hana@example.net"}, "hana-1@example.org", "Recipe", 0, ""},
    {Kind::Meeting, "2026-06-03T09:00:00Z", {"hana@example.net"}, "lunch-hana", "Lunch with Hana", 0, ""},
    // Frank: wrote back after the user's last mail (Date in +0200).
    {Kind::Sent, "2026-05-10T09:00:00Z", {"frank@example.net"}, "frank-1@example.org", "Proposal", 0, ""},
    {Kind::Received, "2026-05-20T15:00:00Z", {"frank@example.net"}, "frank-2@example.net", "Re: Proposal", 120, ""},
    // Gus: his only answer is an automatic one, which is no mail from him.
    {Kind::Sent, "2026-05-05T10:00:00Z", {"gus@example.net"}, "gus-1@example.org", "Lunch next week?", 0, ""},
    {Kind::Automated, "2026-05-06T10:00:00Z", {"gus@example.net"}, "gus-2@example.net", "Out of office", 0,
     "Auto-Submitted: auto-replied\r\n"},
    // A newsletter: no contact at all.
    {Kind::Automated, "2026-05-30T07:00:00Z", {"news@letters.example"}, "issue-42@letters.example", "Weekly letter", 0,
     "List-Unsubscribe: <mailto:unsubscribe@letters.example>\r\nPrecedence: bulk\r\n"},
    // Ivy, two addresses (two people until merged): home only wrote; work had
    // a meeting and the user's last mail.
    {Kind::Received, "2025-12-01T10:00:00Z", {"ivy@home.example"}, "ivy-1@home.example", "Moving news", 0, ""},
    {Kind::Meeting, "2026-02-15T11:00:00Z", {"ivy.k@work.example"}, "project-ivy", "Project sync", 0, ""},
    {Kind::Received, "2026-05-25T18:00:00Z", {"ivy@home.example"}, "ivy-2@home.example", "Dinner?", 0, ""},
    {Kind::Sent, "2026-05-28T08:00:00Z", {"ivy.k@work.example"}, "ivy-3@example.org", "Dinner on Friday", 0, ""},
    // Kim (ignored in one test): four interaction days; one mail to her and Lee.
    {Kind::Received, "2026-04-25T12:00:00Z", {"kim@spam.example"}, "kim-1@spam.example", "Hello", 0, ""},
    {Kind::Meeting, "2026-04-28T15:00:00Z", {"kim@spam.example"}, "intro-kim", "Intro call", 0, ""},
    {Kind::Sent, "2026-05-12T10:00:00Z", {"kim@spam.example", "lee@example.net"}, "dinner-1@example.org",
     "Team dinner", 0, ""},
    {Kind::Received, "2026-05-15T11:00:00Z", {"kim@spam.example"}, "kim-2@spam.example", "Kim update", 0, ""},
    // Pat: wrote, then a meeting that starts at the as-of itself: it has taken
    // place, so it is a touch and it answers the mail.
    {Kind::Received, "2026-05-31T12:00:00Z", {"pat@example.net"}, "pat-1@example.net", "Agenda", 0, ""},
    {Kind::Meeting, "2026-06-01T00:00:00Z", {"pat@example.net"}, "midnight-pat", "Midnight call", 0, ""},
    // Mo: every three months. Of the as-of's 730-day drift window, 31 May 2024
    // 12:00 (730.5 days before) is out, 1 June 2024 12:00 (729.5 days) in.
    {Kind::Received, "2024-05-31T12:00:00Z", {"mo@example.net"}, "mo-0@example.net", "Long time", 0, ""},
    {Kind::Received, "2024-06-01T12:00:00Z", {"mo@example.net"}, "mo-1@example.net", "Long time, again", 0, ""},
    {Kind::Sent, "2025-06-10T12:00:00Z", {"mo@example.net"}, "mo-2@example.org", "Summer", 0, ""},
    {Kind::Received, "2025-09-10T12:00:00Z", {"mo@example.net"}, "mo-3@example.net", "Autumn", -300, ""},
    {Kind::Sent, "2025-12-10T12:00:00Z", {"mo@example.net"}, "mo-4@example.org", "Winter", 0, ""},
    {Kind::Received, "2026-03-10T12:00:00Z", {"mo@example.net"}, "mo-5@example.net", "Spring", 0, ""},
};

std::string mailbox_of(const std::string& address) {
  std::string out = kNames.at(address);
  out += " <";
  out += address;
  out += ">";
  return out;
}

std::string raw_mail(const Seed& s) {
  std::string from = kOwnerMailbox, to = kOwnerMailbox;
  if (s.kind == Kind::Sent) {
    to.clear();
    for (const auto& a : s.with) {
      if (!to.empty()) to += ", ";
      to += mailbox_of(a);
    }
  } else {
    from = mailbox_of(s.with.front());
  }
  std::string raw = "From: ";
  raw += from;
  raw += "\r\nTo: ";
  raw += to;
  raw += "\r\nMessage-ID: <";
  raw += s.id;
  raw += ">\r\nDate: ";
  raw += rfc5322_date(utc(s.when), s.zone_minutes);
  raw += "\r\nSubject: ";
  raw += s.subject;
  raw += "\r\n";
  raw += s.headers;
  raw += "\r\nHello.\r\n";
  return raw;
}

std::string event_ics(const Seed& s) {
  const Seconds start = utc(s.when);
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:";
  out += s.id;
  out += "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:";
  out += ics_time(start);
  out += "\r\nDTEND:";
  out += ics_time(start + 3600);
  out += "\r\nSUMMARY:";
  out += s.subject;
  out += "\r\nORGANIZER;CN=\"Alex Morgan\":mailto:alex@example.org\r\n"
         "ATTENDEE;CN=\"Alex Morgan\";PARTSTAT=ACCEPTED:mailto:alex@example.org\r\n";
  for (const auto& a : s.with) {
    out += "ATTENDEE;CN=\"";
    out += kNames.at(a);
    out += "\";PARTSTAT=ACCEPTED:mailto:";
    out += a;
    out += "\r\n";
  }
  out += "END:VEVENT\r\nEND:VCALENDAR\r\n";
  return out;
}

// ---- The strength score, computed here from the seeds ----
//
// Each interaction up to as-of weighs w x 2^(-age_days / half_life): mail
// sent 1, mail received 0.5, a meeting 3 / (its other people); reciprocity
// r = 0.5 + min(out, in) / (out + in) of the decayed mail weights (1 without
// mail) scales the mail; score = 100 (1 - e^(-raw / 10)).
struct ExpectedStrength {
  double score = 0;
  double reciprocity = 1;
};

ExpectedStrength expected_strength(const std::set<std::string>& handles, Seconds as_of, double half_life_days = 90) {
  double meetings = 0, out = 0, in = 0;
  for (const Seed& s : kSeeds) {
    const Seconds at = utc(s.when);
    if (at > as_of) continue;
    const double decay = std::exp2(-(static_cast<double>(as_of - at) / kDay) / half_life_days);
    for (const auto& a : s.with) {
      if (!handles.count(a)) continue;
      switch (s.kind) {
        case Kind::Sent: out += 1.0 * decay; break;
        case Kind::Received: in += 0.5 * decay; break;
        case Kind::Meeting: meetings += 3.0 * decay / static_cast<double>(s.with.size()); break;
        case Kind::Automated: break;  // never stored
      }
    }
  }
  ExpectedStrength e;
  e.reciprocity = out + in > 0 ? 0.5 + std::min(out, in) / (out + in) : 1.0;
  const double raw = meetings + e.reciprocity * (out + in);
  e.score = 100.0 * (1.0 - std::exp(-raw / 10.0));
  return e;
}

// ---- Expected JSON ----

json touch(const std::string& at, const std::string& kind) { return {{"at", at}, {"kind", kind}}; }

struct Term {
  std::string kind;
  std::string window;
  int count;
};

class RelationshipServers : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
  }

  void TearDown() override {
    // The servers go as the other tests' do (by PID, their directories
    // removed); nothing of theirs may be left behind.
    const std::string dovecot_instance = dovecot_ ? dovecot_->instance_name() : "";
    const std::string dovecot_dir = dovecot_ ? dovecot_->dir() : "";
    const std::string radicale_dir = radicale_ ? radicale_->dir() : "";
    dovecot_.reset();
    radicale_.reset();
    for (const auto& needle : {dovecot_instance, dovecot_dir, radicale_dir}) {
      if (needle.empty()) continue;
      EXPECT_TRUE(kith::testing::live_processes_matching(needle).empty()) << needle;
      EXPECT_FALSE(std::filesystem::exists(needle)) << needle;
    }
  }

  // Starts both servers, seeds them, writes the config and syncs; fills `id`.
  void start_seed_and_sync() {
    auto dovecot = DovecotServer::start();
    ASSERT_TRUE(dovecot) << dovecot.status().message();
    dovecot_ = std::move(*dovecot);
    auto radicale = RadicaleServer::start();
    ASSERT_TRUE(radicale) << radicale.status().message();
    radicale_ = std::move(*radicale);

    std::vector<SeedMessage> inbox, sent;
    for (const Seed& s : kSeeds) {
      if (s.kind == Kind::Meeting) continue;
      // INTERNALDATE = the Date, so the Date is what places the message (rule 10).
      SeedMessage m{raw_mail(s), {"\\Seen"}, std::chrono::system_clock::from_time_t(static_cast<std::time_t>(utc(s.when)))};
      (s.kind == Kind::Sent ? sent : inbox).push_back(std::move(m));
    }
    auto in_inbox = dovecot_->add_messages(kOwner, "INBOX", inbox);
    ASSERT_TRUE(in_inbox) << in_inbox.status().message();
    auto in_sent = dovecot_->add_messages(kOwner, "Sent", sent);
    ASSERT_TRUE(in_sent) << in_sent.status().message();
    auto calendar = radicale_->make_calendar("alex", "work", "Work");
    ASSERT_TRUE(calendar) << calendar.message();
    for (const Seed& s : kSeeds) {
      if (s.kind != Kind::Meeting) continue;
      auto put = radicale_->put_event("alex", "work", s.id + ".ics", event_ics(s));
      ASSERT_TRUE(put) << put.status().message();
    }

    std::ofstream(config()) << "[identity]\naddresses = [\"" << kOwner << "\"]\n\n"
                            << "[cadence]\ndefault = \"40d\"\n\n"
                            << "[scoring]\nhalf_life_days = 90\n\n"
                            << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" << dovecot_->imap_url()
                            << "\"\nusername = \"" << kOwner
                            << "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n\n"
                            << "[[account]]\nname = \"calendar\"\nprovider = \"caldav\"\nurl = \"" << radicale_->base_url()
                            << "\"\nusername = \"alex\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n";
    ASSERT_NO_FATAL_FAILURE(sync(false));

    json contacts = query({"contacts"});
    for (auto& c : contacts)
      for (const auto& a : c["addresses"]) id[a.get<std::string>()] = c["id"].get<std::int64_t>();
    std::set<std::string> addresses;
    for (const auto& [address, _] : id) addresses.insert(address);
    // Not the owner, not the newsletter; Gus from the mail sent to him only.
    ASSERT_EQ(addresses, (std::set<std::string>{"dana@example.net", "erin@example.net", "hana@example.net",
                                                "frank@example.net", "gus@example.net", "ivy@home.example",
                                                "ivy.k@work.example", "kim@spam.example", "lee@example.net",
                                                "mo@example.net", "pat@example.net"}))
        << contacts.dump(1);
  }

  // `kith ARGS...` on this test's config and store, bounded in time.
  kith::testing::ProcessResult kith(std::vector<std::string> args) {
    args.insert(args.begin(), {std::string(KITH_BINARY_DIR) + "/bin/kith", "--config", config().string(), "--db",
                               (dir / "history.db").string()});
    auto r = kith::testing::run_process(args, std::chrono::seconds(120));
    if (!r) {
      ADD_FAILURE() << r.status().message();
      return {};
    }
    EXPECT_FALSE(r->timed_out) << args[5];
    return std::move(*r);
  }

  void sync(bool full) {
    auto r = full ? kith({"sync", "--full"}) : kith({"sync"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  void decide(const std::vector<std::string>& args) {
    auto r = kith(args);
    EXPECT_EQ(r.exit_code, 0) << args.front() << ": " << r.out << r.err;
  }

  // A query at the fixed as-of, as JSON.
  json query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--as-of", kAsOf, "--json"});
    auto r = kith(args);
    EXPECT_EQ(r.exit_code, 0) << args[3] << ": " << r.out << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << args[3] << ": " << e.what() << ": " << r.out << r.err;
      return json();
    }
  }

  std::vector<std::int64_t> ids_in(const json& list) {
    std::vector<std::int64_t> out;
    for (const auto& e : list) out.push_back(e.at("id").get<std::int64_t>());
    return out;
  }

  json due_entry(const std::string& address, int cadence, json last_touch, const std::string& due_at, long overdue,
                 json planned, bool awaiting) {
    return {{"id", id.at(address)},         {"name", kNames.at(address)}, {"cadence_days", cadence},
            {"last_touch", last_touch},     {"due_at", due_at},           {"overdue_days", overdue},
            {"planned_meeting", planned},   {"awaiting_reply", awaiting}, {"milestone", nullptr},
            {"followup", nullptr},          {"reason", "cadence"}};
  }

  json awaiting_entry(const std::string& address, const std::string& at, const std::string& subject, json last_touch) {
    return {{"id", id.at(address)},
            {"name", kNames.at(address)},
            {"last_received", {{"at", at}, {"subject", subject}}},
            {"last_touch", last_touch}};
  }

  // `kith explain` of `who`: the terms exactly, the strength as computed here
  // from the seeds, and the terms' tenths adding up to the strength's.
  void check_explain(const std::string& who, const std::set<std::string>& handles, const std::vector<Term>& terms) {
    SCOPED_TRACE("explain " + who);
    json e = query({"explain", who});
    ASSERT_TRUE(e.is_object()) << e.dump();
    EXPECT_EQ(e["id"], id.at(who));
    EXPECT_EQ(e["name"], kNames.at(who));
    EXPECT_EQ(e["half_life_days"], 90);
    const ExpectedStrength expected = expected_strength(handles, utc(kAsOf));
    EXPECT_NEAR(e["strength"].get<double>(), expected.score, 0.05) << e.dump();
    EXPECT_NEAR(e["reciprocity"].get<double>(), expected.reciprocity, 0.005 + 1e-9) << e.dump();
    json wanted = json::array();
    for (const Term& t : terms) wanted.push_back({{"kind", t.kind}, {"window", t.window}, {"count", t.count}});
    json got = json::array();
    long long tenths = 0;
    for (auto& t : e["terms"]) {
      got.push_back({{"kind", t["kind"]}, {"window", t["window"]}, {"count", t["count"]}});
      tenths += std::llround(t["contribution"].get<double>() * 10);
    }
    EXPECT_EQ(got, wanted) << e.dump(1);
    EXPECT_EQ(tenths, std::llround(e["strength"].get<double>() * 10)) << e.dump(1);
  }

  // Everyone's strength in `kith contacts` at `as_of`, as computed here.
  void check_contact_strengths(const std::string& as_of) {
    SCOPED_TRACE("contacts --as-of " + as_of);
    auto r = kith({"--as-of", as_of, "--json", "contacts"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    json contacts = json::parse(r.out);
    ASSERT_EQ(contacts.size(), 11u) << contacts.dump(1);
    for (auto& c : contacts) {
      std::set<std::string> handles;
      for (auto& a : c["addresses"]) handles.insert(a.get<std::string>());
      EXPECT_NEAR(c["strength"].get<double>(), expected_strength(handles, utc(as_of)).score, 0.05) << c.dump();
    }
  }

  std::filesystem::path config() const { return dir / "kith.toml"; }

  TempDir dir;
  std::unique_ptr<DovecotServer> dovecot_;
  std::unique_ptr<RadicaleServer> radicale_;
  std::map<std::string, std::int64_t> id;  // address -> person id after the first sync
};

TEST_F(RelationshipServers, DueAwaitingDriftAndExplainFollowTheRules) {
  ASSERT_NO_FATAL_FAILURE(start_seed_and_sync());
  decide({"cadence", "--tag", "friends", "60d"});
  decide({"cadence", "--tag", "book", "45d"});
  decide({"tag", "dana@example.net", "friends"});
  decide({"tag", "erin@example.net", "friends"});
  decide({"tag", "hana@example.net", "friends", "book"});
  decide({"cadence", "dana@example.net", "30d"});
  decide({"cadence", "kim@spam.example", "14d"});

  // The automated reply is no mail from Gus: he has the mail sent to him only.
  json gus = query({"history", "gus@example.net"});
  ASSERT_EQ(gus["interactions"].size(), 1u) << gus.dump(1);
  EXPECT_EQ(gus["interactions"][0]["kind"], "email_sent");

  // Overdue first, by (as-of - due) / cadence: Mo 132.5/40, Dana 46.3/30 (her
  // own cadence beats her tag's), Kim 5.6/14, Ivy (home: mail received is no
  // touch, so due at the as-of) 0; then who comes due within 14 days, by due
  // date: Erin (the tag's 60d beats the default's 40d) in 8.3 days, Gus in
  // 13.6, both truncated toward zero. Hana is planned (meeting on 3 June, due
  // 4 June) and not listed; Erin's meeting of 20 June is after her due date.
  // Mo wrote after his last touch, but more than 30 days ago: not awaiting.
  const json due = json::array({
      due_entry("mo@example.net", 40, touch("2025-12-10T12:00:00Z", "email_sent"), "2026-01-19T12:00:00Z", 132, nullptr,
                false),
      due_entry("dana@example.net", 30, touch("2026-03-16T16:00:00Z", "meeting"), "2026-04-15T16:00:00Z", 46, nullptr,
                false),
      due_entry("kim@spam.example", 14, touch("2026-05-12T10:00:00Z", "email_sent"), "2026-05-26T10:00:00Z", 5, nullptr,
                true),
      due_entry("ivy@home.example", 40, nullptr, "2026-06-01T00:00:00Z", 0, nullptr, true),
      due_entry("erin@example.net", 60, touch("2026-04-10T08:00:00Z", "email_sent"), "2026-06-09T08:00:00Z", -8,
                "2026-06-20T10:00:00Z", false),
      due_entry("gus@example.net", 40, touch("2026-05-05T10:00:00Z", "email_sent"), "2026-06-14T10:00:00Z", -13, nullptr,
                false),
  });
  EXPECT_EQ(query({"due"}), due) << query({"due"}).dump(1);
  EXPECT_EQ(query({"due", "--within", "14d"}), due);

  json within_30 = due;
  within_30.push_back(due_entry("frank@example.net", 40, touch("2026-05-10T09:00:00Z", "email_sent"),
                                "2026-06-19T09:00:00Z", -18, nullptr, true));
  within_30.push_back(due_entry("lee@example.net", 40, touch("2026-05-12T10:00:00Z", "email_sent"),
                                "2026-06-21T10:00:00Z", -20, nullptr, false));
  EXPECT_EQ(query({"due", "--within", "30d"}), within_30) << query({"due", "--within", "30d"}).dump(1);
  EXPECT_EQ(query({"due", "--tag", "friends"}), json::array({due[1], due[4]}));

  // Hana: the shortest of her tags' cadences, planned, not due.
  json hana = query({"show", "hana@example.net"});
  EXPECT_EQ(hana["cadence_days"], 45) << hana.dump(1);
  EXPECT_EQ(hana["tags"], json::array({"book", "friends"}));
  EXPECT_EQ(hana["due_at"], "2026-06-04T12:00:00Z");
  EXPECT_EQ(hana["planned"], true);
  ASSERT_EQ(hana["upcoming_meetings"].size(), 1u) << hana.dump(1);
  EXPECT_EQ(hana["upcoming_meetings"][0]["at"], "2026-06-03T09:00:00Z");
  EXPECT_EQ(hana["upcoming_meetings"][0]["title"], "Lunch with Hana");
  EXPECT_EQ(hana["counts"], json({{"email_sent", 1}, {"meeting", 1}}));

  // Pat's meeting starts at the as-of: taken place, a touch (so neither due
  // nor awaiting), and not upcoming.
  json pat = query({"show", "pat@example.net"});
  EXPECT_EQ(pat["last_touch"], json({{"at", kAsOf}, {"kind", "meeting"}, {"title", "Midnight call"}})) << pat.dump(1);
  EXPECT_EQ(pat["due_at"], "2026-07-11T00:00:00Z");
  EXPECT_EQ(pat["awaiting_reply"], false);
  EXPECT_EQ(pat["days_since_last"], 0);
  EXPECT_EQ(pat["counts"], json({{"email_received", 1}, {"meeting", 1}}));
  EXPECT_EQ(pat["upcoming_meetings"], json::array());

  // Awaiting: oldest first. Gus's automatic reply makes no one wait; Erin had
  // an answer, Pat a meeting; Mo's and Dana's mail is older than 30 days.
  const json awaiting = json::array({
      awaiting_entry("kim@spam.example", "2026-05-15T11:00:00Z", "Kim update", "2026-05-12T10:00:00Z"),
      awaiting_entry("frank@example.net", "2026-05-20T15:00:00Z", "Re: Proposal", "2026-05-10T09:00:00Z"),
      awaiting_entry("ivy@home.example", "2026-05-25T18:00:00Z", "Dinner?", nullptr),
  });
  EXPECT_EQ(query({"awaiting"}), awaiting) << query({"awaiting"}).dump(1);
  EXPECT_EQ(query({"awaiting", "--days", "10"}), json::array({awaiting[2]}));
  json within_100 = awaiting;
  within_100.insert(within_100.begin(),
                    awaiting_entry("mo@example.net", "2026-03-10T12:00:00Z", "Spring", "2025-12-10T12:00:00Z"));
  EXPECT_EQ(query({"awaiting", "--days", "100"}), within_100) << query({"awaiting", "--days", "100"}).dump(1);
  for (const auto* days : {"1", "10", "30", "100", "1000"})
    for (auto i : ids_in(query({"awaiting", "--days", days}))) EXPECT_NE(i, id.at("gus@example.net")) << days;

  // Drift: the median gap between interaction days of the last 730 days.
  // Kim: days 25 Apr, 28 Apr, 12 May, 15 May -> gaps 3, 14, 3 -> 3; 16 days
  // since 15 May 11:00. Dana: gaps 15, 21, 20, 14 -> (15 + 20) / 2 = 17.5; 76
  // days since 16 March 16:00. Mo: days 1 June 2024 (729.5 days before the
  // as-of; 31 May 2024 is out), 10 June, 10 Sep, 10 Dec 2025, 10 March 2026 ->
  // gaps 374, 92, 91, 90 -> (91 + 92) / 2 = 91.5; 82 days since 10 March
  // 12:00; ratio 0.896. Ranked by strength x ratio.
  struct Drift {
    std::string who;
    double usual_gap;
    long days_since;
    double ratio;
  };
  auto check_drift = [&](const std::string& min_ratio, const std::vector<Drift>& wanted) {
    SCOPED_TRACE("drift --min-ratio " + min_ratio);
    const json drift = min_ratio.empty() ? query({"drift"}) : query({"drift", "--min-ratio", min_ratio});
    ASSERT_EQ(drift.size(), wanted.size()) << drift.dump(1);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      json entry = drift[i];
      EXPECT_NEAR(entry["strength"].get<double>(), expected_strength({wanted[i].who}, utc(kAsOf)).score, 0.05)
          << entry.dump();
      entry.erase("strength");
      EXPECT_EQ(entry, json({{"id", id.at(wanted[i].who)},
                             {"name", kNames.at(wanted[i].who)},
                             {"usual_gap_days", wanted[i].usual_gap},
                             {"days_since_last", wanted[i].days_since},
                             {"ratio", wanted[i].ratio}}));
    }
  };
  const Drift kim{"kim@spam.example", 3, 16, 5.33}, dana{"dana@example.net", 17.5, 76, 4.34},
      mo{"mo@example.net", 91.5, 82, 0.9};
  check_drift("0.5", {kim, dana, mo});
  check_drift("", {kim, dana});  // default 2
  check_drift("5", {kim});
  // Fewer than four interaction days: no usual gap.
  json erin = query({"show", "erin@example.net"});
  EXPECT_TRUE(erin["usual_gap_days"].is_null()) << erin.dump(1);
  EXPECT_TRUE(erin["drift_ratio"].is_null());
  EXPECT_EQ(erin["days_since_last"], 51);

  // Explain: terms by window, then kind (email_sent, email_received, meeting).
  // Dana's mail of 2 March is 90.6 days old: the 1y window.
  check_explain("dana@example.net", {"dana@example.net"},
                {{"meeting", "90d", 1}, {"email_sent", "1y", 2}, {"email_received", "1y", 1}, {"meeting", "1y", 1}});
  check_explain("kim@spam.example", {"kim@spam.example"},
                {{"email_sent", "30d", 1}, {"email_received", "30d", 1}, {"email_received", "90d", 1},
                 {"meeting", "90d", 1}});
  check_explain("mo@example.net", {"mo@example.net"},
                {{"email_received", "90d", 1}, {"email_sent", "1y", 2}, {"email_received", "1y", 1},
                 {"email_received", "older", 2}});
  check_explain("hana@example.net", {"hana@example.net"}, {{"email_sent", "90d", 1}, {"meeting", "90d", 1}});

  // Everyone's strength, at the as-of and at a moment after the last sync
  // (when both of 2026's meetings to come have taken place).
  check_contact_strengths(kAsOf);
  check_contact_strengths("2027-06-01T00:00:00Z");
}

TEST_F(RelationshipServers, MergeHoldsAcrossAFullSyncThatDuplicatesNothing) {
  ASSERT_NO_FATAL_FAILURE(start_seed_and_sync());
  const std::int64_t home = id.at("ivy@home.example"), work = id.at("ivy.k@work.example");
  ASSERT_NE(home, work);
  auto awaiting_ids = [&] { return ids_in(query({"awaiting"})); };
  auto due_ids = [&] { return ids_in(query({"due"})); };
  auto contains = [](const std::vector<std::int64_t>& ids, std::int64_t i) {
    return std::find(ids.begin(), ids.end(), i) != ids.end();
  };
  // Apart, home only wrote (awaiting, never touched: due now); work is fine.
  EXPECT_TRUE(contains(awaiting_ids(), home));
  EXPECT_TRUE(contains(due_ids(), home));
  EXPECT_FALSE(contains(due_ids(), work));
  EXPECT_TRUE(query({"show", "ivy@home.example"})["usual_gap_days"].is_null());

  auto merged = kith({"--json", "merge", "ivy@home.example", "ivy.k@work.example"});
  ASSERT_EQ(merged.exit_code, 0) << merged.out << merged.err;
  json brief = json::parse(merged.out);
  EXPECT_EQ(brief["id"], home);

  const json both = json::array({{{"kind", "email"}, {"value", "ivy.k@work.example"}},
                                 {{"kind", "email"}, {"value", "ivy@home.example"}}});
  auto check_merged = [&](const char* when) {
    SCOPED_TRACE(when);
    json ivy = query({"show", "ivy@home.example"});
    EXPECT_EQ(ivy["id"], home) << ivy.dump(1);
    EXPECT_EQ(ivy["name"], "Ivy Kern");
    EXPECT_EQ(ivy["handles"], both);
    EXPECT_EQ(query({"show", "ivy.k@work.example"})["id"], home);
    EXPECT_EQ(ivy["counts"], json({{"email_received", 2}, {"email_sent", 1}, {"meeting", 1}}));
    EXPECT_EQ(ivy["first_interaction"], "2025-12-01T10:00:00Z");
    EXPECT_EQ(ivy["last_touch"],
              json({{"at", "2026-05-28T08:00:00Z"}, {"kind", "email_sent"}, {"title", "Dinner on Friday"}}));
    EXPECT_EQ(ivy["due_at"], "2026-07-07T08:00:00Z");
    EXPECT_EQ(ivy["awaiting_reply"], false);
    // Together: four interaction days (1 Dec, 15 Feb, 25 May, 28 May): gaps
    // 76, 99, 3 -> 76; 3 days since 28 May 08:00.
    EXPECT_EQ(ivy["usual_gap_days"], 76);
    EXPECT_EQ(ivy["days_since_last"], 3);
    EXPECT_EQ(ivy["drift_ratio"], 0.04);
    // One person in the contacts, with both addresses.
    std::size_t with_ivy = 0;
    json contacts = query({"contacts"});
    for (auto& c : contacts) {
      for (const auto& a : c["addresses"])
        if (a.get<std::string>().rfind("ivy", 0) == 0) {
          ++with_ivy;
          EXPECT_EQ(c["id"], home);
        }
    }
    EXPECT_EQ(with_ivy, 2u);
    // The user's mail to work answers home's: no one is waiting, no one is due.
    EXPECT_FALSE(contains(awaiting_ids(), home));
    EXPECT_EQ(ids_in(query({"awaiting"})),
              (std::vector<std::int64_t>{id.at("kim@spam.example"), id.at("frank@example.net")}));
    EXPECT_FALSE(contains(due_ids(), home));
    EXPECT_FALSE(contains(due_ids(), work));
    check_explain("ivy@home.example", {"ivy@home.example", "ivy.k@work.example"},
                  {{"email_sent", "30d", 1}, {"email_received", "30d", 1}, {"email_received", "1y", 1},
                   {"meeting", "1y", 1}});
  };
  check_merged("after the merge");

  json history_before = query({"history", "ivy@home.example"});
  ASSERT_EQ(history_before["interactions"].size(), 4u) << history_before.dump(1);
  const json contacts_before = query({"contacts"});

  ASSERT_NO_FATAL_FAILURE(sync(true));
  json history_after = query({"history", "ivy@home.example"});
  EXPECT_EQ(history_after["interactions"], history_before["interactions"]) << history_after.dump(1);
  EXPECT_EQ(query({"history", "ivy.k@work.example"})["interactions"], history_before["interactions"]);
  EXPECT_EQ(query({"contacts"}), contacts_before) << "a full sync duplicates nothing, for anyone";
  check_merged("after sync --full");
}

TEST_F(RelationshipServers, IgnoreRemovesHistoryAndUnignoreWithAFullSyncBringsExactlyItBack) {
  ASSERT_NO_FATAL_FAILURE(start_seed_and_sync());
  decide({"cadence", "kim@spam.example", "14d"});
  const std::int64_t kim = id.at("kim@spam.example");
  const std::string kim_address = "kim@spam.example";
  auto contains = [](const std::vector<std::int64_t>& ids, std::int64_t i) {
    return std::find(ids.begin(), ids.end(), i) != ids.end();
  };
  auto without_kim = [&](json list) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](const json& e) { return e.at("id") == kim; }), list.end());
    return list;
  };

  const json contacts_before = query({"contacts"});
  const json due_before = query({"due"});
  const json awaiting_before = query({"awaiting"});
  const json drift_before = query({"drift"});
  json kim_before = query({"history", kim_address});
  json lee_before = query({"history", "lee@example.net"});
  ASSERT_EQ(kim_before["interactions"].size(), 4u) << kim_before.dump(1);
  ASSERT_EQ(lee_before["interactions"].size(), 1u) << lee_before.dump(1);
  ASSERT_TRUE(contains(ids_in(due_before), kim)) << due_before.dump(1);
  ASSERT_TRUE(contains(ids_in(awaiting_before), kim)) << awaiting_before.dump(1);
  ASSERT_TRUE(contains(ids_in(drift_before), kim)) << drift_before.dump(1);

  auto ignored = kith({"--json", "ignore", kim_address});
  ASSERT_EQ(ignored.exit_code, 0) << ignored.out << ignored.err;
  EXPECT_EQ(json::parse(ignored.out), json({{"ignored", json::array({kim_address})}, {"interactions_removed", 4}}));

  // `unignored`: no longer ignored but without history until a full sync:
  // with her cadence and no touch, Kim is due at once.
  auto check_gone = [&](const char* when, bool unignored = false) {
    SCOPED_TRACE(when);
    // Everyone else exactly as before, Lee's share of the mail to both included.
    EXPECT_EQ(query({"contacts"}), without_kim(contacts_before));
    const json due = query({"due"});
    EXPECT_EQ(without_kim(due), without_kim(due_before));
    const json never_touched = {{"id", kim},         {"name", "Kim Vale"},         {"cadence_days", 14},
                                {"last_touch", nullptr}, {"due_at", kAsOf},          {"overdue_days", 0},
                                {"planned_meeting", nullptr}, {"awaiting_reply", false}, {"milestone", nullptr},
                                {"followup", nullptr},        {"reason", "cadence"}};
    EXPECT_EQ(due.size() - without_kim(due).size(), unignored ? 1u : 0u) << due.dump(1);
    for (const auto& e : due) {
      if (e.at("id") != kim) continue;
      EXPECT_EQ(e, never_touched);
    }
    EXPECT_EQ(query({"awaiting"}), without_kim(awaiting_before));
    EXPECT_EQ(query({"drift"}), without_kim(drift_before));
    EXPECT_EQ(query({"history", "lee@example.net"})["interactions"], lee_before["interactions"]);
  };
  check_gone("after the ignore");
  ASSERT_NO_FATAL_FAILURE(sync(true));
  check_gone("after sync --full");
  EXPECT_EQ(query({"ignore", "--list"}), json::array({{{"entry", kim_address}, {"source", "cli"}}}));

  auto unignored = kith({"--json", "unignore", kim_address});
  ASSERT_EQ(unignored.exit_code, 0) << unignored.out << unignored.err;
  EXPECT_EQ(json::parse(unignored.out), json({{"unignored", json::array({kim_address})}}));
  check_gone("after the unignore, before a full sync", true);

  ASSERT_NO_FATAL_FAILURE(sync(true));
  // Exactly what there was: the same interactions, once each, the same person
  // with the same cadence, everyone else untouched.
  json kim_after = query({"history", kim_address});
  EXPECT_EQ(kim_after["contact"]["id"], kim);
  EXPECT_EQ(kim_after["interactions"], kim_before["interactions"]) << kim_after.dump(1);
  EXPECT_EQ(query({"history", "lee@example.net"})["interactions"], lee_before["interactions"]);
  EXPECT_EQ(query({"contacts"}), contacts_before);
  EXPECT_EQ(query({"due"}), due_before);
  EXPECT_EQ(query({"awaiting"}), awaiting_before);
  EXPECT_EQ(query({"drift"}), drift_before);
  EXPECT_EQ(query({"ignore", "--list"}), json::array());
}

}  // namespace relationship_servers_test
}  // namespace kith::test

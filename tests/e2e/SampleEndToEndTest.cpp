// The bundled sample data through the real `kith` binary, the real plugin
// loader and the `local` provider; outcomes as listed in samples/data/README.md.
#include <gtest/gtest.h>

#include <algorithm>

#include <cctype>
#include <chrono>
#include <fstream>
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
const Expected kExpected[] = {
    {"priya.raman@example.com", 7, 7, 6},   {"ben.okafor@example.com", 3, 2, 3},
    {"lena.hoffmann@example.com", 1, 0, 1}, {"dana@example.net", 1, 2, 1},
    {"dana.whitfield@example.com", 0, 1, 0}, {"jose.martinez@example.org", 1, 2, 1},
    {"yuko.tanaka@example.com", 1, 1, 0},    {"soren.kjaer@example.net", 1, 1, 1},
    {"grace.kim@example.org", 1, 2, 1},      {"marcus.feld@example.com", 1, 1, 0},
    {"tom.becker@example.org", 1, 1, 1},
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
  ASSERT_EQ(sync.size(), 1u);
  EXPECT_EQ(sync[0]["account"], "sample");
  EXPECT_EQ(sync[0]["result"], "ok");
  EXPECT_EQ(sync[0]["items"], 57);  // 42 messages + 15 events
  EXPECT_EQ(sync[0]["item_errors"], 1);

  const json contacts = kith_json({"contacts"});
  ASSERT_TRUE(contacts.is_array());
  EXPECT_EQ(contacts.size(), std::size(kExpected));
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

  // roadmap-2027 (2027-02-09) is Tom's only meeting: upcoming until then.
  const json* tom = contact(contacts, "tom.becker@example.org");
  ASSERT_NE(tom, nullptr);
  const bool roadmap_ahead = now_seconds() < 1802163600;  // 2027-02-09T09:00Z
  EXPECT_EQ((*tom)["upcoming_meetings"], roadmap_ahead ? 1 : 0);
  EXPECT_EQ((*tom)["last_interaction"], "2026-09-15T08:05:00Z");

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
  EXPECT_NEAR(total, 6 + weekly_total, 1);
  EXPECT_NEAR((*priya)["counts"]["meeting"].get<int>(), 5 + weekly_past, 1);
}

TEST_F(SampleEndToEnd, ContactsJsonHasExactlyTheDocumentedShape) {
  kith_json({"sync"});
  const json contacts = kith_json({"contacts", "--sort", "name"});
  ASSERT_FALSE(contacts.empty());
  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  for (const auto& c : contacts) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : c.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"addresses", "card", "conversation_counts", "counts", "first_interaction",
                                              "handles", "id", "last_interaction", "name", "strength", "tags",
                                              "upcoming_meetings"}));
    EXPECT_TRUE(c["card"].is_null());  // the sample has no address book
    EXPECT_TRUE(c["id"].is_number_integer());
    EXPECT_TRUE(c["name"].is_string() || c["name"].is_null());
    EXPECT_TRUE(c["addresses"].is_array() && !c["addresses"].empty());
    for (const char* t : {"first_interaction", "last_interaction"})
      EXPECT_TRUE(c[t].is_null() || std::regex_match(c[t].get<std::string>(), rfc3339)) << c[t];
    EXPECT_EQ(c["counts"].size(), 3u);
    for (const char* k : {"email_sent", "email_received", "meeting"}) EXPECT_TRUE(c["counts"][k].is_number_unsigned());
    EXPECT_EQ(c["conversation_counts"], json({{"message_sent", 0}, {"message_received", 0}}));
    ASSERT_EQ(c["handles"].size(), c["addresses"].size());  // the sample has email handles only
    EXPECT_EQ(c["handles"][0]["kind"], "email");
    EXPECT_EQ(c["handles"][0]["value"], c["addresses"][0]);
  }
  // Sorted by name: RFC 2047 names decoded, compared case-insensitively.
  EXPECT_EQ(contacts.front()["name"], "Ben Okafor");
  const json limited = kith_json({"contacts", "--limit", "3", "--sort", "count"});
  ASSERT_EQ(limited.size(), 3u);
  EXPECT_EQ(limited[0]["addresses"][0], "priya.raman@example.com");
}

// What samples/demo.sh ends with: the two Dana Whitfield addresses are
// suggested for merging, and due and drift on the sample's fixed dates.
TEST_F(SampleEndToEnd, TheDemoSuggestsMergingDanaAndSaysWhoIsDueAndDrifting) {
  kith_json({"sync"});
  const json suggestions = kith_json({"merge", "--suggest"});
  ASSERT_EQ(suggestions.size(), 1u) << suggestions.dump();
  std::vector<std::string> handles;  // by person id, and ids follow the order the sync met them in
  for (const auto& p : suggestions[0]["people"]) handles.push_back(p["handles"][0]["value"]);
  std::sort(handles.begin(), handles.end());
  EXPECT_EQ(handles, (std::vector<std::string>{"dana.whitfield@example.com", "dana@example.net"}));

  auto names = [](const json& list) {
    std::vector<std::string> out;
    for (const auto& p : list) out.push_back(p["name"]);
    return out;
  };
  // [cadence] default = "3m" in samples/kith.toml.
  const json due = kith_json({"--as-of", "2026-12-01", "due"});
  auto due_names = names(due);
  // Marcus and Tom come due the same minute: their order is by id.
  ASSERT_EQ(due_names.size(), 10u);
  std::sort(due_names.begin() + 8, due_names.end());
  EXPECT_EQ(due_names, (std::vector<std::string>{"Søren Kjær", "田中 優子", "Grace Kim", "José Martínez", "Lena Hoffmann",
                                                 "Ben Okafor", "Dana Whitfield", "Dana Whitfield", "Marcus Feld",
                                                 "Tom Becker"}));
  EXPECT_EQ(due[8]["due_at"], due[9]["due_at"]);
  std::vector<std::string> awaiting;
  for (const auto& p : due)
    if (p["awaiting_reply"] == true) awaiting.push_back(p["name"]);
  EXPECT_EQ(awaiting, (std::vector<std::string>{"José Martínez"}));
  // Alex last wrote to Søren on Wed, 15 Jan 2025 08:00 +0100; 90 days on.
  EXPECT_EQ(due[0]["due_at"], "2025-04-15T07:00:00Z") << due[0].dump();
  const json& tom = due[8]["name"] == "Tom Becker" ? due[8] : due[9];
  EXPECT_EQ(tom["planned_meeting"], "2027-02-09T10:00:00Z") << "Tom's meeting is after his due date";
  const json drift = kith_json({"--as-of", "2026-12-01", "drift"});
  EXPECT_EQ(names(drift), (std::vector<std::string>{"Grace Kim", "Ben Okafor"}));

  // Merged, Dana is one person with both addresses, and nothing is suggested.
  ASSERT_EQ(kith({"merge", "dana@example.net", "dana.whitfield@example.com"}).exit_code, 0);
  EXPECT_TRUE(kith_json({"merge", "--suggest"}).empty());
  const json dana = kith_json({"show", "Dana"});
  EXPECT_EQ(dana["handles"].size(), 2u);
  EXPECT_EQ(dana["counts"], json({{"email_received", 3}, {"email_sent", 1}, {"meeting", 1}}));
}

// Decisions are kept by handle: exported, they make the same people in a
// store made again from scratch, imported before its first sync or after.
TEST_F(SampleEndToEnd, DecisionsCarryIntoAStoreMadeAgainFromScratch) {
  kith_json({"sync"});
  ASSERT_EQ(kith({"merge", "dana@example.net", "dana.whitfield@example.com"}).exit_code, 0);
  ASSERT_EQ(kith({"rename", "Dana", "Dana W."}).exit_code, 0);
  ASSERT_EQ(kith({"tag", "Dana", "friends", "book club"}).exit_code, 0);
  ASSERT_EQ(kith({"cadence", "ben.okafor@example.com", "30d"}).exit_code, 0);
  ASSERT_EQ(kith({"cadence", "--tag", "friends", "14d"}).exit_code, 0);
  ASSERT_EQ(kith({"split", "Priya", "priya.raman@example.com"}).exit_code, 1) << "her only handle: refused";
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
  auto without_ids = [](json list) {
    for (auto& p : list) p.erase("id");
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
    ASSERT_EQ(list.size(), 11u);
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
  EXPECT_EQ(h["contact"]["addresses"], json::array({"dana@example.net"}));
  const auto& entries = h["interactions"];
  ASSERT_EQ(entries.size(), 4u);  // 1 sent, 2 received, 1 meeting
  for (std::size_t i = 1; i < entries.size(); ++i)
    EXPECT_GE(entries[i - 1]["when"].get<std::string>(), entries[i]["when"].get<std::string>());
  EXPECT_EQ(entries[0]["kind"], "meeting");
  EXPECT_EQ(entries[0]["direction"], "mutual");
  EXPECT_EQ(entries[0]["account"], "sample");
  // Each mail's subject and the meeting's title (SUMMARY), from the files.
  EXPECT_EQ(entries[0]["subject"], "Dinner at Dana's");
  EXPECT_EQ(entries[1]["subject"], "Re: Book recommendation");  // 2025-06-18, received
  EXPECT_EQ(entries[2]["subject"], "Re: Book recommendation");  // 2025-05-07, sent
  EXPECT_EQ(entries[3]["subject"], "Book recommendation");
  // By id, too.
  const json by_id = kith_json({"history", std::to_string(h["contact"]["id"].get<int>())});
  EXPECT_EQ(by_id["interactions"], entries);
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
  ASSERT_EQ(status["accounts"].size(), 1u);
  const auto& a = status["accounts"][0];
  EXPECT_EQ(a["name"], "sample");
  EXPECT_EQ(a["provider"], "local");
  EXPECT_EQ(a["last_run"]["result"], "ok");
  EXPECT_EQ(a["last_run"]["items"], 57);
  EXPECT_FALSE(a["last_success"].is_null());
  ASSERT_EQ(a["item_errors"].size(), 1u);
  EXPECT_EQ(a["item_errors"][0]["collection"], "work");
  EXPECT_EQ(a["item_errors"][0]["item"], "broken-export.ics");
  EXPECT_EQ(status["contacts"], std::size(kExpected));
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

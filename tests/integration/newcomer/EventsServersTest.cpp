// Events, follow-ups and virtual coffees, end to end: the real `kith`
// binary syncs a real Radicale (a "Conferences" calendar and a work
// calendar) and a real Dovecot (the mail that makes people likely met and
// followed up), and at a fixed --as-of `kith events`, `kith event`,
// `kith followups`, `kith coffees`, `kith due` and `kith show` answer
// exactly what the rules say (engine/relate/Events.h, README "Events,
// follow-ups and coffees"). No [cadence]: `kith due` lists the follow-ups
// alone.
//
// The calendar, with `[events] calendars = ["Conferences"]`:
//   RustConf 2026   12-14 May, all day, no LOCATION, no attendees: an event only
//                   because it is in "Conferences"; ends 15 May 00:00, so people
//                   first heard from up to 29 May 00:00 were likely met there
//   All hands       4 May 15:00-16:00 (Work), 8 others (>= min_attendees 6): all
//                   confirmed; Ann known since March, the 7 others new there
//   Coffee with Ann 14 April, a Google Meet link in DESCRIPTION: a coffee
//   Coffee with Dana 26 May, a Zoom LOCATION: a coffee
//   Coffee with Lena 3 June (Zoom): after the as-of, not (yet) a coffee
// The mail:
//   Ben (6 May) and Cora, Dev, Eli (one mail, 7 May) written to after the
//   all hands: followed up. Lena wrote 20 May (first contact, after the all
//   hands' 14 days: only RustConf's), answered 22 May: followed up. Nina wrote
//   25 May: likely met, not followed up. Omar wrote 30 May: after the window.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "EndToEnd.h"
#include "servers/RadicaleServer.h"

namespace kith::test {
namespace {

using namespace kith::test::e2e;
using kith::testing::DovecotServer;
using kith::testing::RadicaleServer;

const std::string kAsOf = "2026-06-01T00:00:00Z";

const std::map<std::string, std::string> kNames = {
    {"ann@corp.example", "Ann Berg"},       {"ben@corp.example", "Ben Cho"},   {"cora@corp.example", "Cora Diaz"},
    {"dev@corp.example", "Dev Rao"},        {"eli@corp.example", "Eli Stone"}, {"fay@corp.example", "Fay Wu"},
    {"gil@corp.example", "Gil Adler"},      {"hal@corp.example", "Hal Price"}, {"dana@example.net", "Dana Whitfield"},
    {"lena@rust.example", "Lena Roth"},     {"nina@rust.example", "Nina Park"},
    {"omar@rust.example", "Omar Haddad"}};

const std::vector<std::string> kAllHands = {"ann@corp.example", "ben@corp.example", "cora@corp.example",
                                            "dev@corp.example", "eli@corp.example", "fay@corp.example",
                                            "gil@corp.example", "hal@corp.example"};

std::string mailbox(const std::string& address) { return kNames.at(address) + " <" + address + ">"; }

std::vector<Mail> mail() {
  return {
      {true, "2026-03-02T10:00:00Z", {mailbox("dana@example.net")}, "dana-1@example.org", "Book list"},
      {false, "2026-03-10T09:00:00Z", {mailbox("ann@corp.example")}, "ann-1@corp.example", "Intro"},
      {true, "2026-05-06T10:00:00Z", {mailbox("ben@corp.example")}, "ben-1@example.org", "Slides from the all hands"},
      {true,
       "2026-05-07T10:00:00Z",
       {mailbox("cora@corp.example"), mailbox("dev@corp.example"), mailbox("eli@corp.example")},
       "team-1@example.org",
       "Next steps"},
      {false, "2026-05-20T09:00:00Z", {mailbox("lena@rust.example")}, "lena-1@rust.example",
       "Great meeting you at RustConf"},
      {true, "2026-05-22T10:00:00Z", {mailbox("lena@rust.example")}, "lena-2@example.org",
       "Re: Great meeting you at RustConf"},
      {false, "2026-05-25T10:00:00Z", {mailbox("nina@rust.example")}, "nina-1@rust.example", "Your RustConf talk"},
      {false, "2026-05-30T10:00:00Z", {mailbox("omar@rust.example")}, "omar-1@rust.example", "Hello"},
  };
}

std::string attendee(const std::string& address) {
  return cat("ATTENDEE;CN=\"", kNames.at(address), "\";PARTSTAT=ACCEPTED:mailto:", address, "\r\n");
}

std::string vevent(const std::string& uid, const std::string& body) {
  return cat("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:", uid,
             "\r\nDTSTAMP:20260101T000000Z\r\n", body, "END:VEVENT\r\nEND:VCALENDAR\r\n");
}

// A meeting the owner organizes, with these attendees.
std::string meeting(const std::string& uid, const std::string& start, const std::string& end, const std::string& summary,
                    const std::vector<std::string>& with, const std::string& more = "") {
  std::string body = cat("DTSTART:", start, "\r\nDTEND:", end, "\r\nSUMMARY:", summary, "\r\n", more,
                         "ORGANIZER;CN=\"Alex Morgan\":mailto:alex@example.org\r\n"
                         "ATTENDEE;CN=\"Alex Morgan\";PARTSTAT=ACCEPTED:mailto:alex@example.org\r\n");
  for (const auto& a : with) body += attendee(a);
  return vevent(uid, body);
}

class EventsServers : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
    auto dovecot = DovecotServer::start();
    ASSERT_TRUE(dovecot) << dovecot.status().message();
    dovecot_ = std::move(*dovecot);
    ASSERT_NO_FATAL_FAILURE(seed_mail(*dovecot_, mail()));
    auto radicale = RadicaleServer::start();
    ASSERT_TRUE(radicale) << radicale.status().message();
    radicale_ = std::move(*radicale);

    ASSERT_TRUE(radicale_->make_calendar("alex", "conf", "Conferences"));
    ASSERT_TRUE(radicale_->make_calendar("alex", "work", "Work"));
    auto put = [&](const std::string& calendar, const std::string& uid, const std::string& ics) {
      auto etag = radicale_->put_event("alex", calendar, uid + ".ics", ics);
      ASSERT_TRUE(etag) << uid << ": " << etag.status().message();
    };
    ASSERT_NO_FATAL_FAILURE(put("conf", "rustconf-2026",
                                vevent("rustconf-2026", "DTSTART;VALUE=DATE:20260512\r\nDTEND;VALUE=DATE:20260515\r\n"
                                                        "SUMMARY:RustConf 2026\r\n")));
    ASSERT_NO_FATAL_FAILURE(
        put("work", "all-hands-may", meeting("all-hands-may", "20260504T150000Z", "20260504T160000Z", "All hands", kAllHands)));
    ASSERT_NO_FATAL_FAILURE(put("work", "coffee-ann",
                                meeting("coffee-ann", "20260414T090000Z", "20260414T093000Z", "Coffee with Ann",
                                        {"ann@corp.example"}, "DESCRIPTION:Join: https://meet.google.com/abc-defg-hij\r\n")));
    ASSERT_NO_FATAL_FAILURE(put("work", "coffee-dana",
                                meeting("coffee-dana", "20260526T160000Z", "20260526T163000Z", "Coffee with Dana",
                                        {"dana@example.net"}, "LOCATION:https://zoom.us/j/123456789\r\n")));
    ASSERT_NO_FATAL_FAILURE(put("work", "coffee-lena",
                                meeting("coffee-lena", "20260603T160000Z", "20260603T163000Z", "Coffee with Lena",
                                        {"lena@rust.example"}, "LOCATION:https://zoom.us/j/987654321\r\n")));

    std::ofstream(kith.config()) << "[identity]\naddresses = [\"" << kOwner << "\"]\n\n"
                                 << "[events]\ncalendars = [\"Conferences\"]\n\n"
                                 << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" << dovecot_->imap_url()
                                 << "\"\nusername = \"" << kOwner
                                 << "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n\n"
                                 << "[[account]]\nname = \"calendar\"\nprovider = \"caldav\"\nurl = \""
                                 << radicale_->base_url()
                                 << "\"\nusername = \"alex\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n";
    ASSERT_NO_FATAL_FAILURE(kith.must({"sync"}));
    id = kith.ids(kAsOf);
    for (const auto& [address, _] : kNames) ASSERT_TRUE(id.count(address)) << address;
    ASSERT_EQ(id.size(), kNames.size());
  }

  json person(const std::string& address) { return {{"id", id.at(address)}, {"name", kNames.at(address)}}; }

  json query(std::vector<std::string> args) { return kith.query(kAsOf, std::move(args)); }

  // The people, ordered by id (as Kith lists them within an event).
  std::vector<std::string> by_id(std::vector<std::string> addresses) {
    std::sort(addresses.begin(), addresses.end(),
              [&](const std::string& a, const std::string& b) { return id.at(a) < id.at(b); });
    return addresses;
  }

  std::unique_ptr<DovecotServer> dovecot_;
  std::unique_ptr<RadicaleServer> radicale_;
  TempDir dir;
  Kith kith{dir.path()};
  std::map<std::string, std::int64_t> id;
};

TEST_F(EventsServers, EventsPeopleMetFollowUpsAndCoffeesFollowTheRules) {
  const std::string all_hands = calendar_event_id("all-hands-may"), rustconf = calendar_event_id("rustconf-2026");
  const json all_hands_head = {{"end", "2026-05-04T16:00:00Z"}, {"id", all_hands}, {"title", "All hands"}};
  const json rustconf_head = {{"end", "2026-05-15T00:00:00Z"}, {"id", rustconf}, {"title", "RustConf 2026"}};

  // Two events; no coffee is one (short, two people).
  const json events = json::array({
      {{"end", "2026-05-04T16:00:00Z"}, {"followed_up", 4}, {"id", all_hands}, {"new_people", 7},
       {"not_followed_up", 4}, {"people", 8}, {"source", "calendar"}, {"start", "2026-05-04T15:00:00Z"},
       {"title", "All hands"}},
      {{"end", "2026-05-15T00:00:00Z"}, {"followed_up", 1}, {"id", rustconf}, {"new_people", 2},
       {"not_followed_up", 1}, {"people", 2}, {"source", "calendar"}, {"start", "2026-05-12T00:00:00Z"},
       {"title", "RustConf 2026"}},
  });
  EXPECT_EQ(query({"events"}), events) << query({"events"}).dump(1);
  // 30 days back (from 2 May) still holds both; 20 days (from 12 May) the conference only.
  EXPECT_EQ(query({"events", "--past", "30d"}), events);
  EXPECT_EQ(query({"events", "--past", "20d"}), json::array({events[1]}));

  // The conference: its people are those who first wrote within 14 days of
  // its end (likely), new; Lena answered, Nina did not; Omar came too late.
  json rustconf_people = json::array();
  for (const auto& a : by_id({"lena@rust.example", "nina@rust.example"}))
    rustconf_people.push_back({{"followed_up", a == "lena@rust.example"}, {"id", id.at(a)}, {"met", "likely"},
                               {"name", kNames.at(a)}, {"new", true}});
  json rustconf_event = rustconf_head;
  rustconf_event["start"] = "2026-05-12T00:00:00Z";
  rustconf_event["people"] = rustconf_people;
  EXPECT_EQ(query({"event", rustconf}), rustconf_event) << query({"event", rustconf}).dump(1);

  // The all hands, by its title: the calendar's participants, confirmed.
  json all_hands_people = json::array();
  for (const auto& a : by_id(kAllHands)) {
    const bool followed = a == "ben@corp.example" || a == "cora@corp.example" || a == "dev@corp.example" ||
                          a == "eli@corp.example";
    all_hands_people.push_back({{"followed_up", followed}, {"id", id.at(a)}, {"met", "confirmed"},
                                {"name", kNames.at(a)}, {"new", a != "ann@corp.example"}});
  }
  json all_hands_event = all_hands_head;
  all_hands_event["start"] = "2026-05-04T15:00:00Z";
  all_hands_event["people"] = all_hands_people;
  EXPECT_EQ(query({"event", "All hands"}), all_hands_event) << query({"event", "All hands"}).dump(1);

  // Follow-ups: the oldest event first, by person within it.
  json followups = json::array();
  const std::vector<std::string> not_followed = by_id({"ann@corp.example", "fay@corp.example", "gil@corp.example",
                                                       "hal@corp.example"});
  for (const auto& a : not_followed)
    followups.push_back({{"event", all_hands_head}, {"id", id.at(a)}, {"met", "confirmed"}, {"name", kNames.at(a)}});
  followups.push_back(
      {{"event", rustconf_head}, {"id", id.at("nina@rust.example")}, {"met", "likely"}, {"name", "Nina Park"}});
  EXPECT_EQ(query({"followups"}), followups) << query({"followups"}).dump(1);
  // Events that ended within 20 days: the conference's only.
  EXPECT_EQ(query({"followups", "--days", "20"}), json::array({followups.back()}));

  // `kith due` without a cadence: the follow-ups, due 3 days after the event.
  json due = json::array();
  for (const auto& a : not_followed)
    due.push_back({{"awaiting_reply", false},
                   {"cadence_days", nullptr},
                   {"due_at", "2026-05-07T16:00:00Z"},
                   {"followup", {{"event", all_hands_head}, {"met", "confirmed"}}},
                   {"id", id.at(a)},
                   {"last_touch", {{"at", "2026-05-04T15:00:00Z"}, {"kind", "meeting"}}},
                   {"milestone", nullptr},
                   {"name", kNames.at(a)},
                   {"overdue_days", nullptr},
                   {"planned_meeting", nullptr},
                   {"reason", "follow up after All hands"}});
  due.push_back({{"awaiting_reply", false},
                 {"cadence_days", nullptr},
                 {"due_at", "2026-05-18T00:00:00Z"},
                 {"followup", {{"event", rustconf_head}, {"met", "likely"}}},
                 {"id", id.at("nina@rust.example")},
                 {"last_touch", nullptr},
                 {"milestone", nullptr},
                 {"name", "Nina Park"},
                 {"overdue_days", nullptr},
                 {"planned_meeting", nullptr},
                 {"reason", "follow up after RustConf 2026"}});
  EXPECT_EQ(query({"due"}), due) << query({"due"}).dump(1);

  // Coffees: video calls of two that have taken place, and every month of
  // the 90 days (from 3 March) with its count.
  const json coffees = {
      {"coffees", json::array({
                      {{"at", "2026-04-14T09:00:00Z"}, {"people", json::array({person("ann@corp.example")})},
                       {"title", "Coffee with Ann"}},
                      {{"at", "2026-05-26T16:00:00Z"}, {"people", json::array({person("dana@example.net")})},
                       {"title", "Coffee with Dana"}},
                  })},
      {"months", json::array({{{"count", 0}, {"month", "2026-03"}},
                              {{"count", 1}, {"month", "2026-04"}},
                              {{"count", 1}, {"month", "2026-05"}},
                              {{"count", 0}, {"month", "2026-06"}}})}};
  EXPECT_EQ(query({"coffees"}), coffees) << query({"coffees"}).dump(1);
  // A week later Lena's call of 3 June has taken place.
  const json later = kith.query("2026-06-08T00:00:00Z", {"coffees", "--past", "30d"});
  ASSERT_EQ(later["coffees"].size(), 2u) << later.dump(1);
  EXPECT_EQ(later["coffees"][1]["title"], "Coffee with Lena");
  EXPECT_EQ(later["coffees"][1]["people"], json::array({person("lena@rust.example")}));

  // `kith show`: where each was met, and their coffees.
  const json lena = query({"show", "lena@rust.example"});
  EXPECT_EQ(lena["met_at"], json::array({{{"event", {{"end", "2026-05-15T00:00:00Z"}, {"id", rustconf},
                                                     {"start", "2026-05-12T00:00:00Z"}, {"title", "RustConf 2026"}}},
                                          {"followed_up", true},
                                          {"met", "likely"},
                                          {"new", true}}}))
      << lena.dump(1);
  EXPECT_EQ(lena["coffees"], 0);
  const json dana = query({"show", "dana@example.net"});
  EXPECT_EQ(dana["met_at"], json::array());
  EXPECT_EQ(dana["coffees"], 1);
  EXPECT_EQ(dana["last_coffee"], "2026-05-26T16:00:00Z");
  EXPECT_EQ(query({"show", "omar@rust.example"})["met_at"], json::array());
}

}  // namespace
}  // namespace kith::test

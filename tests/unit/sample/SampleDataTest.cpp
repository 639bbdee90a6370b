// The bundled samples/data set: what the provider delivers from it (the
// engine's end-to-end tests check what it extracts; see samples/data/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "LocalProvider.h"
#include "SampleTestSupport.h"

namespace kith::local {
namespace sample_data_test {

using test::FakeContext;
using test::RecordingSink;
namespace fs = std::filesystem;

const fs::path kSamples = KITH_SAMPLES_DIR;
constexpr UnixSeconds kNow = 1795694400;  // 2026-11-26T12:00:00Z

class SampleDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context.mutable_settings().set(kMaildirKey, (kSamples / "data" / "mail").string());
    context.mutable_settings().set(kVdirKey, (kSamples / "data" / "calendars").string());
    LocalProvider::Options options;
    context.fixed_now = kNow;
    LocalProvider provider(context, options);
    status = provider.sync(SyncState{}, sink);
    messages = sink.messages();
    events = sink.events();
  }

  const MessageHeaders& by_id(const std::string& message_id) const {
    auto it = std::find_if(messages.begin(), messages.end(),
                           [&](const MessageHeaders& m) { return m.message_id == message_id; });
    if (it == messages.end()) throw std::runtime_error("no message " + message_id);
    return *it;
  }

  const CalendarEvent& by_resource(const std::string& collection, const std::string& resource) const {
    auto it = std::find_if(events.begin(), events.end(), [&](const CalendarEvent& e) {
      return e.collection == collection && e.resource == resource;
    });
    if (it == events.end()) throw std::runtime_error("no event " + collection + "/" + resource);
    return *it;
  }

  FakeContext context;
  RecordingSink sink;
  Status status;
  std::vector<MessageHeaders> messages;
  std::vector<CalendarEvent> events;
};

TEST_F(SampleDataTest, DeliversEveryMessageWithItsFolderRole) {
  ASSERT_TRUE(status.is_ok()) << status.message();
  std::map<std::string, int> per_folder;
  std::map<std::string, FolderRole> roles;
  for (const auto& m : messages) {
    ++per_folder[m.collection];
    roles[m.collection] = m.folder_role;
    EXPECT_TRUE(m.date.has_value()) << m.item_id;
    EXPECT_EQ(m.from.size(), 1u) << m.item_id;
  }
  EXPECT_EQ(messages.size(), 44u);
  EXPECT_EQ(per_folder, (std::map<std::string, int>{{"Archive", 4}, {"Drafts", 1}, {"INBOX", 25}, {"Junk", 1}, {"Sent", 13}}));
  using R = FolderRole;
  EXPECT_EQ(roles, (std::map<std::string, FolderRole>{
                       {"Archive", R::Other}, {"Drafts", R::Drafts}, {"INBOX", R::Inbox}, {"Junk", R::Junk}, {"Sent", R::Sent}}));
  // All dated before 2026-11-22 (except the one whose Date is garbage):
  // the last two follow DevTools Summit 2026.
  for (const auto& m : messages) {
    if (m.message_id != "vendor-contract.4002@mail.example.com") {
      EXPECT_LT(*m.date, 1795305600) << m.item_id;
    }
  }
  EXPECT_EQ(by_id("devtools-summit.1301@mail.example.org").date, 1795171320);  // Fri 20 Nov 2026 10:42 +0000
  EXPECT_EQ(by_id("sent-s14.5014@mail.example.org").date, 1795257000);         // Sat 21 Nov 2026 11:30 +0100
}

TEST_F(SampleDataTest, DeliversEveryCalendarResourceButTheBrokenOne) {
  ASSERT_TRUE(status.is_ok()) << status.message();
  std::map<std::string, int> per_calendar;
  for (const auto& e : events) ++per_calendar[e.collection];
  EXPECT_EQ(events.size(), 17u);
  EXPECT_EQ(per_calendar, (std::map<std::string, int>{{"conferences", 1}, {"personal", 6}, {"work", 10}}));
  ASSERT_EQ(sink.failures.size(), 1u);
  EXPECT_EQ(sink.failures[0].collection, "work");
  EXPECT_EQ(sink.failures[0].item, "broken-export.ics");
  EXPECT_EQ(sink.failures[0].why.kind(), ErrorKind::Item);
  EXPECT_TRUE(sink.removals().empty());
}

TEST_F(SampleDataTest, TrickyMessagesParseAsTheReadmeSays) {
  ASSERT_TRUE(status.is_ok());
  EXPECT_EQ(by_id("20250114100200.4f1c@mail.example.net").from.at(0).name, "S\xC3\xB8ren Kj\xC3\xA6r");  // ISO-8859-1 Q
  EXPECT_EQ(by_id("kyoto.6001@mail.example.com").from.at(0).name, "\xE7\x94\xB0\xE4\xB8\xAD \xE5\x84\xAA\xE5\xAD\x90");  // UTF-8 B
  EXPECT_EQ(by_id("valencia.2001@mail.example.org").from.at(0).name, "Jos\xC3\xA9 Mart\xC3\xADnez");  // UTF-8 Q
  EXPECT_EQ(by_id("book-rec.3001@mail.example.net").from.at(0).address, "Dana@Example.NET");

  const auto& newsletter = by_id("weekly-2025-33@news.example.net");
  EXPECT_TRUE(newsletter.has_list_id);
  EXPECT_TRUE(newsletter.has_list_unsubscribe);
  EXPECT_EQ(by_id("autumn-deals.77@offers.example.net").precedence, "bulk");
  EXPECT_EQ(by_id("ooo.4001@mail.example.com").auto_submitted, "auto-replied");
  EXPECT_EQ(by_id("bounce.20251002070300@mx.example.org").from.at(0).address, "MAILER-DAEMON@example.org");
  EXPECT_EQ(by_id("invoice-2025-08@billing.example.com").from.at(0).address, "no-reply@example.com");

  EXPECT_EQ(by_id("allhands-spring.9001@mail.example.com").to.size(), 25u);
  EXPECT_TRUE(by_id("bookclub-first.8002@mail.example.org").to.empty());  // undisclosed-recipients:;
  const auto& group = by_id("sent-s06.5006@mail.example.org");
  ASSERT_EQ(group.to.size(), 3u);
  EXPECT_EQ(group.to[2].address, "lena.hoffmann@example.com");
  const auto& partnership = by_id("partnership.5005@mail.example.org");
  EXPECT_EQ(partnership.to.size(), 3u);
  EXPECT_EQ(partnership.cc.size(), 1u);

  int without_id = 0, budget_copies = 0;
  for (const auto& m : messages) {
    without_id += m.message_id.empty();
    budget_copies += m.message_id == "budget-2026.7731@mail.example.com";
  }
  EXPECT_EQ(without_id, 1);
  EXPECT_EQ(budget_copies, 2);

  // A garbage Date falls back to the file's mtime.
  const auto& undated = by_id("vendor-contract.4002@mail.example.com");
  auto version = file_version(kSamples / "data" / "mail" / "cur" / undated.item_id);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(undated.date, version->mtime_ns / 1'000'000'000);
}

TEST_F(SampleDataTest, TrickyEventsExpandAsTheReadmeSays) {
  ASSERT_TRUE(status.is_ok());
  const auto& weekly = by_resource("work", "weekly-1on1-priya.ics");
  int past = 0, upcoming = 0, cancelled = 0;
  bool exdate_seen = false;
  for (const auto& o : weekly.occurrences) {
    if (o.status == EventStatus::Cancelled) {
      ++cancelled;
      EXPECT_EQ(o.recurrence_id, "2026-11-03T09:00:00Z");
      continue;
    }
    (o.start <= kNow ? past : upcoming) += 1;
    exdate_seen |= o.recurrence_id == "2026-09-29T08:00:00Z";
    if (o.recurrence_id == "2026-10-13T08:00:00Z") {
      EXPECT_EQ(o.start, 1792065600);  // moved to Thu 15 Oct 14:00 CEST
    }
  }
  EXPECT_EQ(past, 11);
  EXPECT_EQ(upcoming, 52);
  EXPECT_EQ(cancelled, 1);
  EXPECT_FALSE(exdate_seen);

  EXPECT_EQ(by_resource("work", "team-dinner.ics").uid, by_resource("personal", "team-dinner.ics").uid);
  EXPECT_EQ(by_resource("work", "vendor-call-cancelled.ics").occurrences.at(0).status, EventStatus::Cancelled);
  EXPECT_TRUE(by_resource("work", "team-offsite.ics").occurrences.at(0).all_day);
  EXPECT_TRUE(by_resource("work", "video-call-jose.ics").occurrences.at(0).has_video_link);
  EXPECT_GT(by_resource("work", "roadmap-2027.ics").occurrences.at(0).start, kNow);
  const auto& room = by_resource("work", "planning-room-atlas.ics").occurrences.at(0);
  EXPECT_TRUE(std::any_of(room.attendees.begin(), room.attendees.end(),
                          [](const Participant& p) { return p.cutype == CalendarUserType::Room; }));
  const auto& declined = by_resource("work", "partner-sync-declined.ics").occurrences.at(0);
  EXPECT_TRUE(std::any_of(declined.attendees.begin(), declined.attendees.end(), [](const Participant& p) {
    return p.address == "Alex.Morgan@example.com" && p.partstat == PartStat::Declined;
  }));
  EXPECT_TRUE(by_resource("personal", "dentist.ics").occurrences.at(0).attendees.empty());

  // The conference: all day for three days, with a place (an event by
  // either rule, and by [events] calendars in samples/kith.toml).
  const auto& summit = by_resource("conferences", "devtools-summit-2026.ics");
  ASSERT_EQ(summit.occurrences.size(), 1u);
  const auto& days = summit.occurrences[0];
  EXPECT_TRUE(days.all_day);
  EXPECT_EQ(days.start, 1794873600);  // 2026-11-17
  EXPECT_EQ(days.end, 1795132800);    // 2026-11-20, the day after the last
  EXPECT_EQ(days.summary, "DevTools Summit 2026");
  EXPECT_EQ(days.location, "Lisbon, Portugal");
  EXPECT_FALSE(days.has_video_link);
  ASSERT_TRUE(days.organizer.has_value());
  EXPECT_EQ(days.organizer->address, "rafael.costa@example.net");
  std::set<std::string> attendees;
  for (const auto& p : days.attendees) attendees.insert(p.address);
  EXPECT_EQ(attendees, (std::set<std::string>{"alex@example.org", "amara.osei@example.com", "priya.raman@example.com",
                                             "rafael.costa@example.net"}));
  // Google Calendar's export: the Meet link only in DESCRIPTION (and its
  // own X-GOOGLE-CONFERENCE), an empty LOCATION.
  const auto& coffee = by_resource("personal", "coffee-grace.ics").occurrences.at(0);
  EXPECT_TRUE(coffee.has_video_link);
  EXPECT_TRUE(coffee.location.empty());
  EXPECT_EQ(coffee.attendees.size(), 2u);
}

TEST_F(SampleDataTest, SecondSyncDeliversNothing) {
  ASSERT_TRUE(status.is_ok());
  RecordingSink again;
  const SyncState state = sink.state;
  LocalProvider::Options options;
  context.fixed_now = kNow;
  ASSERT_TRUE(LocalProvider(context, options).sync(state, again).is_ok());
  EXPECT_EQ(again.commit_calls, 0);
  EXPECT_TRUE(again.failures.empty());
}

}  // namespace sample_data_test
}  // namespace kith::local

// What the store keeps for events, coffees and reminders
// (store/EventRows.cpp, store/ReminderRows.cpp).
#include <gtest/gtest.h>

#include "StoreBackends.h"
#include "TempDir.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;

constexpr UnixSeconds kT = 1'790'000'000;

Interaction attendee(const std::string& address, const std::string& name = "") {
  return {InteractionKind::Meeting, address, name, kT, "evt:x", "", HandleKind::Email, ""};
}

OccurrenceRecord occurrence(UnixSeconds start, std::uint32_t others, std::vector<Interaction> people,
                            const std::string& rid = "") {
  OccurrenceRecord o;
  o.recurrence_id = rid;
  o.start = start;
  o.end = start + 3600;
  o.title = "Conf";
  o.others = others;
  o.people = std::move(people);
  return o;
}

EventInteractions event(const std::string& uid, std::vector<OccurrenceRecord> occurrences,
                        const std::string& resource = "") {
  EventInteractions e{"cal", resource.empty() ? uid + ".ics" : resource, uid, {}, "Conferences", std::move(occurrences)};
  return e;
}

class EventStoreTest : public kith::test::StoreBackendTest {
 protected:
  void apply(ExtractedBatch batch) {
    auto applied = store->apply("acct", batch);
    ASSERT_TRUE(applied) << applied.status().message();
  }
  std::vector<OccurrenceRow> all() {
    auto rows = store->occurrences({});
    EXPECT_TRUE(rows) << rows.status().message();
    return rows ? *rows : std::vector<OccurrenceRow>{};
  }
  std::int64_t person(const std::string& address) {
    auto id = store->person_with_handle(HandleKind::Email, address);
    EXPECT_TRUE(id && *id);
    return id && *id ? **id : 0;
  }
};

TEST_P(EventStoreTest, OccurrencesAreKeptWithTheirPeopleAndReplacedWithTheirEvent) {
  ExtractedBatch b;
  b.events.push_back(event("conf", {occurrence(kT, 3, {attendee("a@example.org", "Ann"), attendee("b@example.org"),
                                                        attendee("c@example.org")})}));
  apply(b);
  auto rows = all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].event_uid, "conf");
  EXPECT_EQ(rows[0].calendar_name, "Conferences");
  EXPECT_EQ(rows[0].account, "acct");
  EXPECT_EQ(rows[0].others, 3u);
  EXPECT_EQ(rows[0].title, "Conf");
  std::vector<std::int64_t> people = {person("a@example.org"), person("b@example.org"), person("c@example.org")};
  std::sort(people.begin(), people.end());
  EXPECT_EQ(rows[0].people, people) << "participants are people, with no interaction of their own";

  // Delivered again, changed: the new occurrences replace the old.
  ExtractedBatch again;
  again.events.push_back(event("conf", {occurrence(kT + 86400, 1, {attendee("a@example.org")}, "r2"),
                                        occurrence(kT + 2 * 86400, 1, {attendee("a@example.org")}, "r3")}));
  apply(again);
  rows = all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].recurrence_id, "r2");
  EXPECT_EQ(rows[1].people, std::vector<std::int64_t>{person("a@example.org")});

  // The window: occurrences overlapping [from, to].
  auto window = store->occurrences({kT + 86400 + 3600, kT + 86400 + 3600, std::nullopt, std::nullopt});
  ASSERT_TRUE(window);
  ASSERT_EQ(window->size(), 1u) << "ends exactly at `from`: in";
  EXPECT_EQ((*window)[0].recurrence_id, "r2");

  // Removed from the server: gone with its people.
  ExtractedBatch removal;
  removal.removals.push_back({"cal", "conf.ics"});
  apply(removal);
  EXPECT_TRUE(all().empty());
  auto left = store->database().prepare("SELECT count(*) FROM occurrence_people");
  ASSERT_TRUE(left && *left->step());
  EXPECT_EQ(left->column_int(0), 0);
}

TEST_P(EventStoreTest, VideoCallsByTheirSize) {
  ExtractedBatch b;
  auto coffee = occurrence(kT, 1, {attendee("a@example.org")});
  coffee.video = true;
  auto trio = occurrence(kT + 3600, 2, {attendee("a@example.org"), attendee("b@example.org")}, "2");
  trio.video = true;
  auto crowd = occurrence(kT + 7200, 3, {attendee("a@example.org"), attendee("b@example.org"), attendee("c@example.org")}, "3");
  crowd.video = true;
  auto in_person = occurrence(kT + 9000, 1, {attendee("a@example.org")}, "4");
  b.events.push_back(event("calls", {coffee, trio, crowd, in_person}));
  apply(b);
  auto calls = store->occurrences({INT64_MIN, INT64_MAX, 2, std::nullopt});
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 2u);
  EXPECT_EQ((*calls)[0].others, 1u);
  EXPECT_EQ((*calls)[1].others, 2u);
}

TEST_P(EventStoreTest, AnIgnoredHandleIsNoOnesParticipant) {
  ASSERT_TRUE(store->ignore({"@spam.example"}));
  ExtractedBatch b;
  b.events.push_back(event("conf", {occurrence(kT, 2, {attendee("a@example.org"), attendee("x@spam.example")})}));
  apply(b);
  auto rows = all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].others, 2u) << "still counted";
  EXPECT_EQ(rows[0].people, std::vector<std::int64_t>{person("a@example.org")});
}

TEST_P(EventStoreTest, DeclaredEventsAndMetDecisionsFollowMerges) {
  auto id = store->declare_event({0, "RustConf 2026", kT, kT + 3 * 86400, "rustconf"});
  ASSERT_TRUE(id);
  auto declared = store->declared_events();
  ASSERT_TRUE(declared);
  ASSERT_EQ(declared->size(), 1u);
  EXPECT_EQ((*declared)[0].title, "RustConf 2026");
  EXPECT_EQ((*declared)[0].tag, "rustconf");

  ExtractedBatch b;
  b.events.push_back(event("meet", {occurrence(kT, 2, {attendee("a@example.org"), attendee("b@example.org")})}));
  apply(b);
  const std::int64_t a = person("a@example.org"), bb = person("b@example.org");
  const std::string key = "declared:" + std::to_string(*id);
  ASSERT_TRUE(store->decide_met(key, bb, /*confirmed=*/true, "rustconf"));
  ASSERT_TRUE(store->decide_met("cal:meet|", a, /*confirmed=*/false, ""));
  EXPECT_FALSE(store->decide_met(key, 999999, true, "")) << "no such person";
  auto people = store->people(bb);
  ASSERT_TRUE(people);
  EXPECT_EQ(people->at(0).tags, std::vector<std::string>{"rustconf"}) << "a confirmed person gets the event's tag";

  // b merged into a: b's decision goes with them.
  ASSERT_TRUE(store->merge_people(a, {bb}));
  auto decisions = store->met_decisions();
  ASSERT_TRUE(decisions);
  ASSERT_EQ(decisions->size(), 2u);
  for (const MetDecision& d : *decisions) EXPECT_EQ(d.person, a);

  auto removed = store->remove_declared_event(*id);
  ASSERT_TRUE(removed);
  EXPECT_TRUE(*removed);
  decisions = store->met_decisions();
  ASSERT_TRUE(decisions);
  EXPECT_EQ(decisions->size(), 1u) << "the declared event's decisions go with it";
  removed = store->remove_declared_event(*id);
  ASSERT_TRUE(removed);
  EXPECT_FALSE(*removed);
}

TEST_P(EventStoreTest, ReminderTasksAreKeptByUid) {
  ExtractedBatch b;
  b.events.push_back(event("meet", {occurrence(kT, 1, {attendee("a@example.org")})}));
  apply(b);
  const std::int64_t a = person("a@example.org");
  ReminderTask t{"kith-1@kith", "cal", "Kith", "kith-1.ics", "\"e1\"", a, "due", "2026-12-10", "", false, kT};
  ASSERT_TRUE(store->put_reminder_task(t));
  t.etag = "\"e2\"";
  t.user_due = "2026-12-15";
  t.completed = true;
  ASSERT_TRUE(store->put_reminder_task(t));
  auto tasks = store->reminder_tasks();
  ASSERT_TRUE(tasks);
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].etag, "\"e2\"");
  EXPECT_EQ((*tasks)[0].user_due, "2026-12-15");
  EXPECT_TRUE((*tasks)[0].completed);
  EXPECT_EQ((*tasks)[0].person, a);
  // A person who is no more leaves the task without one.
  t.uid = "kith-2@kith";
  t.person = 424242;
  ASSERT_TRUE(store->put_reminder_task(t));
  tasks = store->reminder_tasks();
  ASSERT_TRUE(tasks);
  ASSERT_EQ(tasks->size(), 2u);
  EXPECT_FALSE((*tasks)[1].person);
  ASSERT_TRUE(store->forget_reminder_task("kith-1@kith"));
  tasks = store->reminder_tasks();
  ASSERT_TRUE(tasks);
  EXPECT_EQ(tasks->size(), 1u);
}

// A team member's events (`--member`): those their calendars hold, the
// same event in two members' calendars being both's.
TEST_P(EventStoreTest, AMembersEventsAreThoseTheirCalendarsHold) {
  ExtractedBatch shared, alone;
  shared.events.push_back(event("both", {occurrence(kT, 1, {attendee("dana@acme.com")})}));
  alone.events.push_back(event("bobs", {occurrence(kT + 3600, 1, {attendee("erin@acme.com")})}));
  for (const auto& [account, batch] : std::vector<std::pair<std::string, ExtractedBatch*>>{
           {"alice-cal", &shared}, {"bob-cal", &shared}, {"bob-cal", &alone}}) {
    auto applied = store->apply(account, *batch);
    ASSERT_TRUE(applied) << applied.status().message();
  }
  auto uids = [&](std::optional<std::vector<std::string>> accounts) {
    OccurrenceFilter filter;
    filter.accounts = std::move(accounts);
    auto rows = store->occurrences(filter);
    EXPECT_TRUE(rows) << rows.status().message();
    std::vector<std::string> out;
    if (rows)
      for (const auto& r : *rows) out.push_back(r.event_uid);
    return out;
  };
  using Uids = std::vector<std::string>;
  EXPECT_EQ(uids(std::nullopt), (Uids{"both", "bobs"}));
  EXPECT_EQ(uids(std::vector<std::string>{"alice-cal"}), Uids{"both"});
  EXPECT_EQ(uids(std::vector<std::string>{"bob-cal"}), (Uids{"both", "bobs"})) << "stored from alice's, in bob's too";
  EXPECT_EQ(uids(std::vector<std::string>{"alice-cal", "bob-cal"}), (Uids{"both", "bobs"}));
  EXPECT_EQ(uids(std::vector<std::string>{}), Uids{});
  // With the video filter's own parameter too.
  OccurrenceFilter video;
  video.video_with_at_most = 2;
  video.accounts = std::vector<std::string>{"alice-cal"};
  auto none = store->occurrences(video);
  ASSERT_TRUE(none) << none.status().message();
  EXPECT_TRUE(none->empty());
}

KITH_ON_EVERY_STORE_BACKEND(EventStoreTest);

}  // namespace
}  // namespace kith::engine

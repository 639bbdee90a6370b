// `kith remind`'s two pure steps (relate/Reminders.h): the tasks wanted,
// and the plan that keeps the user's own edits.
#include <gtest/gtest.h>

#include "relate/Reminders.h"
#include "util/Time.h"

namespace kith::engine {
namespace reminders_test {

UnixSeconds at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
const UnixSeconds kNow = at("2026-12-01T12:00:00Z");

Person person(std::int64_t id, const std::string& name, const std::string& email) {
  Person p;
  p.id = id;
  p.name = name;
  p.handles = {{"email", email}};
  return p;
}

PersonView due_view(std::int64_t id, const std::string& name, const char* due_at) {
  PersonView v;
  v.person = person(id, name, name + "@example.org");
  v.facts.cadence_days = 30;
  v.facts.due_at = at(due_at);
  v.facts.overdue_days = (kNow - *v.facts.due_at) / kSecondsPerDay;
  v.facts.last_touch = TimelineEntry{InteractionKind::EmailSent, *v.facts.due_at - 30 * kSecondsPerDay, 1, 0};
  return v;
}

TEST(Reminders, UidsAreStableAndDifferByReason) {
  const Person dana = person(1, "Dana", "dana@example.org");
  Person again = person(99, "Dana W.", "dana@example.org");  // a store made again: another id
  EXPECT_EQ(reminder_uid(dana, "due"), reminder_uid(again, "due"));
  EXPECT_NE(reminder_uid(dana, "due"), reminder_uid(dana, "followup:cal:x|"));
  EXPECT_EQ(reminder_uid(dana, "due").rfind("kith-", 0), 0u);
}

TEST(Reminders, WantedTasksForEachReason) {
  std::vector<PersonView> views = {due_view(1, "Dana", "2026-11-20T00:00:00Z"),
                                   due_view(2, "Ben", "2026-12-30T00:00:00Z")};  // due beyond 14 days: none
  PersonView lena;
  lena.person = person(3, "Lena", "lena@example.org");
  lena.facts.last_received = TimelineEntry{InteractionKind::EmailReceived, at("2026-11-28T08:00:00Z"), 1, 0};
  lena.facts.awaiting_reply = true;
  views.push_back(lena);
  PersonView snoozed = due_view(4, "Sam", "2026-11-01T00:00:00Z");
  snoozed.person.snoozed_until = at("2026-12-20T00:00:00Z");
  views.push_back(snoozed);

  Event conf;
  conf.key = "cal:conf|";
  conf.title = "RustConf 2026";
  conf.start = at("2026-11-20T09:00:00Z");
  conf.end = at("2026-11-22T18:00:00Z");
  const std::vector<FollowUp> follow = {{3, &conf, Met::Likely}, {4, &conf, Met::Confirmed}};
  Milestone birthday{1, "Dana", "birthday", static_cast<std::int32_t>(at("2026-12-06T00:00:00Z") / kSecondsPerDay), 42,
                     "turns 42"};

  const auto wanted = wanted_tasks(views, {}, follow, {birthday}, kNow);
  std::vector<std::string> got;
  for (const WantedTask& w : wanted) got.push_back(w.reason + " " + std::to_string(w.person) + " " + w.due + " " + w.summary);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "due 1 2026-11-20 Catch up with Dana",
                     "due 3 2026-11-30 Catch up with Lena",  // received + 2 days
                     "followup:cal:conf| 3 2026-11-25 Follow up with Lena after RustConf 2026",  // end + 3 days
                     "milestone:birthday:2026-12-06 1 2026-12-06 Wish Dana a happy birthday",
                 }));
  EXPECT_NE(wanted[0].description.find("Cadence 30 days: due 2026-11-20, last touch 2026-10-21 (email_sent)"), std::string::npos) << wanted[0].description;
  EXPECT_NE(wanted[1].description.find("Awaiting your reply since 2026-11-28"), std::string::npos);
  EXPECT_EQ(wanted[0].uid, reminder_uid(views[0].person, "due"));
}

WantedTask want(std::int64_t person, const std::string& due, const std::string& summary = "Catch up with Dana") {
  WantedTask w;
  w.person = person;
  w.reason = "due";
  w.uid = "kith-" + std::to_string(person) + "@kith";
  w.summary = summary;
  w.description = "Cadence.";
  w.due = due;
  return w;
}

ReminderTask record(const WantedTask& w, const std::string& etag, bool completed = false) {
  return {w.uid, "cal", "Kith", "kith-" + std::to_string(w.person) + ".ics", etag, w.person, w.reason, w.due, "", completed,
          kNow - kSecondsPerDay};
}

ListedTask listed(const ReminderTask& r, const std::string& etag, const std::string& due, bool done = false,
                  const std::string& summary = "Catch up with Dana") {
  return {r.name, etag, true, r.uid, done, due, summary, "Cadence."};
}

std::vector<std::string> kinds(const std::vector<ReminderStep>& steps) {
  std::vector<std::string> out;
  for (const ReminderStep& s : steps) out.push_back(to_string(s.kind));
  return out;
}

std::vector<ReminderStep> plan(const std::vector<WantedTask>& wanted, const std::vector<ReminderTask>& stored,
                               const std::vector<ListedTask>& list, std::set<std::int64_t> people = {1, 2}) {
  return plan_reminders(wanted, stored, list, "cal", "Kith", kNow, [](std::int64_t) { return 30; }, people);
}

TEST(Reminders, PlanCreatesWhatIsMissingAndLeavesWhatMatches) {
  const WantedTask w = want(1, "2026-12-10");
  auto steps = plan({w}, {}, {});
  ASSERT_EQ(kinds(steps), std::vector<std::string>{"create"});
  EXPECT_EQ(steps[0].name, "kith-1.ics");
  EXPECT_EQ(steps[0].if_match, "");
  const ReminderTask r = record(w, "e1");
  EXPECT_TRUE(plan({w}, {r}, {listed(r, "e1", "2026-12-10")}).empty()) << "nothing to do";
}

TEST(Reminders, ADueDateThatMovesIsUpdatedUnderIfMatch) {
  const ReminderTask r = record(want(1, "2026-12-10"), "e1");
  const auto steps = plan({want(1, "2026-12-24")}, {r}, {listed(r, "e1", "2026-12-10")});
  ASSERT_EQ(kinds(steps), std::vector<std::string>{"update"});
  EXPECT_EQ(steps[0].if_match, "e1");
  EXPECT_TRUE(steps[0].set_due);
  EXPECT_EQ(steps[0].record.due, "2026-12-24");
}

TEST(Reminders, TheUsersDueDateWins) {
  const ReminderTask r = record(want(1, "2026-12-10"), "e1");
  // Moved on the phone: a new etag and another DUE.
  auto steps = plan({want(1, "2026-12-24")}, {r}, {listed(r, "e2", "2026-12-15")});
  ASSERT_EQ(kinds(steps), std::vector<std::string>{"adopt"});
  EXPECT_EQ(steps[0].record.user_due, "2026-12-15");
  EXPECT_EQ(steps[0].record.etag, "e2");
  // Next time, with the summary changed too (a rename), DUE stays theirs.
  ReminderTask adopted = steps[0].record;
  steps = plan({want(1, "2026-12-24", "Catch up with Dana W.")}, {adopted}, {listed(adopted, "e2", "2026-12-15")});
  ASSERT_EQ(kinds(steps), std::vector<std::string>{"update"});
  EXPECT_FALSE(steps[0].set_due);
  EXPECT_EQ(steps[0].if_match, "e2");
  EXPECT_EQ(steps[0].record.user_due, "2026-12-15");
  // Without another change, the user's date alone asks for nothing.
  EXPECT_TRUE(plan({want(1, "2026-12-24")}, {adopted}, {listed(adopted, "e2", "2026-12-15")}).empty());
}

TEST(Reminders, CompletedOrDeletedElsewhereSnoozesAndIsNotMadeAgain) {
  const WantedTask w = want(1, "2026-12-10");
  const ReminderTask r = record(w, "e1");
  auto steps = plan({w}, {r}, {listed(r, "e2", "2026-12-10", /*done=*/true)});
  ASSERT_EQ(kinds(steps), (std::vector<std::string>{"snooze", "adopt"}));
  EXPECT_EQ(steps[0].person, 1);
  EXPECT_EQ(steps[0].snooze_until, kNow + 30 * kSecondsPerDay);
  EXPECT_TRUE(steps[1].record.completed);
  steps = plan({w}, {r}, {});
  ASSERT_EQ(kinds(steps), (std::vector<std::string>{"snooze", "forget"})) << "deleted: no create in the same run";
}

TEST(Reminders, AReasonGoneCompletesAndAPersonGoneRemoves) {
  const ReminderTask r1 = record(want(1, "2026-12-10"), "e1");
  const ReminderTask r2 = record(want(2, "2026-12-10"), "f1");
  const auto steps = plan({}, {r1, r2}, {listed(r1, "e1", "2026-12-10"), listed(r2, "f1", "2026-12-10")}, {1});
  ASSERT_EQ(kinds(steps), (std::vector<std::string>{"complete", "remove"}));
  EXPECT_EQ(steps[0].if_match, "e1");
  EXPECT_TRUE(steps[0].record.completed);
  EXPECT_EQ(steps[1].if_match, "f1");
  // Completed by Kith: nothing more while the reason stays gone; reopened when it returns.
  const ReminderTask done = record(want(1, "2026-12-10"), "e3", /*completed=*/true);
  EXPECT_TRUE(plan({}, {done}, {listed(done, "e3", "2026-12-10", true)}).empty());
  const auto again = plan({want(1, "2027-01-10")}, {done}, {listed(done, "e3", "2026-12-10", true)});
  ASSERT_EQ(kinds(again), std::vector<std::string>{"update"});
  EXPECT_FALSE(again[0].record.completed);
  EXPECT_EQ(again[0].record.due, "2027-01-10");
}

TEST(Reminders, ATaskFoundByUidIsAdoptedNotCreatedTwice) {
  const WantedTask w = want(1, "2026-12-10");
  const ReminderTask r = record(w, "e1");
  const auto steps = plan({w}, {}, {listed(r, "e1", "2026-12-10")});
  ASSERT_EQ(kinds(steps), std::vector<std::string>{"adopt"});
  EXPECT_EQ(steps[0].record.name, r.name);
}

}  // namespace reminders_test
}  // namespace kith::engine

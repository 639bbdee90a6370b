// update_task(): what Kith changes in a list's copy of a task, and what it
// must leave as another app wrote it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TaskTestSupport.h"

namespace kith::calendar {
namespace {

using testing::content_lines;
using testing::count_lines;
using testing::crlf;
using testing::has_line;
using testing::kTaskNow;
using testing::read_ok;
using testing::single_event;
using testing::single_todo;
using testing::utc;
using testing::vcalendar;

// A task Kith wrote and the user then edited on their phone: an alarm, a
// category of their own, a note, a client's private properties, a zone.
const std::string kEditedElsewhere = vcalendar(crlf({
    "X-WR-CALNAME:Reminders",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:STANDARD",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VTODO",
    "UID:kith-reminder-42@kith",
    "DTSTAMP:20260501T080000Z",
    "LAST-MODIFIED:20260502T080000Z",
    "SEQUENCE:2",
    "SUMMARY:Call Dana (edited on the phone)",
    "DESCRIPTION:It has been 94 days.",
    "DUE;TZID=Europe/Berlin:20260603T090000",
    "STATUS:NEEDS-ACTION",
    "CATEGORIES:Kith",
    "CATEGORIES:Family",
    "PRIORITY:1",
    "X-APPLE-SORT-ORDER:612345678",
    "X-KITH-TEST;X-PARAM=kept:some value",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Reminder",
    "TRIGGER:-PT15M",
    "END:VALARM",
    "END:VTODO",
}));

Task kith_view() {
  Task task;
  task.uid = "kith-reminder-42@kith";
  task.summary = "Call Dana";
  task.description = "It has been 100 days.";
  task.due = TaskDue{2026, 6, 10, std::nullopt};
  task.status = TaskStatus::Completed;
  task.completed = utc(2026, 6, 1, 11);
  task.categories = {"Kith"};
  return task;
}

std::string update_ok(std::string_view existing, const Task& task, const TaskChanges& changes) {
  Result<std::string> updated = update_task(existing, task, changes, kTaskNow);
  if (!updated) {
    ADD_FAILURE() << "update_task failed: " << updated.status().message();
    return {};
  }
  return *updated;
}

TEST(TaskUpdater, ChangesDueAndStatusAndKeepsEverythingElse) {
  TaskChanges changes;
  changes.due = true;
  changes.status = true;
  const std::string updated = update_ok(kEditedElsewhere, kith_view(), changes);

  const Task back = read_ok(updated);
  EXPECT_EQ(back.uid, "kith-reminder-42@kith");
  ASSERT_TRUE(back.due);
  EXPECT_EQ(*back.due, (TaskDue{2026, 6, 10, std::nullopt}));
  EXPECT_EQ(back.status, TaskStatus::Completed);
  EXPECT_EQ(back.completed, utc(2026, 6, 1, 11));
  EXPECT_TRUE(has_line(updated, "PERCENT-COMPLETE:100"));
  // Not named in `changes`: the copy's values stay.
  EXPECT_EQ(back.summary, "Call Dana (edited on the phone)");
  EXPECT_EQ(back.description, "It has been 94 days.");
  EXPECT_EQ(back.categories, (std::vector<std::string>{"Kith", "Family"}));
  // What Kith does not know stays.
  EXPECT_EQ(count_lines(updated, "BEGIN:VALARM"), 1);
  EXPECT_TRUE(has_line(updated, "TRIGGER:-PT15M"));
  EXPECT_TRUE(has_line(updated, "ACTION:DISPLAY"));
  EXPECT_TRUE(has_line(updated, "X-APPLE-SORT-ORDER:612345678"));
  EXPECT_TRUE(has_line(updated, "X-KITH-TEST;X-PARAM=kept:some value"));
  EXPECT_TRUE(has_line(updated, "PRIORITY:1"));
  EXPECT_TRUE(has_line(updated, "X-WR-CALNAME:Reminders"));
  EXPECT_EQ(count_lines(updated, "BEGIN:VTIMEZONE"), 1);
  EXPECT_EQ(count_lines(updated, "BEGIN:DAYLIGHT"), 1);
  // Exactly one of each property Kith set.
  EXPECT_EQ(count_lines(updated, "DUE"), 1);
  EXPECT_EQ(count_lines(updated, "STATUS"), 1);
  EXPECT_EQ(count_lines(updated, "COMPLETED"), 1);
  EXPECT_EQ(count_lines(updated, "BEGIN:VTODO"), 1);
}

TEST(TaskUpdater, SequenceIsRaisedAndStampsAreNow) {
  const std::string updated = update_ok(kEditedElsewhere, kith_view(), TaskChanges{});
  EXPECT_TRUE(has_line(updated, "SEQUENCE:3")) << updated;
  EXPECT_EQ(count_lines(updated, "SEQUENCE"), 1);
  EXPECT_TRUE(has_line(updated, "DTSTAMP:20260601T120000Z"));
  EXPECT_TRUE(has_line(updated, "LAST-MODIFIED:20260601T120000Z"));
  EXPECT_EQ(count_lines(updated, "DTSTAMP"), 1);
  EXPECT_EQ(count_lines(updated, "LAST-MODIFIED"), 1);
}

TEST(TaskUpdater, MissingSequenceBecomesOne) {
  const std::string updated =
      update_ok(single_todo({"UID:t", "SUMMARY:x"}), kith_view(), TaskChanges{});
  EXPECT_TRUE(has_line(updated, "SEQUENCE:1")) << updated;
  // And again from there.
  EXPECT_TRUE(has_line(update_ok(updated, kith_view(), TaskChanges{}), "SEQUENCE:2"));
}

TEST(TaskUpdater, OnlyTheNamedPropertiesChange) {
  TaskChanges changes;
  changes.summary = true;
  const std::string updated = update_ok(kEditedElsewhere, kith_view(), changes);
  const Task back = read_ok(updated);
  EXPECT_EQ(back.summary, "Call Dana");
  EXPECT_EQ(back.description, "It has been 94 days.");
  ASSERT_TRUE(back.due);
  EXPECT_EQ(back.due->at, utc(2026, 6, 3, 7));
  EXPECT_TRUE(has_line(updated, "DUE;TZID=Europe/Berlin:20260603T090000"));
  EXPECT_EQ(back.status, TaskStatus::NeedsAction);
  EXPECT_EQ(count_lines(updated, "COMPLETED"), 0);

  changes = TaskChanges{};
  changes.description = true;
  const Task described = read_ok(update_ok(kEditedElsewhere, kith_view(), changes));
  EXPECT_EQ(described.description, "It has been 100 days.");
  EXPECT_EQ(described.summary, "Call Dana (edited on the phone)");
}

TEST(TaskUpdater, EmptyDescriptionRemovesIt) {
  Task task = kith_view();
  task.description.clear();
  TaskChanges changes;
  changes.description = true;
  const std::string updated = update_ok(kEditedElsewhere, task, changes);
  // The alarm's own DESCRIPTION stays.
  EXPECT_EQ(count_lines(updated, "DESCRIPTION"), 1);
  EXPECT_TRUE(has_line(updated, "DESCRIPTION:Reminder"));
  EXPECT_EQ(read_ok(updated).description, "");
}

TEST(TaskUpdater, ReopeningRemovesCompletedAndAFullPercentage) {
  const std::string done = single_todo({"UID:t", "STATUS:COMPLETED", "COMPLETED:20260530T180500Z",
                                        "PERCENT-COMPLETE:100"});
  Task task = kith_view();
  task.status = TaskStatus::NeedsAction;
  task.completed = utc(2026, 5, 30, 18, 5);  // must not bring COMPLETED back
  TaskChanges changes;
  changes.status = true;
  const std::string reopened = update_ok(done, task, changes);
  EXPECT_EQ(count_lines(reopened, "COMPLETED"), 0) << reopened;
  EXPECT_EQ(count_lines(reopened, "PERCENT-COMPLETE"), 0) << reopened;
  EXPECT_TRUE(has_line(reopened, "STATUS:NEEDS-ACTION"));
  const Task back = read_ok(reopened);
  EXPECT_EQ(back.status, TaskStatus::NeedsAction);
  EXPECT_FALSE(back.completed);
}

TEST(TaskUpdater, APartialPercentageStays) {
  const std::string started = single_todo({"UID:t", "STATUS:IN-PROCESS", "PERCENT-COMPLETE:40"});
  Task task = kith_view();
  task.status = TaskStatus::NeedsAction;
  TaskChanges changes;
  changes.status = true;
  EXPECT_TRUE(has_line(update_ok(started, task, changes), "PERCENT-COMPLETE:40"));
}

TEST(TaskUpdater, ClearingTheDueRemovesDueAndDuration) {
  const std::string with_duration =
      single_todo({"UID:t", "DTSTART:20260601T090000Z", "DURATION:PT1H", "DUE:20260601T100000Z"});
  Task task = kith_view();
  task.due.reset();
  TaskChanges changes;
  changes.due = true;
  const std::string updated = update_ok(with_duration, task, changes);
  EXPECT_EQ(count_lines(updated, "DUE"), 0) << updated;
  EXPECT_EQ(count_lines(updated, "DURATION"), 0) << updated;
  EXPECT_TRUE(has_line(updated, "DTSTART:20260601T090000Z"));
  EXPECT_FALSE(read_ok(updated).due);
}

TEST(TaskUpdater, AStartTheNewDueContradictsGoes) {
  TaskChanges changes;
  changes.due = true;
  Task task = kith_view();
  task.due = TaskDue{0, 0, 0, utc(2026, 6, 5, 9)};
  // Earlier than the new DUE, and a DATE-TIME like it: stays.
  EXPECT_TRUE(has_line(update_ok(single_todo({"UID:t", "DTSTART:20260601T090000Z"}), task, changes),
                       "DTSTART:20260601T090000Z"));
  // Later than the new DUE: goes (RFC 5545 3.8.2.3).
  EXPECT_EQ(count_lines(update_ok(single_todo({"UID:t", "DTSTART:20260610T090000Z"}), task, changes), "DTSTART"),
            0);
  // A DATE beside a DATE-TIME DUE: goes.
  EXPECT_EQ(count_lines(update_ok(single_todo({"UID:t", "DTSTART;VALUE=DATE:20260601"}), task, changes), "DTSTART"),
            0);
}

TEST(TaskUpdater, SetsADueMomentInUtc) {
  Task task = kith_view();
  task.due = TaskDue{0, 0, 0, utc(2026, 6, 5, 9, 15)};
  TaskChanges changes;
  changes.due = true;
  const std::string updated = update_ok(kEditedElsewhere, task, changes);
  EXPECT_TRUE(has_line(updated, "DUE:20260605T091500Z")) << updated;
  EXPECT_EQ(read_ok(updated).due, (TaskDue{2026, 6, 5, utc(2026, 6, 5, 9, 15)}));
}

TEST(TaskUpdater, LibicalsErrorNotesAreNotWritten) {
  // libical replaces a value it cannot read with an X-LIC-ERROR property.
  const std::string broken = single_todo({"UID:t", "DTSTART:not a time", "X-OK:kept"});
  const std::string updated = update_ok(broken, kith_view(), TaskChanges{});
  EXPECT_EQ(updated.find("X-LIC-ERROR"), std::string::npos) << updated;
  EXPECT_TRUE(has_line(updated, "X-OK:kept"));
}

TEST(TaskUpdater, TheResultIsAsReadableAsTheOriginal) {
  TaskChanges all;
  all.summary = all.description = all.due = all.status = true;
  Task task = kith_view();
  task.summary = "Grüße, Dana; call\nback";
  const std::string updated = update_ok(kEditedElsewhere, task, all);
  const Task back = read_ok(updated);
  EXPECT_EQ(back.summary, task.summary);
  EXPECT_EQ(back.description, task.description);
  EXPECT_EQ(back.due, task.due);
  EXPECT_EQ(back.status, task.status);
  EXPECT_EQ(back.completed, task.completed);
  const std::vector<std::string> lines = content_lines(updated);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
}

// Found by reading libical: it removes a property by searching the list,
// so replacing thousands of SUMMARYs behind thousands of other properties
// took seconds (tests/fuzz/crashers/task/ holds such an input).
TEST(TaskUpdater, AVtodoWithMoreThanAThousandPropertiesIsNotUpdated) {
  const auto todo_with = [](int properties) {
    std::string body = crlf({"BEGIN:VTODO", "UID:t"});
    for (int i = 1; i < properties; ++i) body += crlf({i % 2 ? "X-A:1" : "SUMMARY:x"});
    return vcalendar(body + crlf({"END:VTODO"}));
  };
  TaskChanges changes;
  changes.summary = true;
  const std::string updated = update_ok(todo_with(1000), kith_view(), changes);
  EXPECT_EQ(count_lines(updated, "SUMMARY"), 1);
  const Result<std::string> refused = update_task(todo_with(1001), kith_view(), changes, kTaskNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().kind(), ErrorKind::Item);
  EXPECT_NE(refused.status().message().find("more than 1000 properties"), std::string::npos);
}

TEST(TaskUpdater, NoVtodoIsAnItemError) {
  for (const std::string& existing :
       {single_event({"UID:e", "DTSTART:20260101T100000Z"}), std::string("not a calendar"), std::string()}) {
    const Result<std::string> updated = update_task(existing, kith_view(), TaskChanges{}, kTaskNow);
    ASSERT_FALSE(updated) << existing;
    EXPECT_EQ(updated.status().kind(), ErrorKind::Item);
  }
}

}  // namespace
}  // namespace kith::calendar

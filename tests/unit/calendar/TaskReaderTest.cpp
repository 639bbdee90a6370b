// read_task(): tasks as other clients write them, and what it refuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TaskTestSupport.h"

namespace kith::calendar {
namespace {

using testing::crlf;
using testing::read_ok;
using testing::single_event;
using testing::single_todo;
using testing::utc;
using testing::vcalendar;

TEST(TaskReader, DueInAZoneIsConvertedToUtc) {
  // Summer time: 09:00 in Berlin is 07:00 UTC.
  Task task = read_ok(single_todo({"UID:t", "DUE;TZID=Europe/Berlin:20260715T090000"}));
  ASSERT_TRUE(task.due);
  EXPECT_EQ(task.due->at, utc(2026, 7, 15, 7));
  EXPECT_EQ(task.due->year, 2026);
  EXPECT_EQ(task.due->month, 7);
  EXPECT_EQ(task.due->day, 15);
  // Winter: 00:30 in Berlin on the 15th is 23:30 UTC on the 14th, and the
  // day is the UTC day.
  task = read_ok(single_todo({"UID:t", "DUE;TZID=Europe/Berlin:20261215T003000"}));
  ASSERT_TRUE(task.due);
  EXPECT_EQ(*task.due, (TaskDue{2026, 12, 14, utc(2026, 12, 14, 23, 30)}));
}

TEST(TaskReader, ZonesResolveAsForEvents) {
  // A path-prefixed IANA name (Evolution) and a Windows name (Outlook)
  // without a VTIMEZONE, as the event expander reads them.
  Task task = read_ok(
      single_todo({"UID:t", "DUE;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20260115T090000"}));
  ASSERT_TRUE(task.due);
  EXPECT_EQ(task.due->at, utc(2026, 1, 15, 8));
  task = read_ok(single_todo({"UID:t", "DUE;TZID=W. Europe Standard Time:20260115T090000"}));
  ASSERT_TRUE(task.due);
  EXPECT_EQ(task.due->at, utc(2026, 1, 15, 8));
}

TEST(TaskReader, AVtimezoneOfTheResourceIsUsed) {
  // A zone only the resource defines: UTC-03:00 all year.
  const std::string ics = vcalendar(crlf({"BEGIN:VTIMEZONE", "TZID:Custom/Minus3", "BEGIN:STANDARD",
                                          "DTSTART:19700101T000000", "TZOFFSETFROM:-0300", "TZOFFSETTO:-0300",
                                          "END:STANDARD", "END:VTIMEZONE", "BEGIN:VTODO", "UID:t",
                                          "DUE;TZID=Custom/Minus3:20260115T090000", "END:VTODO"}));
  const Task task = read_ok(ics);
  ASSERT_TRUE(task.due);
  EXPECT_EQ(task.due->at, utc(2026, 1, 15, 12));
}

TEST(TaskReader, FloatingDueIsTakenAsUtc) {
  const Task task = read_ok(single_todo({"UID:t", "DUE:20260715T090000"}));
  ASSERT_TRUE(task.due);
  EXPECT_EQ(*task.due, (TaskDue{2026, 7, 15, utc(2026, 7, 15, 9)}));
}

TEST(TaskReader, DueDateHasNoMoment) {
  const Task leap = read_ok(single_todo({"UID:t", "DUE;VALUE=DATE:20280229"}));
  ASSERT_TRUE(leap.due);
  EXPECT_EQ(*leap.due, (TaskDue{2028, 2, 29, std::nullopt}));
  // A day that does not exist is read as the events' expander reads it: the
  // day it counts to, so the task can be written back.
  const Task not_leap = read_ok(single_todo({"UID:t", "DUE;VALUE=DATE:20260229"}));
  ASSERT_TRUE(not_leap.due);
  EXPECT_EQ(*not_leap.due, (TaskDue{2026, 3, 1, std::nullopt}));
}

TEST(TaskReader, UnreadableDueIsNoDue) {
  EXPECT_FALSE(read_ok(single_todo({"UID:t", "DUE:tomorrow"})).due);
  EXPECT_FALSE(read_ok(single_todo({"UID:t", "DUE:20261399T250000Z"})).due);
}

TEST(TaskReader, CategoriesFromEveryPropertyInOrder) {
  const Task task = read_ok(single_todo(
      {"UID:t", "CATEGORIES:Kith,Family", "SUMMARY:x", "CATEGORIES:Work", "CATEGORIES:a, b ,c"}));
  EXPECT_EQ(task.categories, (std::vector<std::string>{"Kith", "Family", "Work", "a", "b", "c"}));
}

TEST(TaskReader, StatusValues) {
  EXPECT_EQ(read_ok(single_todo({"UID:t"})).status, TaskStatus::NeedsAction);
  EXPECT_EQ(read_ok(single_todo({"UID:t", "STATUS:NEEDS-ACTION"})).status, TaskStatus::NeedsAction);
  EXPECT_EQ(read_ok(single_todo({"UID:t", "STATUS:in-process"})).status, TaskStatus::InProcess);
  EXPECT_EQ(read_ok(single_todo({"UID:t", "STATUS:CANCELLED"})).status, TaskStatus::Cancelled);
  EXPECT_EQ(read_ok(single_todo({"UID:t", "STATUS:CONFIRMED"})).status, TaskStatus::NeedsAction);
  EXPECT_EQ(read_ok(single_todo({"UID:t", "STATUS:X-WAITING"})).status, TaskStatus::NeedsAction);
  const Task done = read_ok(single_todo({"UID:t", "STATUS:COMPLETED", "COMPLETED:20260530T180500Z"}));
  EXPECT_EQ(done.status, TaskStatus::Completed);
  EXPECT_EQ(done.completed, utc(2026, 5, 30, 18, 5));
}

TEST(TaskReader, CompletedWithoutStatusIsCompleted) {
  const Task task = read_ok(single_todo({"UID:t", "COMPLETED:20260530T180500Z"}));
  EXPECT_EQ(task.status, TaskStatus::Completed);
  EXPECT_EQ(task.completed, utc(2026, 5, 30, 18, 5));
}

TEST(TaskReader, TheFirstVtodoIsRead) {
  const std::string ics = vcalendar(crlf({"BEGIN:VEVENT", "UID:event", "DTSTART:20260101T100000Z", "END:VEVENT",
                                          "BEGIN:VTODO", "UID:first", "SUMMARY:One", "END:VTODO", "BEGIN:VTODO",
                                          "UID:second", "END:VTODO"}));
  const Task task = read_ok(ics);
  EXPECT_EQ(task.uid, "first");
  EXPECT_EQ(task.summary, "One");
}

TEST(TaskReader, LfLineEndsFoldingAndAByteOrderMark) {
  const std::string ics =
      "\xEF\xBB\xBF"
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTODO\nUID:lf\nSUMMARY:Buy a pre\n sent for Dana\nDESCRIPTION:line 1\\nline 2\n"
      "END:VTODO\nEND:VCALENDAR\n";
  const Task task = read_ok(ics);
  EXPECT_EQ(task.uid, "lf");
  EXPECT_EQ(task.summary, "Buy a present for Dana");
  EXPECT_EQ(task.description, "line 1\nline 2");
}

// Each refusal is an Item error with a message on one line.
void expect_item_error(const std::string& ics, std::string_view expected_part) {
  const Result<Task> task = read_task(ics);
  ASSERT_FALSE(task) << ics;
  EXPECT_EQ(task.status().kind(), ErrorKind::Item);
  EXPECT_NE(task.status().message().find(expected_part), std::string::npos) << task.status().message();
  EXPECT_EQ(task.status().message().find_first_of("\r\n"), std::string::npos) << task.status().message();
}

TEST(TaskReader, GarbageIsAnItemError) {
  expect_item_error("", "empty");
  expect_item_error("Hello, this is not a calendar\r\n", "VCALENDAR");
  expect_item_error(std::string("BEGIN:VCALENDAR\r\n\0\r\nEND:VCALENDAR\r\n", 35), "NUL");
  expect_item_error("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\n", "truncated");
  expect_item_error("BEGIN:VCALENDAR\r\nBEGIN:VTO\rDO\r\nUID:t\r\nEND:VTO\rDO\r\nEND:VCALENDAR\r\n", "");
  expect_item_error("BEGIN:VCALENDAR\r\nEND:VTO\rDO\r\nEND:VCALENDAR\r\n", "END:VTO?DO");
}

TEST(TaskReader, AnEventOnlyIsAnItemError) {
  expect_item_error(single_event({"UID:e", "DTSTART:20260101T100000Z"}), "no VTODO");
  expect_item_error(vcalendar(""), "no VTODO");
}

TEST(TaskReader, AVtodoWithoutUidIsAnItemError) {
  expect_item_error(single_todo({"SUMMARY:No UID"}), "no UID");
  expect_item_error(single_todo({"UID:", "SUMMARY:Empty UID"}), "no UID");
}

}  // namespace
}  // namespace kith::calendar

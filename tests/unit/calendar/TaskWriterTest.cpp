// write_task(): the text it writes, and that read_task() reads every field back.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TaskTestSupport.h"

namespace kith::calendar {
namespace {

using testing::content_lines;
using testing::count_lines;
using testing::has_line;
using testing::kTaskNow;
using testing::read_ok;
using testing::utc;

Task full_task() {
  Task task;
  task.uid = "kith-reminder-42@kith";
  task.summary = "Call Dana";
  task.description = "It has been 94 days.";
  task.due = TaskDue{2026, 6, 3, utc(2026, 6, 3, 9, 30)};
  task.status = TaskStatus::InProcess;
  task.categories = {"Kith", "Reminders"};
  return task;
}

TEST(TaskWriter, EveryFieldRoundTrips) {
  const Task task = full_task();
  const Task back = read_ok(write_task(task, kTaskNow));
  EXPECT_EQ(back.uid, task.uid);
  EXPECT_EQ(back.summary, task.summary);
  EXPECT_EQ(back.description, task.description);
  EXPECT_EQ(back.due, task.due);
  EXPECT_EQ(back.status, TaskStatus::InProcess);
  EXPECT_EQ(back.completed, std::nullopt);
  EXPECT_EQ(back.categories, task.categories);
}

TEST(TaskWriter, OneVtodoInAVcalendarOfKith) {
  const std::string ics = write_task(full_task(), kTaskNow);
  const std::vector<std::string> lines = content_lines(ics);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(has_line(ics, "VERSION:2.0"));
  EXPECT_TRUE(has_line(ics, "PRODID:-//Kith//Kith reminders//EN"));
  EXPECT_EQ(count_lines(ics, "BEGIN:VTODO"), 1);
  EXPECT_EQ(count_lines(ics, "BEGIN:"), 2);
  EXPECT_TRUE(has_line(ics, "UID:kith-reminder-42@kith"));
  EXPECT_TRUE(has_line(ics, "DTSTAMP:20260601T120000Z"));
  EXPECT_TRUE(has_line(ics, "LAST-MODIFIED:20260601T120000Z"));
  EXPECT_TRUE(has_line(ics, "SUMMARY:Call Dana"));
  EXPECT_TRUE(has_line(ics, "DUE:20260603T093000Z"));
  EXPECT_TRUE(has_line(ics, "STATUS:IN-PROCESS"));
  EXPECT_EQ(count_lines(ics, "COMPLETED"), 0);
  EXPECT_EQ(count_lines(ics, "SEQUENCE"), 0);
  // RFC 5545: CRLF line ends throughout.
  EXPECT_EQ(ics.find('\n'), ics.find("\r\n") + 1);
}

TEST(TaskWriter, EmptyDescriptionIsLeftOut) {
  Task task = full_task();
  task.description.clear();
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_EQ(count_lines(ics, "DESCRIPTION"), 0);
  EXPECT_EQ(read_ok(ics).description, "");
}

TEST(TaskWriter, DueDayIsADate) {
  Task task = full_task();
  task.due = TaskDue{2026, 12, 12, std::nullopt};
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_TRUE(has_line(ics, "DUE;VALUE=DATE:20261212")) << ics;
  const Task back = read_ok(ics);
  ASSERT_TRUE(back.due);
  EXPECT_EQ(*back.due, (TaskDue{2026, 12, 12, std::nullopt}));
}

TEST(TaskWriter, DueMomentIsUtcAndItsDayTheUtcDay) {
  Task task = full_task();
  // 23:30 UTC: already the next day in Berlin, still this day in UTC.
  task.due = TaskDue{0, 0, 0, utc(2026, 12, 31, 23, 30)};
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_TRUE(has_line(ics, "DUE:20261231T233000Z")) << ics;
  const Task back = read_ok(ics);
  ASSERT_TRUE(back.due);
  EXPECT_EQ(*back.due, (TaskDue{2026, 12, 31, utc(2026, 12, 31, 23, 30)}));
}

TEST(TaskWriter, NoDueWritesNoDue) {
  Task task = full_task();
  task.due.reset();
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_EQ(count_lines(ics, "DUE"), 0);
  EXPECT_FALSE(read_ok(ics).due);
}

TEST(TaskWriter, ADayThatDoesNotExistIsNotWritten) {
  Task task = full_task();
  task.due = TaskDue{2026, 2, 31, std::nullopt};
  EXPECT_EQ(count_lines(write_task(task, kTaskNow), "DUE"), 0);
  task.due = TaskDue{0, 1, 1, std::nullopt};
  EXPECT_EQ(count_lines(write_task(task, kTaskNow), "DUE"), 0);
  task.due = TaskDue{2026, 1, 1, UnixSeconds{400'000'000'000}};  // year 14645
  EXPECT_EQ(count_lines(write_task(task, kTaskNow), "DUE"), 0);
}

TEST(TaskWriter, EveryStatusHasItsName) {
  const std::pair<TaskStatus, const char*> cases[] = {{TaskStatus::NeedsAction, "STATUS:NEEDS-ACTION"},
                                                      {TaskStatus::InProcess, "STATUS:IN-PROCESS"},
                                                      {TaskStatus::Completed, "STATUS:COMPLETED"},
                                                      {TaskStatus::Cancelled, "STATUS:CANCELLED"}};
  for (const auto& [status, line] : cases) {
    Task task = full_task();
    task.status = status;
    const std::string ics = write_task(task, kTaskNow);
    EXPECT_TRUE(has_line(ics, line)) << ics;
    EXPECT_EQ(count_lines(ics, "STATUS"), 1);
    EXPECT_EQ(read_ok(ics).status, status) << line;
  }
}

TEST(TaskWriter, CompletedTaskCarriesItsCompletionTime) {
  Task task = full_task();
  task.status = TaskStatus::Completed;
  task.completed = utc(2026, 5, 30, 18, 5);
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_TRUE(has_line(ics, "COMPLETED:20260530T180500Z")) << ics;
  EXPECT_TRUE(has_line(ics, "PERCENT-COMPLETE:100")) << ics;
  const Task back = read_ok(ics);
  EXPECT_EQ(back.status, TaskStatus::Completed);
  EXPECT_EQ(back.completed, utc(2026, 5, 30, 18, 5));
}

TEST(TaskWriter, CompletedWithoutATimeIsCompletedNow) {
  Task task = full_task();
  task.status = TaskStatus::Completed;
  const Task back = read_ok(write_task(task, kTaskNow));
  EXPECT_EQ(back.completed, kTaskNow);
}

TEST(TaskWriter, CompletionTimeOfAnOpenTaskIsNotWritten) {
  Task task = full_task();
  task.status = TaskStatus::NeedsAction;
  task.completed = utc(2026, 5, 30);
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_EQ(count_lines(ics, "COMPLETED"), 0);
  EXPECT_EQ(count_lines(ics, "PERCENT-COMPLETE"), 0);
}

TEST(TaskWriter, CommasSemicolonsNewlinesAndNonAsciiRoundTrip) {
  Task task = full_task();
  task.summary = "Call Dana, re: Q3; bring \"notes\" \\ the plan";
  task.description = "First line\nSecond line, with a comma; and a semicolon\n\nGrüße aus Köln — 日本語 ✓";
  const std::string ics = write_task(task, kTaskNow);
  // Escaped by libical as RFC 5545 3.3.11 says.
  EXPECT_TRUE(has_line(ics, "SUMMARY:Call Dana\\, re: Q3\\; bring \"notes\" \\\\ the plan")) << ics;
  const Task back = read_ok(ics);
  EXPECT_EQ(back.summary, task.summary);
  EXPECT_EQ(back.description, task.description);
}

TEST(TaskWriter, LongLinesAreFoldedWithoutSplittingCharacters) {
  Task task = full_task();
  task.summary = "Grüße";
  for (int i = 0; i < 40; ++i) task.summary += " Grüße";
  const std::string ics = write_task(task, kTaskNow);
  std::size_t start = 0;
  int continuation_lines = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << ics.substr(start, end - start);
    if (ics[start] == ' ') ++continuation_lines;
    start = end + 2;
  }
  EXPECT_GT(continuation_lines, 0);
  EXPECT_EQ(read_ok(ics).summary, task.summary);
}

TEST(TaskWriter, OneCategoriesPropertyPerCategoryInOrder) {
  Task task = full_task();
  task.categories = {"Kith", "Family", "", "Überfällig"};
  const std::string ics = write_task(task, kTaskNow);
  EXPECT_EQ(count_lines(ics, "CATEGORIES"), 3) << ics;
  EXPECT_EQ(read_ok(ics).categories, (std::vector<std::string>{"Kith", "Family", "Überfällig"}));
}

TEST(TaskWriter, ACommaInsideACategorySeparatesCategories) {
  // CATEGORIES is a comma-separated list and libical does not escape a
  // comma inside one of its values: documented in write_task().
  Task task = full_task();
  task.categories = {"Doe, Jane"};
  EXPECT_EQ(read_ok(write_task(task, kTaskNow)).categories, (std::vector<std::string>{"Doe", "Jane"}));
}

}  // namespace
}  // namespace kith::calendar

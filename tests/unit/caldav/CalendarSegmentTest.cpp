// The path segment of a calendar made for a task list.
#include <gtest/gtest.h>

#include "tasks/CalendarSegment.h"

namespace kith::caldav {
namespace {

TEST(CalendarSegment, ComesFromTheNameAndCarriesNoPath) {
  EXPECT_EQ(new_calendar_segment("Kith", {}), "kith");
  EXPECT_EQ(new_calendar_segment("Kith Reminders", {}), "kith-reminders");
  EXPECT_EQ(new_calendar_segment("  Follow-ups: 2026!  ", {}), "follow-ups-2026");
  EXPECT_EQ(new_calendar_segment("../../etc/passwd", {}), "etc-passwd");
  EXPECT_EQ(new_calendar_segment("a/b", {}), "a-b");
  EXPECT_EQ(new_calendar_segment("%2e%2e%2F", {}), "2e-2e-2f");
  EXPECT_EQ(new_calendar_segment("x?y#z", {}), "x-y-z");
  EXPECT_EQ(new_calendar_segment("Caf\xc3\xa9 people", {}), "caf-people");
  EXPECT_EQ(new_calendar_segment("\xe6\x8f\x90\xe9\x86\x92", {}), "tasks");  // no ASCII letter at all
  EXPECT_EQ(new_calendar_segment("..", {}), "tasks");
  EXPECT_EQ(new_calendar_segment("", {}), "tasks");
  EXPECT_EQ(new_calendar_segment(std::string(200, 'a'), {}), std::string(48, 'a'));
}

TEST(CalendarSegment, NeverTakesTheNameOfSomethingInTheHome) {
  EXPECT_EQ(new_calendar_segment("Kith", {"work", "kith"}), "kith-2");
  EXPECT_EQ(new_calendar_segment("Kith", {"KITH", "kith-2"}), "kith-3");
  EXPECT_EQ(new_calendar_segment("\xe6\x8f\x90", {"tasks"}), "tasks-2");
}

}  // namespace
}  // namespace kith::caldav

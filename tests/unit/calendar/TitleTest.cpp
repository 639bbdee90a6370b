// SUMMARY and LOCATION of each occurrence (ABI 2.1): an override's own,
// unescaped, one line.
#include <gtest/gtest.h>

#include <string>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::crlf;
using testing::parse_one;
using testing::vcalendar;

TEST(EventTitle, SummaryAndLocationAreUnescapedAndOnOneLine) {
  const CalendarEvent event = parse_one(vcalendar(crlf(
      {"BEGIN:VEVENT", "UID:t@example.org", "DTSTART:20260105T100000Z", "DTEND:20260105T110000Z",
       "SUMMARY:Lunch\\, then a walk\\nby the river", "LOCATION:Caf\xC3\xA9 Central\\; Vienna", "END:VEVENT"})));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].summary, "Lunch, then a walk by the river");
  EXPECT_EQ(event.occurrences[0].location, "Caf\xC3\xA9 Central; Vienna");
}

TEST(EventTitle, AnOverrideKeepsItsOwnSummary) {
  const CalendarEvent event = parse_one(vcalendar(
      crlf({"BEGIN:VEVENT", "UID:s@example.org", "DTSTART:20260105T100000Z", "DTEND:20260105T110000Z",
            "RRULE:FREQ=WEEKLY;COUNT=2", "SUMMARY:1:1", "END:VEVENT", "BEGIN:VEVENT", "UID:s@example.org",
            "RECURRENCE-ID:20260112T100000Z", "DTSTART:20260113T100000Z", "DTEND:20260113T110000Z",
            "SUMMARY:1:1 (moved)", "END:VEVENT"})));
  ASSERT_EQ(event.occurrences.size(), 2u);
  EXPECT_EQ(event.occurrences[0].summary, "1:1");
  EXPECT_EQ(event.occurrences[1].summary, "1:1 (moved)");
  EXPECT_EQ(event.occurrences[1].location, "");
}

TEST(EventTitle, InvalidUtf8IsReplacedNotPassedOn) {
  const CalendarEvent event = parse_one(vcalendar(crlf({"BEGIN:VEVENT", "UID:u@example.org",
                                                        "DTSTART:20260105T100000Z", "SUMMARY:Caf\xE9", "END:VEVENT"})));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].summary, "Caf\xEF\xBF\xBD");
}

}  // namespace
}  // namespace kith::calendar

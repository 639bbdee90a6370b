// Expansion of RRULE / RDATE / EXDATE, the horizon and the occurrence cap.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::options_at;
using testing::parse_one;
using testing::recurrence_ids_of;
using testing::starts_of;
using testing::utc;

constexpr UnixSeconds kHour = 3600;
constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kWeek = 7 * kDay;

std::string event_with(const std::vector<std::string>& properties) {
  std::string body = "BEGIN:VEVENT\r\nUID:recurring@example.org\r\n";
  for (const std::string& p : properties) body += p + "\r\n";
  body += "END:VEVENT\r\n";
  return testing::vcalendar(body);
}

struct ExpansionCase {
  const char* name;
  std::vector<std::string> properties;
  std::vector<UnixSeconds> starts;
  ExpandOptions options = testing::kDefaultOptions;
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const ExpansionCase& c, std::ostream* os) { *os << c.name; }

class Expansion : public ::testing::TestWithParam<ExpansionCase> {};

TEST_P(Expansion, ProducesExactlyTheseStarts) {
  const ExpansionCase& c = GetParam();
  const CalendarEvent event = parse_one(event_with(c.properties), c.options);
  EXPECT_EQ(starts_of(event), c.starts);
}

// 2026-01-05 is a Monday; Berlin is UTC+1 until 2026-03-29, UTC+2 after.
const ExpansionCase kExpansionCases[] = {
    {"WeeklyCount",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;COUNT=3"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 12, 8), utc(2026, 1, 19, 8)}},
    // UNTIL in UTC equal to the third instance (09:00 Berlin = 08:00Z):
    // inclusive, and compared in UTC rather than against local 09:00.
    {"WeeklyUntilUtcIsInclusive",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;UNTIL=20260119T080000Z"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 12, 8), utc(2026, 1, 19, 8)}},
    {"WeeklyUntilJustBeforeInstance",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;UNTIL=20260119T075959Z"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 12, 8)}},
    {"WeeklyUntilDateOnAllDay",
     {"DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;UNTIL=20260119"},
     {utc(2026, 1, 5), utc(2026, 1, 12), utc(2026, 1, 19)}},
    {"WeeklyByDayWithInterval",
     {"DTSTART:20260105T100000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4"},
     {utc(2026, 1, 5, 10), utc(2026, 1, 8, 10), utc(2026, 1, 19, 10), utc(2026, 1, 22, 10)}},
    // RFC 5545: DTSTART is always the first instance and counts for COUNT,
    // even when it does not match the rule (libical would skip it).
    {"DtstartNotMatchingRuleCountsAsFirst",
     {"DTSTART:20260105T100000Z", "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3"},
     {utc(2026, 1, 5, 10), utc(2026, 1, 6, 10), utc(2026, 1, 13, 10)}},
    // EXDATE'd instances still count towards COUNT.
    {"ExdateWithTzid",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;COUNT=4",
      "EXDATE;TZID=Europe/Berlin:20260112T090000"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 19, 8), utc(2026, 1, 26, 8)}},
    {"ExdateInUtcMatchesZonedInstance",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;COUNT=3",
      "EXDATE:20260112T080000Z"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 19, 8)}},
    {"ExdateListAndSeveralProperties",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=WEEKLY;COUNT=5",
      "EXDATE;TZID=Europe/Berlin:20260112T090000,20260119T090000", "EXDATE:20260202T080000Z"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 26, 8)}},
    {"ExdateNotMatchingAnyInstanceIsHarmless",
     {"DTSTART:20260105T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2", "EXDATE:20260112T110000Z"},
     {utc(2026, 1, 5, 10), utc(2026, 1, 12, 10)}},
    {"ExdateDateOnTimedEventRemovesThatDay",
     {"DTSTART;TZID=Europe/Berlin:20260105T090000", "RRULE:FREQ=DAILY;COUNT=3",
      "EXDATE;VALUE=DATE:20260106"},
     {utc(2026, 1, 5, 8), utc(2026, 1, 7, 8)}},
    {"ExdateOnAllDayEvent",
     {"DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260106", "RRULE:FREQ=WEEKLY;COUNT=3",
      "EXDATE;VALUE=DATE:20260112"},
     {utc(2026, 1, 5), utc(2026, 1, 19)}},
    {"ExdateOfDtstart",
     {"DTSTART:20260105T100000Z", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260105T100000Z"},
     {utc(2026, 1, 6, 10), utc(2026, 1, 7, 10)}},
    // Weekly 09:00 Berlin across the start of summer time (2026-03-29):
    // 08:00Z before, 07:00Z after.
    {"DstSpringForwardKeepsLocalTime",
     {"DTSTART;TZID=Europe/Berlin:20260316T090000", "RRULE:FREQ=WEEKLY;COUNT=4"},
     {utc(2026, 3, 16, 8), utc(2026, 3, 23, 8), utc(2026, 3, 30, 7), utc(2026, 4, 6, 7)}},
    {"DstFallBackKeepsLocalTime",
     {"DTSTART;TZID=Europe/Berlin:20261019T090000", "RRULE:FREQ=WEEKLY;COUNT=2"},
     {utc(2026, 10, 19, 7), utc(2026, 10, 26, 8)}},
    {"DstWindowsZoneName",
     {"DTSTART;TZID=W. Europe Standard Time:20260316T090000", "RRULE:FREQ=WEEKLY;COUNT=3"},
     {utc(2026, 3, 16, 8), utc(2026, 3, 23, 8), utc(2026, 3, 30, 7)}},
    {"DstNewYorkDaily",
     {"DTSTART;TZID=America/New_York:20260307T090000", "RRULE:FREQ=DAILY;COUNT=2"},
     {utc(2026, 3, 7, 14), utc(2026, 3, 8, 13)}},
    {"RdateOnly",
     {"DTSTART:20260105T090000Z", "RDATE:20260107T140000Z,20260110T090000Z"},
     {utc(2026, 1, 5, 9), utc(2026, 1, 7, 14), utc(2026, 1, 10, 9)}},
    {"RdateWithTzid",
     {"DTSTART:20260105T090000Z", "RDATE;TZID=America/New_York:20260107T090000"},
     {utc(2026, 1, 5, 9), utc(2026, 1, 7, 14)}},
    {"RdateMergedWithRuleWithoutDuplicates",
     {"DTSTART:20260105T090000Z", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE:20260112T090000Z",
      "RDATE:20260108T090000Z"},
     {utc(2026, 1, 5, 9), utc(2026, 1, 8, 9), utc(2026, 1, 12, 9)}},
    {"RdateRemovedByExdate",
     {"DTSTART:20260105T090000Z", "RDATE:20260107T140000Z", "EXDATE:20260107T140000Z"},
     {utc(2026, 1, 5, 9)}},
    // libical rejects this rule (February never has a 30th): DTSTART alone.
    // (Impossible month days, and rules libical cannot expand in bounded
    // time, are refused outright: HostileRecurrenceTest.)
    {"ImpossibleRuleLeavesDtstart",
     {"DTSTART:20260105T090000Z", "RRULE:FREQ=YEARLY;BYMONTH=6;BYYEARDAY=1"},
     {utc(2026, 1, 5, 9)}},
    // Infinite rule: cut at now + horizon (2026-03-01 + 30 days = 03-31).
    {"HorizonCutsInfiniteRule",
     {"DTSTART:20260302T090000Z", "RRULE:FREQ=WEEKLY"},
     {utc(2026, 3, 2, 9), utc(2026, 3, 9, 9), utc(2026, 3, 16, 9), utc(2026, 3, 23, 9),
      utc(2026, 3, 30, 9)},
     options_at(utc(2026, 3, 1), 30)},
    {"HorizonAlsoCutsRdate",
     {"DTSTART:20260302T090000Z", "RDATE:20260330T090000Z,20260401T090000Z"},
     {utc(2026, 3, 2, 9), utc(2026, 3, 30, 9)},
     options_at(utc(2026, 3, 1), 30)},
    {"HorizonIsInclusive",
     {"DTSTART:20260301T000000Z", "RRULE:FREQ=DAILY"},
     {utc(2026, 3, 1), utc(2026, 3, 2), utc(2026, 3, 3)},
     options_at(utc(2026, 3, 1), 2)},
    {"MaxOccurrencesKeepsEarliest",
     {"DTSTART:20200106T090000Z", "RRULE:FREQ=DAILY"},
     {utc(2020, 1, 6, 9), utc(2020, 1, 7, 9), utc(2020, 1, 8, 9)},
     options_at(utc(2026, 3, 1), 365, 3)},
    {"MaxOccurrencesCountsAfterExdate",
     {"DTSTART:20200106T090000Z", "RRULE:FREQ=DAILY", "EXDATE:20200107T090000Z"},
     {utc(2020, 1, 6, 9), utc(2020, 1, 8, 9), utc(2020, 1, 9, 9)},
     options_at(utc(2026, 3, 1), 365, 3)},
    {"MaxOccurrencesZero",
     {"DTSTART:20200106T090000Z", "RRULE:FREQ=DAILY"},
     {},
     options_at(utc(2026, 3, 1), 365, 0)},
    {"HourlyRuleIsCapped",
     {"DTSTART:20260105T090000Z", "RRULE:FREQ=HOURLY"},
     {utc(2026, 1, 5, 9), utc(2026, 1, 5, 10)},
     options_at(utc(2026, 3, 1), 365, 2)},
    // The horizon applies to single events as well.
    {"SingleEventBeyondHorizon", {"DTSTART:20270105T090000Z"}, {}, options_at(utc(2026, 3, 1), 30)},
};

INSTANTIATE_TEST_SUITE_P(Calendar, Expansion, ::testing::ValuesIn(kExpansionCases),
                         [](const ::testing::TestParamInfo<ExpansionCase>& info) {
                           return info.param.name;
                         });

TEST(Recurrence, RecurrenceIdsAreOriginalStartsInUtc) {
  const CalendarEvent event = parse_one(
      event_with({"DTSTART;TZID=Europe/Berlin:20260323T090000",
                  "DTEND;TZID=Europe/Berlin:20260323T100000", "RRULE:FREQ=WEEKLY;COUNT=2"}));
  EXPECT_EQ(recurrence_ids_of(event),
            (std::vector<std::string>{"2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"}));
  ASSERT_EQ(event.occurrences.size(), 2u);
  for (const auto& occ : event.occurrences) {
    EXPECT_EQ(occ.end - occ.start, kHour);  // same exact duration on both sides of DST
    EXPECT_FALSE(occ.all_day);
  }
}

TEST(Recurrence, AllDayRecurrenceIdsAreMidnightUtc) {
  const CalendarEvent event = parse_one(event_with(
      {"DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260107", "RRULE:FREQ=MONTHLY;COUNT=2"}));
  EXPECT_EQ(recurrence_ids_of(event),
            (std::vector<std::string>{"2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z"}));
  ASSERT_EQ(event.occurrences.size(), 2u);
  EXPECT_TRUE(event.occurrences[1].all_day);
  EXPECT_EQ(event.occurrences[1].end - event.occurrences[1].start, 2 * kDay);
}

TEST(Recurrence, NominalDurationFollowsLocalDays) {
  // DURATION:P1D from 12:00 Berlin: 24 h normally, 23 h over the DST night.
  const CalendarEvent event = parse_one(event_with(
      {"DTSTART;TZID=Europe/Berlin:20260327T120000", "DURATION:P1D", "RRULE:FREQ=DAILY;COUNT=2"}));
  ASSERT_EQ(event.occurrences.size(), 2u);
  EXPECT_EQ(event.occurrences[0].end - event.occurrences[0].start, 24 * kHour);
  EXPECT_EQ(event.occurrences[1].end - event.occurrences[1].start, 23 * kHour);
}

TEST(Recurrence, RdatePeriodHasItsOwnEnd) {
  const CalendarEvent event = parse_one(
      event_with({"DTSTART:20260105T090000Z", "DTEND:20260105T093000Z",
                  "RDATE;VALUE=PERIOD:20260107T140000Z/PT2H,20260108T080000Z/20260108T083000Z",
                  "RDATE:20260109T090000Z"}));
  ASSERT_EQ(event.occurrences.size(), 4u);
  EXPECT_EQ(event.occurrences[0].end - event.occurrences[0].start, 30 * 60);
  EXPECT_EQ(event.occurrences[1].end - event.occurrences[1].start, 2 * kHour);
  EXPECT_EQ(event.occurrences[2].end - event.occurrences[2].start, 30 * 60);
  EXPECT_EQ(event.occurrences[3].end - event.occurrences[3].start,
            30 * 60);  // the event's duration
  EXPECT_EQ(event.occurrences[1].recurrence_id, "2026-01-07T14:00:00Z");
}

TEST(Recurrence, PastOccurrencesAreAllKept) {
  // Weekly since 2015 with a one-day horizon: all of history is there.
  const UnixSeconds first = utc(2015, 1, 5, 9);
  const UnixSeconds now = utc(2026, 1, 1);
  const CalendarEvent event =
      parse_one(event_with({"DTSTART:20150105T090000Z", "RRULE:FREQ=WEEKLY"}), options_at(now, 1));
  const auto starts = starts_of(event);
  ASSERT_FALSE(starts.empty());
  EXPECT_EQ(starts.front(), first);
  EXPECT_EQ(starts.size(), static_cast<std::size_t>((now + kDay - first) / kWeek + 1));
  EXPECT_LE(starts.back(), now + kDay);
  EXPECT_GT(starts.back() + kWeek, now + kDay);
}

TEST(Recurrence, DefaultCapStopsRunawayRule) {
  // Hourly for years: stopped by max_occurrences (default 10000).
  const CalendarEvent event = parse_one(
      event_with({"DTSTART:20200101T000000Z", "RRULE:FREQ=HOURLY"}), options_at(utc(2026, 1, 1)));
  EXPECT_EQ(event.occurrences.size(), 10000u);
  EXPECT_EQ(event.occurrences.back().start, utc(2020, 1, 1) + 9999 * 3600);
}

}  // namespace
}  // namespace kith::calendar

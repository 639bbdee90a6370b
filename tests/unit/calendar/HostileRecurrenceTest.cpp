// Recurrence rules that would make libical spin: each is refused before
// libical sees it, so the event becomes an item error (quarantined) at
// once, whatever the rule. Without the screening, the first row runs for
// hours and the others for seconds to minutes: ctest's timeout would fail
// this test rather than a clock inside it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

std::string event_with_rule(const std::string& rule) {
  return testing::vcalendar("BEGIN:VEVENT\r\nUID:poison@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
                            "DTSTART:20260105T090000Z\r\nRRULE:" + rule + "\r\nEND:VEVENT\r\n");
}

TEST(HostileRecurrence, RulesThatCannotBeExpandedInBoundedTimeAreItemErrors) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "every second or minute"},
      {"FREQ=SECONDLY;COUNT=3", "every second or minute"},
      {"FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29", "every second or minute"},
      {"FREQ=MINUTELY;INTERVAL=1440", "every second or minute"},
      {"FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "hourly rule limited"},
      {"FREQ=HOURLY;BYMONTHDAY=29", "hourly rule limited"},
      {"FREQ=HOURLY;BYYEARDAY=366", "hourly rule limited"},
      {"FREQ=HOURLY;BYWEEKNO=53", "hourly rule limited"},
      {"FREQ=HOURLY;BYDAY=MO;BYSETPOS=-1", "hourly rule limited"},
      {"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "names a day no month in it has"},
      {"FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "names a day no month in it has"},
      {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30,31", "names a day no month in it has"},
      {"FREQ=MONTHLY;BYDAY=-12FR", "weekday position no period has"},  // found by fuzzing: 3.6 s
      {"FREQ=YEARLY;BYMONTH=3;BYDAY=6MO", "weekday position no period has"},
      {"FREQ=WEEKLY;BYMONTHDAY=32", ""},  // libical refuses the value itself
  };
  for (const auto& [rule, why] : rows) {
    auto result = parse_calendar_resource(event_with_rule(rule), "cal", "poison.ics", testing::kDefaultOptions);
    if (why.empty()) continue;  // any outcome, as long as it returns
    ASSERT_FALSE(result) << rule << " was expanded";
    EXPECT_EQ(result.status().kind(), ErrorKind::Item) << rule;
    EXPECT_NE(result.status().message().find(why), std::string::npos) << rule << ": " << result.status().message();
    EXPECT_NE(result.status().message().find("poison@example.org"), std::string::npos) << result.status().message();
  }
}

TEST(HostileRecurrence, RareButPossibleRulesStillExpand) {
  // Leap days exist; the 31st exists in some of these months; hourly on
  // weekdays is bounded by a week.
  const std::vector<std::pair<std::string, UnixSeconds>> rows = {
      {"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", testing::utc(2028, 2, 29, 9)},
      {"FREQ=YEARLY;BYMONTH=4,5;BYMONTHDAY=31", testing::utc(2026, 5, 31, 9)},
      {"FREQ=MONTHLY;BYMONTHDAY=-1", testing::utc(2026, 1, 31, 9)},
      {"FREQ=HOURLY;INTERVAL=24;BYDAY=SA", testing::utc(2026, 1, 10, 9)},
      {"FREQ=MONTHLY;BYDAY=-1FR", testing::utc(2026, 1, 30, 9)},
      {"FREQ=YEARLY;BYDAY=20MO", testing::utc(2026, 5, 18, 9)},
  };
  for (const auto& [rule, first_after_start] : rows) {
    auto options = testing::options_at(testing::utc(2026, 1, 1), 3 * 365);
    auto result = parse_calendar_resource(event_with_rule(rule), "cal", "ok.ics", options);
    ASSERT_TRUE(result) << rule << ": " << result.status().message();
    ASSERT_EQ(result->size(), 1u);
    const auto& occurrences = result->front().occurrences;
    ASSERT_GE(occurrences.size(), 2u) << rule;
    EXPECT_EQ(occurrences[1].start, first_after_start) << rule;
  }
}

}  // namespace
}  // namespace kith::calendar

// Start, end and all-day flag of single (non-recurring) events: every way
// iCalendar writes a time, and every way an end can be given or left out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <ostream>
#include <string>
#include <vector>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::parse;
using testing::parse_one;
using testing::single_event;
using testing::utc;
using testing::vcalendar;

struct TimeCase {
  const char* name;
  std::vector<std::string> properties;  // besides UID
  UnixSeconds start;
  UnixSeconds end;
  bool all_day;
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const TimeCase& c, std::ostream* os) { *os << c.name; }

class EventTimes : public ::testing::TestWithParam<TimeCase> {};

TEST_P(EventTimes, StartEndAndAllDay) {
  const TimeCase& c = GetParam();
  std::string body = "BEGIN:VEVENT\r\nUID:time-case\r\n";
  for (const std::string& p : c.properties) body += p + "\r\n";
  body += "END:VEVENT\r\n";
  const CalendarEvent event = parse_one(vcalendar(body));
  ASSERT_EQ(event.occurrences.size(), 1u);
  const EventOccurrence& occ = event.occurrences[0];
  EXPECT_EQ(occ.start, c.start);
  EXPECT_EQ(occ.end, c.end);
  EXPECT_EQ(occ.all_day, c.all_day);
  EXPECT_EQ(occ.recurrence_id, "");  // not recurring
  EXPECT_EQ(event.uid, "time-case");
  EXPECT_EQ(event.collection, "calendars/work");
  EXPECT_EQ(event.resource, "event.ics");
}

// 2026-03-02 is in winter time everywhere north (Berlin UTC+1, New York UTC-5).
const TimeCase kTimeCases[] = {
    {"TzidBerlin",
     {"DTSTART;TZID=Europe/Berlin:20260302T090000", "DTEND;TZID=Europe/Berlin:20260302T100000"},
     utc(2026, 3, 2, 8),
     utc(2026, 3, 2, 9),
     false},
    {"TzidNewYorkSummer",
     {"DTSTART;TZID=America/New_York:20260715T090000",
      "DTEND;TZID=America/New_York:20260715T093000"},
     utc(2026, 7, 15, 13),
     utc(2026, 7, 15, 13, 30),
     false},
    {"TzidQuoted",
     {"DTSTART;TZID=\"Asia/Tokyo\":20260302T090000"},
     utc(2026, 3, 2, 0),
     utc(2026, 3, 2, 0),
     false},
    {"StartAndEndInDifferentZones",
     {"DTSTART;TZID=Europe/London:20260302T090000", "DTEND;TZID=America/New_York:20260302T050000"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 10),
     false},
    {"Utc",
     {"DTSTART:20260302T090000Z", "DTEND:20260302T100000Z"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 10),
     false},
    {"TzidUtc",
     {"DTSTART;TZID=UTC:20260302T090000"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 9),
     false},
    {"FloatingTakenAsUtc",
     {"DTSTART:20260302T090000", "DTEND:20260302T101500"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 10, 15),
     false},
    {"UnknownTzidTakenAsUtc",
     {"DTSTART;TZID=Mars/Olympus_Mons:20260302T090000"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 9),
     false},
    {"PathTraversalTzidTakenAsUtc",
     {"DTSTART;TZID=../../../../etc/passwd:20260302T090000"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 9),
     false},
    {"AllDay",
     {"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260303"},
     utc(2026, 3, 2),
     utc(2026, 3, 3),
     true},
    {"AllDayMultiDay",
     {"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260305"},
     utc(2026, 3, 2),
     utc(2026, 3, 5),
     true},
    {"AllDayWithoutEndLastsOneDay",
     {"DTSTART;VALUE=DATE:20260302"},
     utc(2026, 3, 2),
     utc(2026, 3, 3),
     true},
    {"AllDayWithDuration",
     {"DTSTART;VALUE=DATE:20260302", "DURATION:P2D"},
     utc(2026, 3, 2),
     utc(2026, 3, 4),
     true},
    {"TimedWithoutEndEndsAtStart",
     {"DTSTART;TZID=Europe/Berlin:20260302T090000"},
     utc(2026, 3, 2, 8),
     utc(2026, 3, 2, 8),
     false},
    {"Duration",
     {"DTSTART;TZID=Europe/Berlin:20260302T090000", "DURATION:PT1H30M"},
     utc(2026, 3, 2, 8),
     utc(2026, 3, 2, 9, 30),
     false},
    // P1D is a calendar day: 12:00 CET to 12:00 CEST is 23 hours.
    {"NominalDayDurationAcrossDst",
     {"DTSTART;TZID=Europe/Berlin:20260328T120000", "DURATION:P1D"},
     utc(2026, 3, 28, 11),
     utc(2026, 3, 29, 10),
     false},
    {"DtendBeforeDtstartClampedToStart",
     {"DTSTART:20260302T090000Z", "DTEND:20260302T080000Z"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 9),
     false},
    {"WindowsZoneName",
     {"DTSTART;TZID=W. Europe Standard Time:20260302T090000",
      "DTEND;TZID=W. Europe Standard Time:20260302T100000"},
     utc(2026, 3, 2, 8),
     utc(2026, 3, 2, 9),
     false},
    {"WindowsZoneNameSummer",
     {"DTSTART;TZID=W. Europe Standard Time:20260715T090000"},
     utc(2026, 7, 15, 7),
     utc(2026, 7, 15, 7),
     false},
    {"WindowsZoneNameQuotedEastern",
     {"DTSTART;TZID=\"Eastern Standard Time\":20260302T090000"},
     utc(2026, 3, 2, 14),
     utc(2026, 3, 2, 14),
     false},
    {"WindowsZoneNameIndia",
     {"DTSTART;TZID=India Standard Time:20260302T090000"},
     utc(2026, 3, 2, 3, 30),
     utc(2026, 3, 2, 3, 30),
     false},
    {"WindowsZoneNameAnyCase",
     {"DTSTART;TZID=tokyo standard time:20260302T090000"},
     utc(2026, 3, 2, 0),
     utc(2026, 3, 2, 0),
     false},
    {"WindowsUtcOffsetZone",
     {"DTSTART;TZID=UTC-11:20260302T090000"},
     utc(2026, 3, 2, 20),
     utc(2026, 3, 2, 20),
     false},
    {"ExchangeUtcZone",
     {"DTSTART;TZID=tzone://Microsoft/Utc:20260302T090000"},
     utc(2026, 3, 2, 9),
     utc(2026, 3, 2, 9),
     false},
    {"FreeassociationPrefixedTzid",
     {"DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20260302T090000"},
     utc(2026, 3, 2, 8),
     utc(2026, 3, 2, 8),
     false},
    {"MozillaPrefixedTzid",
     {"DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260302T090000"},
     utc(2026, 3, 2, 14),
     utc(2026, 3, 2, 14),
     false},
    {"LegacyIanaAlias",
     {"DTSTART;TZID=US/Pacific:20260302T090000"},
     utc(2026, 3, 2, 17),
     utc(2026, 3, 2, 17),
     false},
};

INSTANTIATE_TEST_SUITE_P(Calendar, EventTimes, ::testing::ValuesIn(kTimeCases),
                         [](const ::testing::TestParamInfo<TimeCase>& info) {
                           return info.param.name;
                         });

// A VTIMEZONE in the resource wins over the zoneinfo zone of the same name.
TEST(EventTimesVtimezone, ResourceDefinitionIsAuthoritative) {
  const std::string ics = vcalendar(
      "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
      "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
      "TZNAME:ODD\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\nEND:VEVENT\r\n");
  const CalendarEvent event = parse_one(ics);
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 3, 2, 6));
}

// Resources that define a zone the same way share its worked-out
// transitions (SharedZones.h); a zone of the same name defined otherwise
// in another resource is that resource's own, whichever came first.
TEST(EventTimesVtimezone, EachResourceKeepsItsOwnDefinitionOfAName) {
  const auto with_office_at = [](const std::string& offset, const std::string& start) {
    return vcalendar(
        "BEGIN:VTIMEZONE\r\nTZID:Office\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:" + offset + "\r\nTZOFFSETTO:" + offset +
        "\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZNAME:OFF\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Office:" + start + "\r\nEND:VEVENT\r\n");
  };
  const auto start_of = [](const std::string& ics, UnixSeconds now = utc(2026, 1, 1)) {
    const CalendarEvent event = parse_one(ics, testing::options_at(now));
    return event.occurrences.size() == 1 ? event.occurrences[0].start : UnixSeconds{-1};
  };
  EXPECT_EQ(start_of(with_office_at("+0300", "20260302T090000")), utc(2026, 3, 2, 6));
  EXPECT_EQ(start_of(with_office_at("+0500", "20260302T090000")), utc(2026, 3, 2, 4));
  EXPECT_EQ(start_of(with_office_at("-0400", "20260302T090000")), utc(2026, 3, 2, 13));
  // The first definition again, for a year its first use did not reach.
  EXPECT_EQ(start_of(with_office_at("+0300", "20610302T090000"), utc(2061, 1, 1)), utc(2061, 3, 2, 6));
  EXPECT_EQ(start_of(with_office_at("+0300", "20260302T090000")), utc(2026, 3, 2, 6));
}

// A shared definition with summer time, read by many resources, gives each
// the offsets of its own dates.
TEST(EventTimesVtimezone, ASharedDefinitionAnswersEveryDate) {
  const auto berlin_at = [](const std::string& start) {
    return vcalendar(
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
        "BEGIN:STANDARD\r\nDTSTART:20001029T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        "TZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:20000326T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        "TZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Berlin:" + start + "\r\nEND:VEVENT\r\n");
  };
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(parse_one(berlin_at("20260302T090000")).occurrences.at(0).start, utc(2026, 3, 2, 8));
    EXPECT_EQ(parse_one(berlin_at("20260715T090000")).occurrences.at(0).start, utc(2026, 7, 15, 7));
    EXPECT_EQ(parse_one(berlin_at("20050715T090000")).occurrences.at(0).start, utc(2005, 7, 15, 7));
  }
}

// libical expands VTIMEZONE rules one transition at a time from their
// DTSTART: hourly rules from 1970 take ~10 s, minutely ones hours. Only yearly
// rules are accepted; otherwise the TZID is looked up by name.
TEST(EventTimesVtimezone, NonYearlyObservanceRuleIsNotUsed) {
  const auto ics_with = [](const std::string& tzid) {
    return vcalendar(
        "BEGIN:VTIMEZONE\r\nTZID:" + tzid +
        "\r\n"
        "BEGIN:STANDARD\r\nDTSTART:20200101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "RRULE:FREQ=HOURLY\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:20200101T003000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
        "RRULE:FREQ=HOURLY\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=" +
        tzid + ":20260302T090000\r\nEND:VEVENT\r\n");
  };
  // Unknown name: read as UTC.
  CalendarEvent event = parse_one(ics_with("Custom"));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 3, 2, 9));
  // Known name: the zoneinfo zone.
  event = parse_one(ics_with("Europe/Berlin"));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 3, 2, 8));
}

// Outlook puts Windows names in TZID and usually a VTIMEZONE of that name;
// the VTIMEZONE is used when present.
TEST(EventTimesVtimezone, WindowsNamedVtimezone) {
  const std::string ics = vcalendar(
      "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
      "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
      "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
      "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
      "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=W. Europe Standard Time:20260715T090000\r\n"
      "DTEND;TZID=W. Europe Standard Time:20260715T100000\r\nEND:VEVENT\r\n");
  const CalendarEvent event = parse_one(ics);
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 7, 15, 7));
  EXPECT_EQ(event.occurrences[0].end, utc(2026, 7, 15, 8));
}

// An Outlook export with Windows zone names and no VTIMEZONE at all.
TEST(EventTimesWindows, OutlookExportWithoutVtimezone) {
  const std::string ics = testing::read_data_file("outlook_windows_zone_no_vtimezone.ics");
  const CalendarEvent event = parse_one(ics, testing::options_at(utc(2026, 1, 1)));
  ASSERT_EQ(event.occurrences.size(), 3u);
  // Weekly on Tuesdays 14:00 Pacific Standard Time; US DST starts 2026-03-08.
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 3, 3, 22));
  EXPECT_EQ(event.occurrences[1].start, utc(2026, 3, 10, 21));
  EXPECT_EQ(event.occurrences[2].start, utc(2026, 3, 17, 21));
  EXPECT_EQ(event.occurrences[0].end - event.occurrences[0].start, 3600);
  EXPECT_TRUE(event.occurrences[0].has_video_link);  // Teams link in the description
}

// The result must not depend on the process time zone.
TEST(EventTimesProcessZone, IndependentOfTzEnvironment) {
  const std::string ics = single_event({"UID:a", "DTSTART;TZID=Europe/Berlin:20260302T090000",
                                        "RRULE:FREQ=WEEKLY;COUNT=8", "DTEND:20260302T090000"});
  const char* saved = std::getenv("TZ");
  const std::string saved_tz = saved != nullptr ? saved : "";
  std::vector<std::vector<UnixSeconds>> runs;
  for (const char* tz : {"UTC", "America/Los_Angeles", "Asia/Kathmandu", "Europe/Berlin"}) {
    ::setenv("TZ", tz, 1);
    ::tzset();
    runs.push_back(testing::starts_of(parse_one(ics)));
  }
  ::setenv("TZ", saved_tz.c_str(), 1);
  ::tzset();
  ASSERT_EQ(runs[0].size(), 8u);
  for (const auto& run : runs) EXPECT_EQ(run, runs[0]);
  EXPECT_EQ(runs[0].front(), utc(2026, 3, 2, 8));
}

}  // namespace
}  // namespace kith::calendar

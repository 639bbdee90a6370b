// RECURRENCE-ID overrides, event status and per-occurrence data.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::crlf;
using testing::options_at;
using testing::parse_one;
using testing::recurrence_ids_of;
using testing::starts_of;
using testing::utc;
using testing::vcalendar;

// Master: weekly Mondays 10:00 UTC from 2026-01-05, four instances.
std::string master(std::initializer_list<std::string_view> extra = {}) {
  std::string out = crlf({"BEGIN:VEVENT", "UID:series@example.org", "DTSTART:20260105T100000Z",
                          "DTEND:20260105T110000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "STATUS:CONFIRMED",
                          "ORGANIZER;CN=Ann:mailto:ann@example.org",
                          "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.org"});
  for (std::string_view line : extra) out += crlf({line});
  return out + crlf({"END:VEVENT"});
}

std::string override_event(std::initializer_list<std::string_view> lines) {
  std::string out = crlf({"BEGIN:VEVENT", "UID:series@example.org"});
  for (std::string_view line : lines) out += crlf({line});
  return out + crlf({"END:VEVENT"});
}

const EventOccurrence* find_by_recurrence_id(const CalendarEvent& event, std::string_view rid) {
  for (const auto& occ : event.occurrences) {
    if (occ.recurrence_id == rid) return &occ;
  }
  return nullptr;
}

TEST(Overrides, MovedOccurrenceReplacesItsInstance) {
  const CalendarEvent event = parse_one(vcalendar(
      master() + override_event({"RECURRENCE-ID:20260112T100000Z", "DTSTART:20260114T150000Z",
                                 "DTEND:20260114T153000Z", "SEQUENCE:1",
                                 "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.org",
                                 "ATTENDEE;PARTSTAT=ACCEPTED:mailto:carol@example.org"})));
  ASSERT_EQ(event.occurrences.size(), 4u);
  EXPECT_EQ(starts_of(event),
            (std::vector<UnixSeconds>{utc(2026, 1, 5, 10), utc(2026, 1, 14, 15),
                                      utc(2026, 1, 19, 10), utc(2026, 1, 26, 10)}));
  const EventOccurrence* moved = find_by_recurrence_id(event, "2026-01-12T10:00:00Z");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->start, utc(2026, 1, 14, 15));
  EXPECT_EQ(moved->end, utc(2026, 1, 14, 15, 30));
  // The override's own participants (and no organizer: it has none).
  ASSERT_EQ(moved->attendees.size(), 2u);
  EXPECT_EQ(moved->attendees[0].partstat, PartStat::Declined);
  EXPECT_EQ(moved->attendees[1].address, "carol@example.org");
  EXPECT_FALSE(moved->organizer.has_value());
  EXPECT_EQ(moved->status, EventStatus::Unspecified);
  // Other instances keep the master's.
  const EventOccurrence* other = find_by_recurrence_id(event, "2026-01-19T10:00:00Z");
  ASSERT_NE(other, nullptr);
  ASSERT_EQ(other->attendees.size(), 1u);
  EXPECT_EQ(other->attendees[0].partstat, PartStat::Accepted);
  ASSERT_TRUE(other->organizer.has_value());
  EXPECT_EQ(other->organizer->address, "ann@example.org");
  EXPECT_EQ(other->status, EventStatus::Confirmed);
}

TEST(Overrides, CancelledOverrideStaysWithStatusCancelled) {
  const CalendarEvent event = parse_one(vcalendar(
      master() + override_event({"RECURRENCE-ID:20260119T100000Z", "DTSTART:20260119T100000Z",
                                 "DTEND:20260119T110000Z", "STATUS:CANCELLED"})));
  ASSERT_EQ(event.occurrences.size(), 4u);
  const EventOccurrence* cancelled = find_by_recurrence_id(event, "2026-01-19T10:00:00Z");
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ(cancelled->status, EventStatus::Cancelled);
  EXPECT_EQ(find_by_recurrence_id(event, "2026-01-26T10:00:00Z")->status, EventStatus::Confirmed);
}

TEST(Overrides, OverrideForInstanceTheRuleDoesNotProduceIsStillEmitted) {
  // 2026-01-07 is a Wednesday: not one of the rule's Mondays.
  const CalendarEvent event = parse_one(vcalendar(
      master() + override_event({"RECURRENCE-ID:20260107T100000Z", "DTSTART:20260107T120000Z"})));
  ASSERT_EQ(event.occurrences.size(), 5u);
  const EventOccurrence* extra = find_by_recurrence_id(event, "2026-01-07T10:00:00Z");
  ASSERT_NE(extra, nullptr);
  EXPECT_EQ(extra->start, utc(2026, 1, 7, 12));
  EXPECT_EQ(event.occurrences[1].recurrence_id, "2026-01-07T10:00:00Z");  // sorted by start
}

TEST(Overrides, OverrideMatchesZonedInstanceThroughUtc) {
  // Master in Berlin, override names the instance in UTC (as Google does).
  const std::string ics = vcalendar(
      crlf({"BEGIN:VEVENT", "UID:z@example.org", "DTSTART;TZID=Europe/Berlin:20260323T090000",
            "RRULE:FREQ=WEEKLY;COUNT=2", "END:VEVENT", "BEGIN:VEVENT", "UID:z@example.org",
            "RECURRENCE-ID:20260330T070000Z", "DTSTART;TZID=Europe/Berlin:20260330T110000",
            "END:VEVENT"}));
  const CalendarEvent event = parse_one(ics);
  EXPECT_EQ(recurrence_ids_of(event),
            (std::vector<std::string>{"2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"}));
  EXPECT_EQ(starts_of(event), (std::vector<UnixSeconds>{utc(2026, 3, 23, 8), utc(2026, 3, 30, 9)}));
}

TEST(Overrides, AllDayOverride) {
  const std::string ics =
      vcalendar(crlf({"BEGIN:VEVENT", "UID:d@example.org", "DTSTART;VALUE=DATE:20260105",
                      "RRULE:FREQ=WEEKLY;COUNT=2", "END:VEVENT", "BEGIN:VEVENT",
                      "UID:d@example.org", "RECURRENCE-ID;VALUE=DATE:20260112",
                      "DTSTART;VALUE=DATE:20260113", "DTEND;VALUE=DATE:20260115", "END:VEVENT"}));
  const CalendarEvent event = parse_one(ics);
  ASSERT_EQ(event.occurrences.size(), 2u);
  EXPECT_EQ(event.occurrences[1].recurrence_id, "2026-01-12T00:00:00Z");
  EXPECT_EQ(event.occurrences[1].start, utc(2026, 1, 13));
  EXPECT_EQ(event.occurrences[1].end, utc(2026, 1, 15));
  EXPECT_TRUE(event.occurrences[1].all_day);
}

TEST(Overrides, ResourceWithOnlyOverridesEmitsThem) {
  const CalendarEvent event =
      parse_one(vcalendar(override_event({"RECURRENCE-ID:20260112T100000Z",
                                          "DTSTART:20260112T100000Z", "DTEND:20260112T110000Z",
                                          "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.org"}) +
                          override_event({"RECURRENCE-ID:20260119T100000Z",
                                          "DTSTART:20260120T100000Z", "STATUS:CANCELLED"})));
  EXPECT_EQ(event.uid, "series@example.org");
  EXPECT_EQ(recurrence_ids_of(event),
            (std::vector<std::string>{"2026-01-12T10:00:00Z", "2026-01-19T10:00:00Z"}));
  EXPECT_EQ(starts_of(event),
            (std::vector<UnixSeconds>{utc(2026, 1, 12, 10), utc(2026, 1, 20, 10)}));
  EXPECT_EQ(event.occurrences[0].end, utc(2026, 1, 12, 11));
  EXPECT_EQ(event.occurrences[1].status, EventStatus::Cancelled);
}

TEST(Overrides, HighestSequenceWinsAmongDuplicates) {
  const CalendarEvent event = parse_one(vcalendar(
      master() +
      override_event({"RECURRENCE-ID:20260112T100000Z", "DTSTART:20260112T160000Z", "SEQUENCE:3"}) +
      override_event(
          {"RECURRENCE-ID:20260112T100000Z", "DTSTART:20260112T140000Z", "SEQUENCE:2"})));
  ASSERT_EQ(event.occurrences.size(), 4u);
  EXPECT_EQ(find_by_recurrence_id(event, "2026-01-12T10:00:00Z")->start, utc(2026, 1, 12, 16));
}

TEST(Overrides, OverrideWithoutDtstartKeepsInstanceTime) {
  const CalendarEvent event = parse_one(
      vcalendar(master() + override_event({"RECURRENCE-ID:20260112T100000Z", "STATUS:TENTATIVE"})));
  const EventOccurrence* occ = find_by_recurrence_id(event, "2026-01-12T10:00:00Z");
  ASSERT_NE(occ, nullptr);
  EXPECT_EQ(occ->start, utc(2026, 1, 12, 10));
  EXPECT_EQ(occ->end, utc(2026, 1, 12, 11));
  EXPECT_EQ(occ->status, EventStatus::Tentative);
}

TEST(Overrides, MasterWithoutRuleButWithOverride) {
  const CalendarEvent event = parse_one(vcalendar(
      crlf({"BEGIN:VEVENT", "UID:series@example.org", "DTSTART:20260105T100000Z", "END:VEVENT"}) +
      override_event({"RECURRENCE-ID:20260105T100000Z", "DTSTART:20260105T120000Z"})));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].recurrence_id, "2026-01-05T10:00:00Z");
  EXPECT_EQ(event.occurrences[0].start, utc(2026, 1, 5, 12));
}

struct StatusCase {
  const char* name;
  const char* status_line;  // nullptr: no STATUS
  EventStatus expected;
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const StatusCase& c, std::ostream* os) { *os << c.name; }

class EventStatuses : public ::testing::TestWithParam<StatusCase> {};

TEST_P(EventStatuses, AppliesToEveryOccurrence) {
  const StatusCase& c = GetParam();
  std::string body = crlf({"BEGIN:VEVENT", "UID:s@example.org", "DTSTART:20260105T100000Z",
                           "RRULE:FREQ=DAILY;COUNT=3"});
  if (c.status_line != nullptr) body += crlf({c.status_line});
  body += crlf({"END:VEVENT"});
  const CalendarEvent event = parse_one(vcalendar(body));
  ASSERT_EQ(event.occurrences.size(), 3u);
  for (const auto& occ : event.occurrences) EXPECT_EQ(occ.status, c.expected);
}

const StatusCase kStatusCases[] = {
    {"Cancelled", "STATUS:CANCELLED", EventStatus::Cancelled},
    {"Tentative", "STATUS:TENTATIVE", EventStatus::Tentative},
    {"Confirmed", "STATUS:CONFIRMED", EventStatus::Confirmed},
    {"LowerCase", "STATUS:cancelled", EventStatus::Cancelled},
    {"Absent", nullptr, EventStatus::Unspecified},
    {"NotAnEventStatus", "STATUS:COMPLETED", EventStatus::Unspecified},
};

INSTANTIATE_TEST_SUITE_P(Calendar, EventStatuses, ::testing::ValuesIn(kStatusCases),
                         [](const ::testing::TestParamInfo<StatusCase>& info) {
                           return info.param.name;
                         });

// A Google Calendar export: VTIMEZONE, weekly rule, EXDATE, a moved
// instance and a cancelled one.
TEST(Overrides, GoogleExport) {
  const std::string ics = testing::read_data_file("google_weekly_with_overrides.ics");
  const CalendarEvent event = parse_one(ics, options_at(utc(2026, 4, 1), 14));
  EXPECT_EQ(event.uid, "7kq3s0c2j4m5n6o7p8q9r0s1t2@google.com");
  EXPECT_EQ(recurrence_ids_of(event),
            (std::vector<std::string>{"2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z",
                                      "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z",
                                      "2026-04-06T08:00:00Z", "2026-04-13T08:00:00Z"}));
  ASSERT_EQ(event.occurrences.size(), 6u);
  const EventOccurrence& moved = event.occurrences[2];
  EXPECT_EQ(moved.start, utc(2026, 3, 25, 14));
  EXPECT_EQ(moved.end, utc(2026, 3, 25, 14, 30));
  ASSERT_EQ(moved.attendees.size(), 2u);
  EXPECT_EQ(moved.attendees[1].address, "bob@example.org");
  EXPECT_EQ(moved.attendees[1].partstat, PartStat::Declined);
  EXPECT_FALSE(moved.has_video_link);  // the override carries no Meet link
  const EventOccurrence& cancelled = event.occurrences[3];
  EXPECT_EQ(cancelled.status, EventStatus::Cancelled);
  EXPECT_EQ(cancelled.start, utc(2026, 3, 30, 8));
  const EventOccurrence& regular = event.occurrences[4];
  EXPECT_EQ(regular.status, EventStatus::Confirmed);
  EXPECT_TRUE(regular.has_video_link);
  EXPECT_EQ(regular.end - regular.start, 30 * 60);
  ASSERT_EQ(regular.attendees.size(), 2u);
  EXPECT_EQ(regular.attendees[1].partstat, PartStat::NeedsAction);
}

}  // namespace
}  // namespace kith::calendar

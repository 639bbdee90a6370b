// has_video_link: which properties are looked at and which links count.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::parse_one;
using testing::single_event;

struct LinkCase {
  const char* name;
  std::string property_line;
  bool expected;
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const LinkCase& c, std::ostream* os) { *os << c.name; }

class VideoLinks : public ::testing::TestWithParam<LinkCase> {};

TEST_P(VideoLinks, Detection) {
  const LinkCase& c = GetParam();
  const CalendarEvent event =
      parse_one(single_event({"UID:v@example.org", "DTSTART:20260105T100000Z", c.property_line}));
  ASSERT_EQ(event.occurrences.size(), 1u);
  EXPECT_EQ(event.occurrences[0].has_video_link, c.expected) << c.property_line;
}

const LinkCase kLinkCases[] = {
    // Positive: each service, each property.
    {"ZoomInLocation", "LOCATION:https://zoom.us/j/91234567890?pwd=abc", true},
    {"ZoomSubdomain", "LOCATION:https://us02web.zoom.us/j/91234567890", true},
    {"ZoomPersonalRoom", "DESCRIPTION:Join: https://company.zoom.us/my/ann.example", true},
    {"ZoomWithoutScheme", "LOCATION:zoom.us/j/91234567890", true},
    {"ZoomUpperCaseHost", "LOCATION:HTTPS://US02WEB.ZOOM.US/j/91234567890", true},
    {"ZoomWithPort", "LOCATION:https://zoom.us:443/j/91234567890", true},
    {"MeetInDescription",
     "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial", true},
    {"MeetInUrl", "URL:https://meet.google.com/abc-defg-hij", true},
    {"TeamsInDescription",
     "DESCRIPTION:Click here to join the "
     "meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0>",
     true},
    {"TeamsLive", "LOCATION:https://teams.live.com/meet/9876543210", true},
    {"TeamsInSafeLinks",
     "DESCRIPTION:https://eur01.safelinks.protection.outlook.com/"
     "?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19&data=x",
     true},
    {"JitsiPublic", "LOCATION:https://meet.jit.si/KithWeekly", true},
    {"JitsiSelfHosted", "URL:https://jitsi.example.org/KithWeekly", true},
    {"JitsiLabelInsideHost", "LOCATION:https://meet.jitsi.company.de/standup", true},
    {"ConferenceProperty",
     "CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join:https://meet.google.com/abc-defg-hij", true},
    {"ConferenceLowerCaseName", "conference;value=uri:https://us02web.zoom.us/j/123", true},
    {"InsideHtmlAngleBrackets", "DESCRIPTION:<https://zoom.us/j/123>", true},
    // Negative.
    {"NoLink", "LOCATION:Room 4.12", false},
    {"OtherHost", "LOCATION:https://example.com/j/123", false},
    {"ZoomLookalikeHost", "LOCATION:https://zoom.usx.com/j/123", false},
    {"ZoomAsSubdomainOfOtherHost", "LOCATION:https://zoom.us.evil.example/j/123", false},
    {"ZoomSuffixWithoutDot", "LOCATION:https://notzoom.us/j/123", false},
    {"ZoomHomepageOnly", "DESCRIPTION:We use https://zoom.us/ for meetings", false},
    {"ZoomOtherPath", "DESCRIPTION:Download https://zoom.us/download", false},
    {"ZoomMailAddress", "DESCRIPTION:Questions: support@zoom.us/j/x", false},
    {"ZoomHostInsidePath", "LOCATION:https://example.com/zoom.us/j/123", false},
    {"MeetWithoutCode", "DESCRIPTION:see meet.google.com", false},
    {"MeetLookalike", "LOCATION:https://meet.google.com.evil.example/abc", false},
    {"GoogleOtherService", "LOCATION:https://calendar.google.com/calendar/event?eid=x", false},
    {"TeamsLookalike", "LOCATION:https://teams.microsoft.community/l/x", false},
    {"JitsiWordOnly", "DESCRIPTION:we might use jitsi", false},
    // Only LOCATION, DESCRIPTION, URL and CONFERENCE count.
    {"IgnoredInSummary", "SUMMARY:https://zoom.us/j/123", false},
    {"IgnoredInComment", "COMMENT:https://meet.google.com/abc-defg-hij", false},
    {"IgnoredInXProperty", "X-ALT-DESC;FMTTYPE=text/html:<a href=\"https://zoom.us/j/1\">", false},
};

INSTANTIATE_TEST_SUITE_P(Calendar, VideoLinks, ::testing::ValuesIn(kLinkCases),
                         [](const ::testing::TestParamInfo<LinkCase>& info) {
                           return info.param.name;
                         });

TEST(VideoLinksPerOccurrence, OverrideUsesItsOwnProperties) {
  const std::string ics = testing::vcalendar(
      testing::crlf({"BEGIN:VEVENT", "UID:v@example.org", "DTSTART:20260105T100000Z",
                     "RRULE:FREQ=DAILY;COUNT=2", "LOCATION:https://zoom.us/j/1", "END:VEVENT",
                     "BEGIN:VEVENT", "UID:v@example.org", "RECURRENCE-ID:20260106T100000Z",
                     "DTSTART:20260106T100000Z", "LOCATION:Room 4", "END:VEVENT"}));
  const CalendarEvent event = parse_one(ics);
  ASSERT_EQ(event.occurrences.size(), 2u);
  EXPECT_TRUE(event.occurrences[0].has_video_link);
  EXPECT_FALSE(event.occurrences[1].has_video_link);
}

}  // namespace
}  // namespace kith::calendar

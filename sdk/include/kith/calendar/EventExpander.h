// Optional SDK helper (library kith::calendar): turns one iCalendar resource
// into CalendarEvent items with every occurrence expanded, so every calendar
// provider applies recurrence, overrides and time zones the same way.
// Built on libical.
#pragma once

#include <string_view>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::calendar {

struct ExpandOptions {
  UnixSeconds now = 0;          // occurrences up to now + horizon_days are produced
  int horizon_days = 365;
  std::size_t max_occurrences = 10000;  // per UID, guards against runaway rules
};

// Parses one resource (a VCALENDAR with one or more VEVENTs, normally one
// UID plus its RECURRENCE-ID overrides) and expands each UID into one
// CalendarEvent with `collection` and `resource` set.
// - RRULE/RDATE expanded, EXDATE'd instances left out, RECURRENCE-ID
//   overrides replace their instance (a cancelled override stays, with
//   status Cancelled);
// - TZID through the system zoneinfo, Windows zone names mapped to IANA,
//   floating times taken as UTC, all-day events flagged;
// - ORGANIZER/ATTENDEE with CN, PARTSTAT, CUTYPE, ROLE;
// - has_video_link when LOCATION, DESCRIPTION, URL or CONFERENCE holds a
//   Zoom, Google Meet, Teams or Jitsi link.
// Returns an Item error naming what is wrong when libical cannot parse the
// resource or it holds no VEVENT with a UID.
Result<std::vector<CalendarEvent>> parse_calendar_resource(std::string_view ics,
                                                           std::string_view collection,
                                                           std::string_view resource,
                                                           const ExpandOptions& options);

}  // namespace kith::calendar

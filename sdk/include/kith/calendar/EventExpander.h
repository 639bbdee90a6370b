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
// resource or it holds no VEVENT with a UID; a resource that holds no
// VEVENT but a VTODO or VJOURNAL (a task, a journal entry) yields no event
// and no error.
//
// Details callers can rely on:
// - An occurrence is produced when it starts at or before
//   now + horizon_days (inclusive), for single events too; everything
//   earlier is kept, back to DTSTART. An override is kept when either its
//   original or its new start is in that range. A UID is still returned
//   when none of its occurrences is (so redelivery replaces old data).
// - Occurrences are sorted by start, then recurrence_id; at most
//   max_occurrences per UID, the earliest ones.
// - recurrence_id is empty only for an event with neither RRULE/RDATE nor
//   overrides.
// - UIDs come back in the order they first appear. VEVENTs without a UID
//   are ignored; a UID whose master has no valid DTSTART (and which has no
//   overrides) is left out, and is the error when nothing else is left.
// - Does not depend on the process time zone; safe to call from several
//   threads at once (libical keeps its errors per thread).
Result<std::vector<CalendarEvent>> parse_calendar_resource(std::string_view ics,
                                                           std::string_view collection,
                                                           std::string_view resource,
                                                           const ExpandOptions& options);

}  // namespace kith::calendar

// Zones that resources define with a VTIMEZONE, shared by every resource
// that defines them the same way.
//
// libical works out a zone's transitions the first time an offset is
// asked of it, running each observance's RRULE from its DTSTART (about a
// millisecond for a usual zone, two for a zone that began in 1970). A
// zone read from a resource belongs to that resource and is thrown away
// with it, and clients put the VTIMEZONE in every resource with a TZID
// (Radicale adds it to every event it serves), so a calendar paid that
// once per event: 0.3 s of CPU for 400 events in Europe/Berlin, a third
// of a first sync. Shared, an identical definition is worked out once per
// process.
#pragma once

#include <libical/ical.h>

namespace kith::calendar::detail {

// The zone `vtimezone` defines, made once per process for each distinct
// text of a definition and kept for the process's life. nullptr when it is
// not shared (a definition longer than a real zone's, more distinct
// definitions than any calendar has, or one libical will not take): the
// caller then uses the resource's own zone. Safe from several threads.
icaltimezone* shared_zone(icalcomponent* vtimezone);

}  // namespace kith::calendar::detail

// The recurrence set of a master VEVENT: DTSTART, every RRULE instance and
// every RDATE, minus EXDATEs (RFC 5545 3.8.5), bounded by a horizon and a
// count. Overrides (RECURRENCE-ID) are applied by the caller.
#pragma once

#include <libical/ical.h>

#include <cstddef>
#include <vector>

#include "EventTiming.h"
#include "ZoneResolver.h"

namespace kith::calendar::detail {

struct Instance {
  ResolvedTime start;  // as generated: this is also the instance's RECURRENCE-ID
  UnixSeconds end = 0;
};

struct ExpansionLimits {
  UnixSeconds last_start = 0;     // instances starting later are not produced
  std::size_t max_instances = 0;  // the earliest ones are kept
};

// True when the component has an RRULE or RDATE.
bool has_recurrence_rule(icalcomponent* vevent);

// The master's instances in start order, EXDATE'd ones left out.
// - COUNT counts DTSTART as the first instance, as RFC 5545 says (libical
//   skips a DTSTART that does not match the rule);
// - UNTIL is compared in UTC when written in UTC, otherwise as wall-clock
//   time in DTSTART's zone (libical would compare a UTC UNTIL against local
//   times);
// - rules are iterated in DTSTART's wall-clock time and each instance is
//   converted on its own, so a 09:00 meeting stays at 09:00 across DST;
// - a rule libical rejects contributes nothing beyond DTSTART; EXRULE
//   (deprecated by RFC 5545) is ignored.
std::vector<Instance> expand_recurrence(icalcomponent* master, const EventTiming& timing,
                                        ZoneResolver& zones, const ExpansionLimits& limits);

}  // namespace kith::calendar::detail

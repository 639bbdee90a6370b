// The recurrence set of a master VEVENT: DTSTART, every RRULE instance and
// every RDATE, minus EXDATEs (RFC 5545 3.8.5), bounded by a horizon and a
// count. Overrides (RECURRENCE-ID) are applied by the caller.
#pragma once

#include <libical/ical.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "EventTiming.h"
#include "kith/Status.h"
#include "ZoneResolver.h"

namespace kith::calendar::detail {

struct Instance {
  ResolvedTime start;  // as generated: this is also the instance's RECURRENCE-ID
  UnixSeconds end = 0;
};

struct ExpansionLimits {
  UnixSeconds last_start = 0;     // instances starting later are not produced
  std::size_t max_instances = 0;  // the earliest ones are kept
  // Wall time one event's expansion may take, checked between libical
  // calls; each call is bounded by rule_problem() screening the rule first.
  std::chrono::milliseconds time_budget{1000};
};

// Why a rule is refused before libical sees it, or nullopt. One
// icalrecur_iterator_next() call scans the rule's FREQ unit by unit until
// every BY part matches, up to libical's year limit (2582): a rule that
// matches rarely or never makes ONE call run for minutes at SECONDLY,
// MINUTELY or HOURLY (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30 ran for hours).
// Refused: FREQ=SECONDLY and MINUTELY (no meeting repeats every minute);
// FREQ=HOURLY with BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO or BYSETPOS;
// and BYMONTHDAY values no month in BYMONTH has (2/30, 4/31), at any FREQ.
std::optional<std::string> rule_problem(const icalrecurrencetype& rule);

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
// - a rule rule_problem() refuses, or an expansion over its time budget,
//   is an error: the whole event is unusable (a partial expansion would
//   store a wrong history).
Result<std::vector<Instance>> expand_recurrence(icalcomponent* master, const EventTiming& timing,
                                                ZoneResolver& zones, const ExpansionLimits& limits);

}  // namespace kith::calendar::detail

// Turns iCalendar DATE / DATE-TIME values into UTC instants.
//
// Rules (the same for every property: DTSTART, DTEND, RECURRENCE-ID,
// EXDATE, RDATE):
// - "...Z" is UTC;
// - TZID=x: the VTIMEZONE x of the same VCALENDAR if there is one, else
//   the system zoneinfo zone x (also when written with a path prefix such
//   as "/freeassociation.sourceforge.net/Europe/Berlin"), else the IANA
//   zone for the Windows zone name x; a TZID nothing matches is read like
//   a floating time;
// - floating times (no Z, no TZID) are taken as UTC;
// - a DATE is 00:00 UTC of that date.
// Nothing here depends on the process time zone.
#pragma once

#include <libical/ical.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "CivilTime.h"
#include "kith/Items.h"

namespace kith::calendar::detail {

// A start or end as written, plus its resolved instant.
struct ResolvedTime {
  CivilDateTime wall;            // the value as written (wall clock in `zone`)
  bool is_date = false;          // VALUE=DATE
  icaltimezone* zone = nullptr;  // nullptr: UTC (Z, floating, DATE or unknown TZID)
  UnixSeconds utc = 0;
};

class ZoneResolver {
 public:
  // `vcalendar` (may be null) is searched for VTIMEZONE definitions.
  explicit ZoneResolver(icalcomponent* vcalendar) : vcalendar_(vcalendar) {}

  // The zone a TZID parameter names; nullptr when nothing matches.
  icaltimezone* resolve(std::string_view tzid);

  // Reads a property whose value is a DATE or DATE-TIME (DTSTART, DTEND,
  // RECURRENCE-ID, EXDATE), with its TZID parameter. std::nullopt for a
  // missing, mistyped or invalid time.
  std::optional<ResolvedTime> read(icalproperty* property);

  // Reads `value` (taken from `property`, e.g. one end of an RDATE period)
  // with the property's TZID parameter.
  std::optional<ResolvedTime> read(icalproperty* property, const icaltimetype& value);

  // Builds the time `wall` in `zone` (nullptr = UTC); DATEs ignore the zone.
  static ResolvedTime make(const CivilDateTime& wall, bool is_date, icaltimezone* zone);

  // The instant of wall-clock time `wall` in `zone` (nullptr = UTC).
  static UnixSeconds to_utc(const CivilDateTime& wall, icaltimezone* zone);

 private:
  icaltimezone* lookup_uncached(const std::string& tzid);

  icalcomponent* vcalendar_;
  std::map<std::string, icaltimezone*, std::less<>> cache_;
};

// Converts libical's broken-down time to ours (fields only, zone ignored).
CivilDateTime civil_from_ical(const icaltimetype& value) noexcept;

}  // namespace kith::calendar::detail

// DTSTART / DTEND / DURATION of one VEVENT, and the end of any instance
// generated from it.
//
// RFC 5545 3.8.5.3: with DTEND every instance lasts the same exact
// duration; with DURATION the same nominal duration (days and weeks are
// calendar days in the event's zone, so a "P1D" instance across a DST change
// lasts 23 or 25 hours). Without either, an all-day event lasts one day and
// a timed event ends when it starts.
#pragma once

#include <libical/ical.h>

#include <cstdint>
#include <optional>

#include "ZoneResolver.h"

namespace kith::calendar::detail {

class EventTiming {
 public:
  // std::nullopt when the component has no usable DTSTART.
  static std::optional<EventTiming> read(icalcomponent* vevent, ZoneResolver& zones);

  const ResolvedTime& start() const noexcept { return start_; }

  // End of an instance that starts at `instance_start`.
  UnixSeconds end_for(const ResolvedTime& instance_start) const;

 private:
  enum class EndRule { None, Exact, Nominal };

  ResolvedTime start_;
  EndRule rule_ = EndRule::None;
  std::int64_t exact_seconds_ = 0;    // EndRule::Exact: DTEND - DTSTART
  std::int64_t nominal_days_ = 0;     // EndRule::Nominal: weeks and days of DURATION
  std::int64_t nominal_seconds_ = 0;  // EndRule::Nominal: hours, minutes, seconds of DURATION
};

}  // namespace kith::calendar::detail

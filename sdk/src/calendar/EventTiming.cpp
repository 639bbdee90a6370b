#include "EventTiming.h"

#include <algorithm>

namespace kith::calendar::detail {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

}  // namespace

std::optional<EventTiming> EventTiming::read(icalcomponent* vevent, ZoneResolver& zones) {
  icalproperty* dtstart = icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY);
  if (dtstart == nullptr) return std::nullopt;
  std::optional<ResolvedTime> start = zones.read(dtstart);
  if (!start) return std::nullopt;

  EventTiming timing;
  timing.start_ = *start;

  if (icalproperty* dtend = icalcomponent_get_first_property(vevent, ICAL_DTEND_PROPERTY)) {
    if (std::optional<ResolvedTime> end = zones.read(dtend)) {
      timing.rule_ = EndRule::Exact;
      timing.exact_seconds_ = std::max<std::int64_t>(0, end->utc - start->utc);
      return timing;
    }
  }
  if (icalproperty* duration = icalcomponent_get_first_property(vevent, ICAL_DURATION_PROPERTY)) {
    icalvalue* value = icalproperty_get_value(duration);
    const icaldurationtype d = value != nullptr && icalvalue_isa(value) == ICAL_DURATION_VALUE
                                   ? icalvalue_get_duration(value)
                                   : icaldurationtype_bad_duration();
    if (!d.is_neg && !icaldurationtype_is_bad_duration(d)) {
      timing.rule_ = EndRule::Nominal;
      timing.nominal_days_ = static_cast<std::int64_t>(d.weeks) * 7 + d.days;
      timing.nominal_seconds_ = static_cast<std::int64_t>(d.hours) * 3600 +
                                static_cast<std::int64_t>(d.minutes) * 60 + d.seconds;
      return timing;
    }
  }
  return timing;
}

UnixSeconds EventTiming::end_for(const ResolvedTime& instance_start) const {
  switch (rule_) {
    case EndRule::Exact: return instance_start.utc + exact_seconds_;
    case EndRule::Nominal: {
      if (instance_start.is_date || instance_start.zone == nullptr) {
        return instance_start.utc + nominal_days_ * kSecondsPerDay + nominal_seconds_;
      }
      // Same wall-clock time `nominal_days_` later, in the instance's zone.
      const CivilDateTime later = civil_from_wall_seconds(wall_seconds(instance_start.wall) +
                                                          nominal_days_ * kSecondsPerDay);
      return ZoneResolver::to_utc(later, instance_start.zone) + nominal_seconds_;
    }
    case EndRule::None: break;
  }
  return instance_start.is_date ? instance_start.utc + kSecondsPerDay : instance_start.utc;
}

}  // namespace kith::calendar::detail

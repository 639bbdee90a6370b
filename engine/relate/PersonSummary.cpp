#include "relate/PersonSummary.h"

#include <cmath>

#include "relate/KeepInTouch.h"
#include "relate/Strength.h"
#include "util/Time.h"

namespace kith::engine {

std::int32_t utc_day(UnixSeconds t) {
  return static_cast<std::int32_t>(t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay));
}

PersonSummary summarize(const std::vector<TimelineEntry>& timeline, UnixSeconds reference, double half_life_days) {
  PersonSummary s;
  s.half_life_days = half_life_days;
  s.reference = reference;
  for (const TimelineEntry& e : timeline) {
    if (e.at > reference) {
      if (!s.next_after || e.at < *s.next_after) s.next_after = e.at;
      if (e.kind == InteractionKind::Meeting) {
        if (!s.next_meeting || e.at < *s.next_meeting) s.next_meeting = e.at;
        ++s.upcoming_meetings;
      }
      continue;
    }
    ++s.counts[static_cast<std::size_t>(e.kind)];
    if (!s.first) s.first = e;
    s.last = e;
    if (is_touch(e.kind)) s.last_touch = e;
    if (is_received(e.kind)) s.last_received = e;
    const double w = interaction_weight(e, reference, half_life_days);
    if (e.kind == InteractionKind::Meeting) s.meetings += w;
    else if (is_received(e.kind)) s.received += w;
    else s.sent += w;
  }
  if (s.last) {
    // Every day a later as-of's window can hold (KeepInTouch.cpp).
    const std::int32_t oldest = utc_day(s.last->at - static_cast<UnixSeconds>(kDriftWindowDays) * kSecondsPerDay);
    for (const TimelineEntry& e : timeline) {
      if (e.at > reference) continue;
      const std::int32_t day = utc_day(e.at);
      if (day < oldest) continue;
      if (s.days.empty() || s.days.back() != day) s.days.push_back(day);
    }
    s.day_count = static_cast<std::uint32_t>(s.days.size());
    const UsualGap gap = usual_gap(s.days, reference);
    s.usual_gap_days = gap.days;
    s.gap_from = gap.from;
    s.gap_until = gap.until;
  }
  return s;
}

bool covers(const PersonSummary& summary, UnixSeconds as_of, double half_life_days) {
  return summary.half_life_days == half_life_days && (!summary.last || summary.last->at <= as_of) &&
         (!summary.next_after || *summary.next_after > as_of);
}

}  // namespace kith::engine

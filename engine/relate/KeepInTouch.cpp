#include "relate/KeepInTouch.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "relate/PersonSummary.h"
#include "relate/Strength.h"
#include "util/Time.h"

namespace kith::engine {

bool is_touch(InteractionKind kind) {
  return kind == InteractionKind::EmailSent || kind == InteractionKind::MessageSent || kind == InteractionKind::Meeting;
}

bool is_received(InteractionKind kind) {
  return kind == InteractionKind::EmailReceived || kind == InteractionKind::MessageReceived;
}

std::optional<int> effective_cadence(const Person& person, const std::map<std::string, int>& tag_cadences,
                                     std::optional<int> default_days) {
  auto some = [](int days) { return days > 0 ? std::optional<int>(days) : std::nullopt; };
  if (person.cadence_days) return some(*person.cadence_days);
  std::optional<int> shortest;
  bool tagged = false;
  for (const auto& tag : person.tags) {
    auto it = tag_cadences.find(tag);
    if (it == tag_cadences.end()) continue;
    tagged = true;
    if (it->second > 0 && (!shortest || it->second < *shortest)) shortest = it->second;
  }
  if (tagged) return shortest;  // a tag set to "none" and no other: none
  return default_days ? some(*default_days) : std::nullopt;
}

namespace {

long whole_days(UnixSeconds seconds) { return static_cast<long>(seconds / kSecondsPerDay); }  // toward zero

}  // namespace

UsualGap usual_gap(const std::vector<std::int32_t>& days, UnixSeconds as_of) {
  // Interaction days of the last 730 days: from the day that holds the
  // moment 730 days before as-of.
  const std::int32_t oldest = utc_day(as_of - static_cast<UnixSeconds>(kDriftWindowDays) * kSecondsPerDay);
  const auto first = std::lower_bound(days.begin(), days.end(), oldest);
  UsualGap out;
  // The window starts on day utc_day(as_of) - 730: it holds the same days
  // while that lies after the day before `first` and at or before `first`.
  auto moment = [](std::int32_t day) { return static_cast<UnixSeconds>(day + kDriftWindowDays + 1) * kSecondsPerDay; };
  if (first != days.begin()) out.from = moment(*(first - 1));
  if (first != days.end()) out.until = moment(*first);
  if (days.end() - first < kDriftMinDays) return out;
  std::vector<std::int32_t> gaps;
  gaps.reserve(static_cast<std::size_t>(days.end() - first));
  for (auto it = first + 1; it != days.end(); ++it) gaps.push_back(*it - *(it - 1));
  const std::size_t n = gaps.size();
  const auto middle = gaps.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(gaps.begin(), middle, gaps.end());
  const double upper = *middle;
  // Even count: the largest of the lower half is the other middle one.
  out.days = n % 2 ? upper : (*std::max_element(gaps.begin(), middle) + upper) / 2.0;
  return out;
}

KeepInTouchFacts keep_in_touch_facts(const PersonSummary& s, std::optional<int> cadence_days,
                                     std::optional<UnixSeconds> snoozed_until, UnixSeconds as_of, bool drift) {
  KeepInTouchFacts f;
  f.cadence_days = cadence_days;
  f.first = s.first;
  f.last = s.last;
  f.last_touch = s.last_touch;
  f.last_received = s.last_received;
  if (s.next_meeting) f.next_meeting = TimelineEntry{InteractionKind::Meeting, *s.next_meeting, 1, 0};

  f.awaiting_reply = f.last_received && (!f.last_touch || f.last_received->at > f.last_touch->at);

  if (cadence_days) {
    // No touch at all: due at once.
    UnixSeconds due = f.last_touch ? f.last_touch->at + static_cast<UnixSeconds>(*cadence_days) * kSecondsPerDay : as_of;
    if (snoozed_until && *snoozed_until > due) due = *snoozed_until;
    f.due_at = due;
    f.overdue_days = whole_days(as_of - due);
    // A meeting already on the calendar before the person falls due.
    f.planned = f.next_meeting && f.next_meeting->at <= due;
  }

  if (f.last) f.days_since_last = whole_days(as_of - f.last->at);
  if (f.last && drift) {
    // The summary's own gap when as-of leaves its window's days as they were.
    const bool kept = (!s.gap_from || *s.gap_from <= as_of) && (!s.gap_until || as_of < *s.gap_until);
    f.usual_gap_days = kept ? s.usual_gap_days : usual_gap(s.days, as_of).days;
    if (f.usual_gap_days) f.drift_ratio = static_cast<double>(*f.days_since_last) / *f.usual_gap_days;
  }
  return f;
}

KeepInTouchFacts keep_in_touch_facts(const std::vector<TimelineEntry>& timeline, std::optional<int> cadence_days,
                                     std::optional<UnixSeconds> snoozed_until, UnixSeconds as_of) {
  return keep_in_touch_facts(summarize(timeline, as_of, kDefaultHalfLifeDays), cadence_days, snoozed_until, as_of);
}

bool is_due(const KeepInTouchFacts& facts, UnixSeconds as_of, int within_days) {
  return facts.due_at && !facts.planned &&
         *facts.due_at <= as_of + static_cast<UnixSeconds>(within_days) * kSecondsPerDay;
}

bool is_awaiting(const KeepInTouchFacts& facts, UnixSeconds as_of, int window_days) {
  return facts.awaiting_reply &&
         facts.last_received->at >= as_of - static_cast<UnixSeconds>(window_days) * kSecondsPerDay;
}

}  // namespace kith::engine

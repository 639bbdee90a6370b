#include "relate/KeepInTouch.h"

#include <algorithm>
#include <cmath>
#include <set>

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

UnixSeconds utc_day(UnixSeconds t) {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}

}  // namespace

KeepInTouchFacts keep_in_touch_facts(const std::vector<TimelineEntry>& timeline, std::optional<int> cadence_days,
                                     std::optional<UnixSeconds> snoozed_until, UnixSeconds as_of) {
  KeepInTouchFacts f;
  f.cadence_days = cadence_days;
  std::vector<UnixSeconds> days;  // distinct interaction days in the drift window, ascending
  const UnixSeconds window_start = as_of - static_cast<UnixSeconds>(kDriftWindowDays) * kSecondsPerDay;
  for (const TimelineEntry& e : timeline) {
    if (e.at > as_of) {
      if (e.kind == InteractionKind::Meeting && !f.next_meeting) f.next_meeting = e;
      continue;
    }
    if (!f.first) f.first = e;
    f.last = e;
    if (is_touch(e.kind)) f.last_touch = e;
    if (is_received(e.kind)) f.last_received = e;
    if (e.at > window_start) {
      const UnixSeconds day = utc_day(e.at);
      if (days.empty() || days.back() != day) days.push_back(day);
    }
  }

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

  if (f.last) {
    f.days_since_last = whole_days(as_of - f.last->at);
    if (days.size() >= static_cast<std::size_t>(kDriftMinDays)) {
      std::vector<UnixSeconds> gaps;
      for (std::size_t i = 1; i < days.size(); ++i) gaps.push_back(days[i] - days[i - 1]);
      std::sort(gaps.begin(), gaps.end());
      const std::size_t n = gaps.size();
      f.usual_gap_days = n % 2 ? static_cast<double>(gaps[n / 2]) : (gaps[n / 2 - 1] + gaps[n / 2]) / 2.0;
      f.drift_ratio = static_cast<double>(*f.days_since_last) / *f.usual_gap_days;
    }
  }
  return f;
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

// The keep-in-touch rules, on one person's timeline at a given moment
// (`--as-of`). Pure functions: the store supplies the timeline, the CLI
// prints. The README's "Keep in touch" section states the same rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

// Mail the user sent, a meeting that has taken place, a conversation
// message the user sent. Mail received alone is not a touch.
bool is_touch(InteractionKind kind);
bool is_received(InteractionKind kind);

// The person's own cadence wins; else the shortest of their tags'
// cadences; else the default. 0 ("none") anywhere is no cadence at that
// level. nullopt: no cadence applies.
std::optional<int> effective_cadence(const Person& person, const std::map<std::string, int>& tag_cadences,
                                     std::optional<int> default_days);

struct KeepInTouchFacts {
  std::optional<TimelineEntry> first;           // first interaction up to as-of
  std::optional<TimelineEntry> last;            // last interaction up to as-of
  std::optional<TimelineEntry> last_touch;
  std::optional<TimelineEntry> last_received;   // mail or message received
  std::optional<TimelineEntry> next_meeting;    // the first meeting after as-of

  std::optional<int> cadence_days;
  std::optional<UnixSeconds> due_at;   // with a cadence
  std::optional<long> overdue_days;    // whole days from due_at to as-of; negative before
  bool planned = false;                // a meeting is on the calendar before due_at: not due

  // They wrote after the user's last touch (any time; the lists apply their window).
  bool awaiting_reply = false;

  // Drift: needs at least 4 interaction days in the last 730.
  std::optional<double> usual_gap_days;
  std::optional<long> days_since_last;
  std::optional<double> drift_ratio;
};

inline constexpr int kDriftWindowDays = 730;
inline constexpr int kDriftMinDays = 4;
// `kith drift` lists whoever is at twice their usual gap or more, unless told.
inline constexpr double kDefaultMinDriftRatio = 2;

// The median gap in days between consecutive interaction days (`days`,
// ascending) within the window that ends at `as_of`, if it holds enough of
// them; and the moments between which the window holds the same days.
struct UsualGap {
  std::optional<double> days;
  std::optional<UnixSeconds> from, until;  // as PersonSummary::gap_from, gap_until
};
UsualGap usual_gap(const std::vector<std::int32_t>& days, UnixSeconds as_of);

// From a summary that covers `as_of` (PersonSummary.h); without `drift`,
// the usual gap and the drift ratio are left out.
KeepInTouchFacts keep_in_touch_facts(const PersonSummary& summary, std::optional<int> cadence_days,
                                     std::optional<UnixSeconds> snoozed_until, UnixSeconds as_of, bool drift = true);
// The same from the timeline itself, oldest first; entries after `as_of`
// are upcoming.
KeepInTouchFacts keep_in_touch_facts(const std::vector<TimelineEntry>& timeline, std::optional<int> cadence_days,
                                     std::optional<UnixSeconds> snoozed_until, UnixSeconds as_of);

// Due within the `within_days` window, or overdue; not planned.
bool is_due(const KeepInTouchFacts& facts, UnixSeconds as_of, int within_days);
// Awaiting a reply, their mail no older than `window_days`.
bool is_awaiting(const KeepInTouchFacts& facts, UnixSeconds as_of, int window_days);

}  // namespace kith::engine

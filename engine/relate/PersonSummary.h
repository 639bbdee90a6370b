// A person's timeline boiled down to what the keep-in-touch rules and the
// strength score need (store/HistoryStore.h, PersonSummary), so that the
// lists over everyone read one small row per person, not every interaction.
// The rules themselves run on the summary (KeepInTouch.h, Strength.h), and
// a query at a moment the kept summary does not cover summarizes the
// timeline at that moment: one way to the answer either way.
#pragma once

#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

// Covers the interactions at or before `reference`.
PersonSummary summarize(const std::vector<TimelineEntry>& timeline, UnixSeconds reference, double half_life_days);

// Whether `summary` answers at `as_of`: made with this half-life, and no
// interaction lies between its last one and `as_of`.
bool covers(const PersonSummary& summary, UnixSeconds as_of, double half_life_days);

// The UTC day (days since 1970) of a moment.
std::int32_t utc_day(UnixSeconds t);

}  // namespace kith::engine

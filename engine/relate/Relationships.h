// The relationship queries behind `kith due`, `drift`, `awaiting`, `show`,
// `explain` and `contacts --sort strength`: every person's keep-in-touch
// facts and strength at one moment, from the store's people and timelines.
#pragma once

#include <optional>
#include <vector>

#include "relate/KeepInTouch.h"
#include "relate/Strength.h"
#include "store/HistoryStore.h"

namespace kith::engine {

struct RelationshipSettings {
  std::optional<int> default_cadence_days;  // [cadence] default; nullopt: none
  double half_life_days = kDefaultHalfLifeDays;  // [scoring] half_life_days
};

struct PersonView {
  Person person;
  std::vector<TimelineEntry> timeline;  // oldest first
  KeepInTouchFacts facts;
  Strength strength;
};

// Every person who is not ignored and has an interaction or a cadence;
// with `only`, that person alone (ignored or not).
Result<std::vector<PersonView>> person_views(HistoryStore& store, const RelationshipSettings& settings,
                                             UnixSeconds as_of, std::optional<std::int64_t> only = std::nullopt);

// The lists, each in its documented order.
std::vector<const PersonView*> due_list(const std::vector<PersonView>& views, UnixSeconds as_of, int within_days,
                                        const std::string& tag);
std::vector<const PersonView*> drift_list(const std::vector<PersonView>& views, double min_ratio);
std::vector<const PersonView*> awaiting_list(const std::vector<PersonView>& views, UnixSeconds as_of, int window_days);

inline constexpr int kDefaultAwaitingDays = 30;

}  // namespace kith::engine

// The relationship queries behind `kith due`, `drift`, `awaiting`, `show`,
// `explain` and `contacts --sort strength`: every person's keep-in-touch
// facts and strength at one moment, from the store's people and timelines.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "relate/KeepInTouch.h"
#include "relate/Strength.h"
#include "store/HistoryStore.h"

namespace kith::engine {

struct RelationshipSettings {
  std::optional<int> default_cadence_days;  // [cadence] default; nullopt: none
  double half_life_days = kDefaultHalfLifeDays;  // [scoring] half_life_days
  bool drift = true;     // false: leave the drift facts out (due, awaiting and contacts need none)
  bool handles = false;    // true: every person's handles (people() reads them only when needed)
  // Whom a list over everyone can show at all, asked of the store first
  // (PeopleQuery), then of each summary: who received mail or a message
  // since then; who has at least this many interaction days; who has a
  // cadence; who drifts at least so much. Unset: everyone.
  std::optional<UnixSeconds> received_since;
  std::optional<std::uint32_t> min_days;
  std::optional<double> min_drift_ratio;  // with drift; the list itself still checks it
  bool with_cadence = false;
  // A team member's view (`--member`): only the interactions these accounts
  // saw count, and only people with one of them are listed. The kept
  // summaries cover every account, so each person is summarized from
  // these timelines instead. Unset: every account.
  std::optional<std::vector<std::string>> accounts;
  // With `accounts`: the member whose own decisions (tags, cadences,
  // snoozes, ignores: HistoryStore::member_decisions) replace the store's
  // in this view. "": the store's.
  std::string member;
};

struct PersonView {
  Person person;
  KeepInTouchFacts facts;
  double strength = 0;
};

// Every person who is not ignored (with `only`, that person alone, ignored
// or not) as the store reads them, each with a summary that covers
// `as_of`: the kept one where it does, else one made from the timeline.
// A list that needs no keep-in-touch facts (contacts) reads these.
Result<std::vector<PersonWithSummary>> summarized_people(HistoryStore& store, const RelationshipSettings& settings,
                                                         UnixSeconds as_of, std::optional<std::int64_t> only = std::nullopt);

// Every person who is not ignored and has an interaction or a cadence;
// with `only`, that person alone (ignored or not).
//
// The kept summaries answer for most people; first, those of people whose
// interactions changed are made again (a short write; skipped when another
// process holds the store). Anyone a kept summary does not cover at `as_of`
// (an earlier moment, a meeting that has taken place since) is summarized
// from their timeline, in memory.
Result<std::vector<PersonView>> person_views(HistoryStore& store, const RelationshipSettings& settings,
                                             UnixSeconds as_of, std::optional<std::int64_t> only = std::nullopt);

// The same, from people summarized_people read with the same settings
// and moment (taken): a caller that also needs everyone, milestones for
// one, reads them once.
Result<std::vector<PersonView>> person_views_of(HistoryStore& store, std::vector<PersonWithSummary> people,
                                                const RelationshipSettings& settings, UnixSeconds as_of,
                                                std::optional<std::int64_t> only = std::nullopt);

// Makes the summaries of people whose interactions changed, at the clock's
// moment. Returns how many.
Result<std::size_t> refresh_summaries(HistoryStore& store, const RelationshipSettings& settings);

// The lists, each in its documented order.
std::vector<const PersonView*> due_list(const std::vector<PersonView>& views, UnixSeconds as_of, int within_days,
                                        const std::string& tag);
std::vector<const PersonView*> drift_list(const std::vector<PersonView>& views, double min_ratio);
std::vector<const PersonView*> awaiting_list(const std::vector<PersonView>& views, UnixSeconds as_of, int window_days);

inline constexpr int kDefaultAwaitingDays = 30;

}  // namespace kith::engine

// `kith milestones`: birthdays and anniversaries from cards, job changes a
// later sync or export showed, LinkedIn connection anniversaries in round
// years, and the first interaction with someone ("met"), within a window
// around one moment.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

struct Milestone {
  std::int64_t person = 0;
  std::string name;
  std::string kind;  // "birthday", "anniversary", "job_change", "connected", "met"
  std::int32_t day = 0;  // the UTC day it falls on (days since 1970)
  std::optional<int> years;  // how old, how many years; nullopt when the year is unknown
  std::string detail;
};

struct MilestoneWindow {
  UnixSeconds as_of = 0;
  int past_days = 30;    // from as_of's day back this many days
  int within_days = 30;  // to as_of's day ahead this many days
};

// What one person brings to the milestones.
struct MilestoneSubject {
  const Person* person = nullptr;
  const CardSummary* card = nullptr;                   // may be null
  std::optional<UnixSeconds> first_interaction;        // past interactions only
  std::vector<const PositionRecord*> positions;        // oldest first
};

// Whether a connection or first-meeting anniversary of `years` is worth
// saying: the first, then every fifth.
bool is_round_years(int years);

// Every milestone of these people in the window, by day, then kind, then
// person id.
std::vector<Milestone> milestones(const std::vector<MilestoneSubject>& subjects, const MilestoneWindow& window);

// The milestones of everyone who is not ignored (with `only`, of that
// person alone), from the store.
Result<std::vector<Milestone>> milestones_of(HistoryStore& store, double half_life_days, const MilestoneWindow& window,
                                             std::optional<std::int64_t> only = std::nullopt);
// The same from people summarized_people read at window.as_of (`kith week`
// reads them once for its lists); `only` as there.
Result<std::vector<Milestone>> milestones_of_people(HistoryStore& store, const std::vector<PersonWithSummary>& people,
                                                    const MilestoneWindow& window,
                                                    std::optional<std::int64_t> only = std::nullopt);

// "1984-04-12" or "--04-12" (year 0 = unknown); nullopt for anything else
// or a day that does not exist.
struct CardDate {
  int year = 0, month = 0, day = 0;
};
std::optional<CardDate> parse_card_date(const std::string& text);

// The day `date` falls on in `year`; 29 February falls on 28 February in
// other years.
std::int32_t day_in_year(const CardDate& date, int year);

// "Staff Engineer at Initech", "Initech", "Staff Engineer".
std::string position_text(const std::string& organization, const std::string& title);

}  // namespace kith::engine

// The five lists `kith week` gathers (due, awaiting, drift, follow-ups,
// milestones), each worked out and written by the code of its own command:
// `kith week --json` prints the rows `kith due --json` and the others
// print, and the dashboard's This week page is one `kith week`. Each
// command loads only the people its list can show; `kith week` loads
// everyone once and gives the same views to all five (the lists check
// every condition themselves, the narrowing is only a pre-filter).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/JsonWriter.h"
#include "config/Config.h"
#include "relate/EventQueries.h"
#include "relate/Milestones.h"
#include "relate/Relationships.h"

namespace kith::engine {

// A list's rows written or tabled: the first `limit`.
inline constexpr std::size_t kEveryRow = std::numeric_limits<std::size_t>::max();

// `kith due` and `kith followups` list the follow-ups of events that ended
// this long ago.
inline constexpr int kRecentEventDays = 30;

// The events that ended within `days` before `now`, with everyone they may
// list; a member's (`member` not ""): their calendars and accounts.
Result<EventsContext> recent_events(HistoryStore& store, const Config& config, const std::string& member, UnixSeconds now,
                                    int days);

// `kith due`: people with a cadence who are due (views), then people met
// at a recent event and not touched since (events).
struct DueAnswer {
  // Moved, never copied: the pointers below point into its own vectors.
  DueAnswer() = default;
  DueAnswer(DueAnswer&&) = default;
  DueAnswer& operator=(DueAnswer&&) = default;
  DueAnswer(const DueAnswer&) = delete;
  DueAnswer& operator=(const DueAnswer&) = delete;

  std::vector<const PersonView*> list;          // into the caller's views
  std::unordered_map<std::int64_t, Milestone> soon;  // each listed person's first milestone this week
  EventsContext events;
  std::vector<FollowUp> follow;                           // into events
  std::unordered_map<std::int64_t, const FollowUp*> follow_up_of;  // person -> their follow-up
  std::vector<const FollowUp*> follow_up_only;            // those not in `list`
  std::size_t size() const { return list.size() + follow_up_only.size(); }
};
Result<DueAnswer> due_answer(HistoryStore& store, const std::vector<PersonView>& views, EventsContext events,
                             UnixSeconds now, int within_days, const std::string& tag);
void write_due_json(JsonWriter& out, const DueAnswer& due, UnixSeconds now, std::size_t limit = kEveryRow);
std::vector<std::vector<std::string>> due_table(const DueAnswer& due, UnixSeconds now, std::size_t limit = kEveryRow);

// `kith awaiting`, with the subjects of the rows shown (the first `limit`).
struct AwaitingAnswer {
  std::vector<const PersonView*> list;
  std::unordered_map<std::int64_t, std::string> subjects;  // interaction id -> subject
};
Result<AwaitingAnswer> awaiting_answer(HistoryStore& store, const std::vector<PersonView>& views, UnixSeconds now,
                                       int days, std::size_t limit = kEveryRow);
void write_awaiting_json(JsonWriter& out, const AwaitingAnswer& awaiting, std::size_t limit = kEveryRow);
std::vector<std::vector<std::string>> awaiting_table(const AwaitingAnswer& awaiting, UnixSeconds now,
                                                     std::size_t limit = kEveryRow);

// `kith drift`: drift_list's people.
void write_drift_json(JsonWriter& out, const std::vector<const PersonView*>& list, std::size_t limit = kEveryRow);
std::vector<std::vector<std::string>> drift_table(const std::vector<const PersonView*>& list,
                                                  std::size_t limit = kEveryRow);

// `kith followups`: follow_ups() of the events.
void write_followups_json(JsonWriter& out, const std::vector<FollowUp>& list, const EventsContext& events,
                          std::size_t limit = kEveryRow);
std::vector<std::vector<std::string>> followups_table(const std::vector<FollowUp>& list, const EventsContext& events,
                                                      UnixSeconds now, std::size_t limit = kEveryRow);

// `kith milestones`.
void write_milestones_json(JsonWriter& out, const std::vector<Milestone>& list, std::size_t limit = kEveryRow);
std::vector<std::vector<std::string>> milestones_table(const std::vector<Milestone>& list, UnixSeconds now,
                                                       std::size_t limit = kEveryRow);

}  // namespace kith::engine

// Reads what the event rules (relate/Events.h) work on from the store, at
// one moment: `kith events`, `event`, `followups`, `coffees`, `show`, `due`
// and `remind` all start here.
#pragma once

#include <unordered_map>
#include <vector>

#include "relate/Events.h"
#include "relate/Relationships.h"

namespace kith::engine {

struct EventsContext {
  std::vector<Event> events;  // by start
  // Everyone who is not ignored, with their first interaction and last touch at as-of.
  std::unordered_map<std::int64_t, MetFacts> facts;
  std::unordered_map<std::int64_t, Person> people;  // the same people, for their names
  std::unordered_map<std::int64_t, UnixSeconds> snoozed;  // person -> snoozed until
  MetDecisions decisions;
  EventRules rules;
};

// Events overlapping [from, to], with everyone they may list. With
// settings.accounts (a member's view): only the events of those accounts'
// calendars, and everyone's facts from what those accounts saw.
Result<EventsContext> load_events(HistoryStore& store, const RelationshipSettings& settings, const EventRules& rules,
                                  UnixSeconds as_of, UnixSeconds from, UnixSeconds to);

// The event whose id (event_id) or title (without case) is `text`. An error
// names what matched nothing, or lists the ids when a title is ambiguous.
Result<const Event*> find_event(const std::vector<Event>& events, const std::string& text);

}  // namespace kith::engine

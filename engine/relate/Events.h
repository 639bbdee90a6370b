// Events and who was met there, follow-ups, and virtual coffees (README
// "Events, follow-ups and coffees"). Pure functions over what the store
// reads: the calendar's occurrences, the declared events, the user's
// decisions and each person's first interaction and last touch.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

// [events], as the rules read it.
struct EventRules {
  std::uint32_t min_attendees = 6;
  int met_window_days = 14;
  std::vector<std::string> calendars;
  std::uint32_t coffee_max_participants = 3;  // the user included
};

struct Event {
  // Stable across syncs: "cal:<uid>|<recurrence id>" or "declared:<id>"
  // (what the user's decisions are kept under).
  std::string key;
  // What the user types: "c" and ten hex digits of the key's hash, or "d<id>".
  std::string id;
  std::string title;
  UnixSeconds start = 0, end = 0;
  bool declared = false;  // source "declared", else "calendar"
  std::string tag;        // a declared event's --tag
  std::vector<std::int64_t> participants;  // the people the calendar lists, ascending
};

// "c" + ten hex digits of a 64-bit FNV-1a hash of `key`, or "d<id>".
std::string event_id(const std::string& key);

// Whether an occurrence is an event: at least min_attendees other people;
// all day or lasting a day or more, with a location; or in an events
// calendar (its display name, its path, or the path's last segment,
// without case).
bool is_event(const OccurrenceRow& occurrence, const EventRules& rules);

// Every event among these occurrences, and the declared ones, by start,
// then title, then id.
std::vector<Event> find_events(const std::vector<OccurrenceRow>& occurrences,
                               const std::vector<DeclaredEvent>& declared, const EventRules& rules);

// What the rules need to know of one person.
struct MetFacts {
  std::optional<UnixSeconds> first;       // first interaction up to as-of
  std::optional<UnixSeconds> last_touch;  // last touch up to as-of (KeepInTouch.h is_touch)
  std::optional<InteractionKind> last_touch_kind;  // what that touch was
};

enum class Met { Confirmed, Likely };
const char* to_string(Met met);

struct MetPerson {
  std::int64_t person = 0;
  Met met = Met::Confirmed;
  bool is_new = false;       // no interaction before the event's start
  bool followed_up = false;  // a touch after the event's end
};

// key: (event key, person); value: confirmed (true) or rejected.
using MetDecisions = std::map<std::pair<std::string, std::int64_t>, bool>;
MetDecisions met_decisions_by_key(const std::vector<MetDecision>& decisions);

// Who was met at `event`: the participants the calendar lists and those the
// user confirmed (confirmed); everyone else whose first interaction falls
// between the event's start and met_window_days after its end (likely);
// never those the user rejected. `people` holds everyone who may be listed
// (not ignored); participants missing from it count as new and not
// followed up. By person id.
std::vector<MetPerson> people_met(const Event& event, const std::unordered_map<std::int64_t, MetFacts>& people,
                                  const MetDecisions& decisions, const EventRules& rules);

struct EventCounts {
  std::size_t people = 0, new_people = 0, followed_up = 0, not_followed_up = 0;
};
EventCounts count_met(const std::vector<MetPerson>& met);

// Someone met at an event who has had no touch since it ended.
struct FollowUp {
  std::int64_t person = 0;
  const Event* event = nullptr;
  Met met = Met::Confirmed;
};

// Everyone met at an event that ended within `days` before `as_of` (and
// not after it) who has not been touched since, except those snoozed past
// `as_of`: oldest event first, then by person id. `snoozed`: person ->
// until.
std::vector<FollowUp> follow_ups(const std::vector<Event>& events, const std::unordered_map<std::int64_t, MetFacts>& people,
                                 const MetDecisions& decisions, const EventRules& rules, UnixSeconds as_of, int days,
                                 const std::unordered_map<std::int64_t, UnixSeconds>& snoozed);

// A virtual coffee: a video call with one to coffee_max_participants - 1
// other people, that has taken place by `as_of`.
bool is_coffee(const OccurrenceRow& occurrence, const EventRules& rules, UnixSeconds as_of);

// Per person: how many coffees and the last one's start.
struct CoffeeFacts {
  std::size_t count = 0;
  UnixSeconds last = 0;
};
std::unordered_map<std::int64_t, CoffeeFacts> coffees_by_person(const std::vector<OccurrenceRow>& occurrences,
                                                               const EventRules& rules, UnixSeconds as_of);

}  // namespace kith::engine

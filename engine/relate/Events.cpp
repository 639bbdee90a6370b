#include "relate/Events.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "util/StableHash.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

constexpr std::string_view kDeclaredPrefix = "declared:";

std::string last_segment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool in_events_calendar(const OccurrenceRow& o, const EventRules& rules) {
  for (const std::string& name : rules.calendars) {
    const std::string wanted = ascii_lower(name);
    if (wanted.empty()) continue;
    if ((!o.calendar_name.empty() && ascii_lower(o.calendar_name) == wanted) || ascii_lower(o.collection) == wanted ||
        ascii_lower(last_segment(o.collection)) == wanted)
      return true;
  }
  return false;
}

}  // namespace

std::string event_id(const std::string& key) {
  if (key.rfind(kDeclaredPrefix, 0) == 0) {
    std::string id = "d";  // not `"d" + std::string&&`: GCC 12 -O3 -Wrestrict (false)
    id += key.substr(kDeclaredPrefix.size());
    return id;
  }
  char text[24];
  std::snprintf(text, sizeof text, "c%010llx", static_cast<unsigned long long>(stable_hash(key) & 0xFFFFFFFFFFULL));
  return text;
}

bool is_event(const OccurrenceRow& o, const EventRules& rules) {
  if (o.others >= rules.min_attendees) return true;
  if (o.has_location && (o.all_day || o.end - o.start >= kSecondsPerDay)) return true;
  return in_events_calendar(o, rules);
}

std::vector<Event> find_events(const std::vector<OccurrenceRow>& occurrences, const std::vector<DeclaredEvent>& declared,
                               const EventRules& rules) {
  std::vector<Event> out;
  for (const OccurrenceRow& o : occurrences) {
    if (!is_event(o, rules)) continue;
    Event e;
    e.key = "cal:" + o.event_uid + "|" + o.recurrence_id;
    e.id = event_id(e.key);
    e.title = o.title;
    e.start = o.start;
    e.end = std::max(o.end, o.start);
    e.participants = o.people;
    out.push_back(std::move(e));
  }
  for (const DeclaredEvent& d : declared) {
    Event e;
    e.key = std::string(kDeclaredPrefix) + std::to_string(d.id);
    e.id = event_id(e.key);
    e.title = d.title;
    e.start = d.start;
    e.end = std::max(d.end, d.start);
    e.declared = true;
    e.tag = d.tag;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    return std::tie(a.start, a.title, a.id) < std::tie(b.start, b.title, b.id);
  });
  return out;
}

const char* to_string(Met met) { return met == Met::Confirmed ? "confirmed" : "likely"; }

MetDecisions met_decisions_by_key(const std::vector<MetDecision>& decisions) {
  MetDecisions out;
  for (const MetDecision& d : decisions) out[{d.event_key, d.person}] = d.confirmed;
  return out;
}

std::vector<MetPerson> people_met(const Event& event, const std::unordered_map<std::int64_t, MetFacts>& people,
                                  const MetDecisions& decisions, const EventRules& rules) {
  std::map<std::int64_t, Met> met;
  for (const std::int64_t p : event.participants)
    if (people.count(p)) met[p] = Met::Confirmed;
  const UnixSeconds window_end = event.end + static_cast<UnixSeconds>(rules.met_window_days) * kSecondsPerDay;
  for (const auto& [id, facts] : people)
    if (facts.first && *facts.first >= event.start && *facts.first <= window_end) met.try_emplace(id, Met::Likely);
  // The user's word settles it, either way.
  for (auto it = decisions.lower_bound({event.key, INT64_MIN}); it != decisions.end() && it->first.first == event.key;
       ++it) {
    const std::int64_t person = it->first.second;
    if (!it->second)
      met.erase(person);
    else if (people.count(person))
      met[person] = Met::Confirmed;
  }
  std::vector<MetPerson> out;
  out.reserve(met.size());
  for (const auto& [person, how] : met) {
    MetPerson m{person, how, true, false};
    if (auto it = people.find(person); it != people.end()) {
      m.is_new = !it->second.first || *it->second.first >= event.start;
      m.followed_up = it->second.last_touch && *it->second.last_touch > event.end;
    }
    out.push_back(m);
  }
  return out;
}

EventCounts count_met(const std::vector<MetPerson>& met) {
  EventCounts c;
  c.people = met.size();
  for (const MetPerson& m : met) {
    c.new_people += m.is_new;
    (m.followed_up ? c.followed_up : c.not_followed_up)++;
  }
  return c;
}

std::vector<FollowUp> follow_ups(const std::vector<Event>& events, const std::unordered_map<std::int64_t, MetFacts>& people,
                                 const MetDecisions& decisions, const EventRules& rules, UnixSeconds as_of, int days,
                                 const std::unordered_map<std::int64_t, UnixSeconds>& snoozed) {
  std::vector<FollowUp> out;
  const UnixSeconds since = as_of - static_cast<UnixSeconds>(days) * kSecondsPerDay;
  std::vector<const Event*> ended;
  for (const Event& e : events)
    if (e.end <= as_of && e.end >= since) ended.push_back(&e);
  std::stable_sort(ended.begin(), ended.end(), [](const Event* a, const Event* b) {
    return std::tie(a->end, a->start) < std::tie(b->end, b->start);
  });
  for (const Event* e : ended)
    for (const MetPerson& m : people_met(*e, people, decisions, rules)) {
      if (m.followed_up) continue;
      if (auto it = snoozed.find(m.person); it != snoozed.end() && it->second > as_of) continue;
      out.push_back({m.person, e, m.met});
    }
  return out;
}

bool is_coffee(const OccurrenceRow& o, const EventRules& rules, UnixSeconds as_of) {
  return o.video && o.others >= 1 && o.others + 1 <= rules.coffee_max_participants && o.start <= as_of;
}

std::unordered_map<std::int64_t, CoffeeFacts> coffees_by_person(const std::vector<OccurrenceRow>& occurrences,
                                                               const EventRules& rules, UnixSeconds as_of) {
  std::unordered_map<std::int64_t, CoffeeFacts> out;
  for (const OccurrenceRow& o : occurrences) {
    if (!is_coffee(o, rules, as_of)) continue;
    for (const std::int64_t p : o.people) {
      CoffeeFacts& f = out[p];
      ++f.count;
      f.last = std::max(f.last, o.start);
    }
  }
  return out;
}

}  // namespace kith::engine

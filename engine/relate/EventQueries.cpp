#include "relate/EventQueries.h"

#include "util/Strings.h"

namespace kith::engine {

Result<EventsContext> load_events(HistoryStore& store, const RelationshipSettings& settings, const EventRules& rules,
                                  UnixSeconds as_of, UnixSeconds from, UnixSeconds to) {
  EventsContext out;
  out.rules = rules;
  auto occurrences = store.occurrences({from, to, std::nullopt});
  if (!occurrences) return occurrences.status();
  auto declared = store.declared_events();
  if (!declared) return declared.status();
  std::erase_if(*declared, [&](const DeclaredEvent& d) { return d.start > to || d.end < from; });
  out.events = find_events(*occurrences, *declared, rules);

  auto decisions = store.met_decisions();
  if (!decisions) return decisions.status();
  out.decisions = met_decisions_by_key(*decisions);

  RelationshipSettings s = settings;
  s.drift = false;
  auto views = person_views(store, s, as_of);
  if (!views) return views.status();
  auto people = store.people(std::nullopt, /*all_handles=*/false);
  if (!people) return people.status();
  for (Person& p : *people) {
    if (p.ignored) continue;
    if (p.snoozed_until) out.snoozed[p.id] = *p.snoozed_until;
    out.facts.emplace(p.id, MetFacts{});
    out.people.emplace(p.id, std::move(p));
  }
  for (const PersonView& v : *views) {
    auto it = out.facts.find(v.person.id);
    if (it == out.facts.end()) continue;
    if (v.facts.first) it->second.first = v.facts.first->at;
    if (v.facts.last_touch) {
      it->second.last_touch = v.facts.last_touch->at;
      it->second.last_touch_kind = v.facts.last_touch->kind;
    }
  }
  return out;
}

Result<const Event*> find_event(const std::vector<Event>& events, const std::string& text) {
  const std::string wanted = ascii_lower(trim(text));
  for (const Event& e : events)
    if (e.id == wanted) return &e;
  std::vector<const Event*> titled;
  for (const Event& e : events)
    if (!e.title.empty() && ascii_lower(e.title) == wanted) titled.push_back(&e);
  if (titled.size() == 1) return titled.front();
  if (titled.empty())
    return Status::account("no event '" + text + "': give an id or a title from `kith events` (mind --past/--upcoming)");
  std::string ids;
  for (const Event* e : titled) ids += (ids.empty() ? "" : ", ") + e->id;
  return Status::account("'" + text + "' is the title of several events: " + ids + "; give one id");
}

}  // namespace kith::engine

#include "relate/EventQueries.h"

#include "util/Strings.h"

namespace kith::engine {

Result<EventsContext> load_events(HistoryStore& store, const RelationshipSettings& settings, const EventRules& rules,
                                  UnixSeconds as_of, UnixSeconds from, UnixSeconds to) {
  EventsContext out;
  out.rules = rules;
  // A member's view: the events of their calendars.
  auto occurrences = store.occurrences({from, to, std::nullopt, settings.accounts});
  if (!occurrences) return occurrences.status();
  auto declared = store.declared_events();
  if (!declared) return declared.status();
  std::erase_if(*declared, [&](const DeclaredEvent& d) { return d.start > to || d.end < from; });
  out.events = find_events(*occurrences, *declared, rules);

  auto decisions = store.met_decisions();
  if (!decisions) return decisions.status();
  out.decisions = met_decisions_by_key(*decisions);

  // Who may have been met: only asked when there is an event at all (a
  // `kith due` over 50,000 people with no event pays nothing for this).
  if (out.events.empty()) return out;
  RelationshipSettings s = settings;
  s.drift = false;
  auto people = summarized_people(store, s, as_of);
  if (!people) return people.status();
  for (PersonWithSummary& p : *people) {
    if (p.person.ignored) continue;
    if (p.person.snoozed_until) out.snoozed[p.person.id] = *p.person.snoozed_until;
    MetFacts facts;
    if (p.kept && p.kept->first) facts.first = p.kept->first->at;
    if (p.kept && p.kept->last_touch) {
      facts.last_touch = p.kept->last_touch->at;
      facts.last_touch_kind = p.kept->last_touch->kind;
    }
    out.facts.emplace(p.person.id, facts);
    out.people.emplace(p.person.id, std::move(p.person));
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
    return Status::account("no event '" + text + "': give an id or a title from `kith events --past 10y`");
  std::string ids;
  for (const Event* e : titled) ids += (ids.empty() ? "" : ", ") + e->id;
  return Status::account("'" + text + "' is the title of several events: " + ids + "; give one id");
}

}  // namespace kith::engine

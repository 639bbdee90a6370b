#include "relate/Relationships.h"

#include <algorithm>

#include "util/Try.h"

namespace kith::engine {

Result<std::vector<PersonView>> person_views(HistoryStore& store, const RelationshipSettings& settings,
                                             UnixSeconds as_of, std::optional<std::int64_t> only) {
  KITH_TRY(people, store.people());
  KITH_TRY(tag_cadences, store.tag_cadences());
  KITH_TRY(timelines, store.timelines(only));
  std::vector<PersonView> out;
  for (Person& person : people) {
    if (only ? person.id != *only : person.ignored) continue;
    auto timeline = timelines.find(person.id);
    const auto cadence = effective_cadence(person, tag_cadences, settings.default_cadence_days);
    if (!only && timeline == timelines.end() && !cadence) continue;
    PersonView view;
    if (timeline != timelines.end()) view.timeline = std::move(timeline->second);
    view.facts = keep_in_touch_facts(view.timeline, cadence, person.snoozed_until, as_of);
    view.strength = strength_of(view.timeline, as_of, settings.half_life_days);
    view.person = std::move(person);
    out.push_back(std::move(view));
  }
  return out;
}

namespace {

bool has_tag(const Person& p, const std::string& tag) {
  return tag.empty() || std::find(p.tags.begin(), p.tags.end(), tag) != p.tags.end();
}

}  // namespace

std::vector<const PersonView*> due_list(const std::vector<PersonView>& views, UnixSeconds as_of, int within_days,
                                        const std::string& tag) {
  std::vector<const PersonView*> overdue, coming;
  for (const PersonView& v : views) {
    if (!has_tag(v.person, tag) || !is_due(v.facts, as_of, within_days)) continue;
    (*v.facts.due_at <= as_of ? overdue : coming).push_back(&v);
  }
  // Most overdue first, relative to the cadence: 10 days late on a weekly
  // cadence matters more than 10 days late on a yearly one.
  auto lateness = [&](const PersonView* v) {
    return static_cast<double>(as_of - *v->facts.due_at) / (*v->facts.cadence_days * 86400.0);
  };
  std::stable_sort(overdue.begin(), overdue.end(), [&](auto* a, auto* b) {
    if (lateness(a) != lateness(b)) return lateness(a) > lateness(b);
    return a->person.id < b->person.id;
  });
  std::stable_sort(coming.begin(), coming.end(), [](auto* a, auto* b) {
    if (*a->facts.due_at != *b->facts.due_at) return *a->facts.due_at < *b->facts.due_at;
    return a->person.id < b->person.id;
  });
  overdue.insert(overdue.end(), coming.begin(), coming.end());
  return overdue;
}

std::vector<const PersonView*> drift_list(const std::vector<PersonView>& views, double min_ratio) {
  std::vector<const PersonView*> out;
  for (const PersonView& v : views)
    if (v.facts.drift_ratio && *v.facts.drift_ratio >= min_ratio) out.push_back(&v);
  auto rank = [](const PersonView* v) { return v->strength.score * *v->facts.drift_ratio; };
  std::stable_sort(out.begin(), out.end(), [&](auto* a, auto* b) {
    if (rank(a) != rank(b)) return rank(a) > rank(b);
    return a->person.id < b->person.id;
  });
  return out;
}

std::vector<const PersonView*> awaiting_list(const std::vector<PersonView>& views, UnixSeconds as_of, int window_days) {
  std::vector<const PersonView*> out;
  for (const PersonView& v : views)
    if (is_awaiting(v.facts, as_of, window_days)) out.push_back(&v);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) {
    if (a->facts.last_received->at != b->facts.last_received->at)
      return a->facts.last_received->at < b->facts.last_received->at;
    return a->person.id < b->person.id;
  });
  return out;
}

}  // namespace kith::engine

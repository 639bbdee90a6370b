#include "relate/Relationships.h"

#include <algorithm>

#include "relate/PersonSummary.h"
#include "store/IgnoreSet.h"
#include "util/HugePages.h"
#include "util/Time.h"
#include "util/Try.h"

namespace kith::engine {

Result<std::size_t> refresh_summaries(HistoryStore& store, const RelationshipSettings& settings) {
  const UnixSeconds now = now_utc();
  const double half_life = settings.half_life_days;
  return store.refresh_summaries(
      [&](const std::vector<TimelineEntry>& timeline) { return summarize(timeline, now, half_life); }, half_life, now);
}

namespace {

// A member's view of a person: the member's own tags, cadence and snooze
// instead of the store's, and ignored when the store or the member ignores
// every handle of theirs.
void apply_member_decisions(Person& person, const MemberDecisions& own, const IgnoreSet& ignores) {
  const auto it = own.people.find(person.id);
  person.tags = it == own.people.end() ? std::vector<std::string>{} : it->second.tags;
  person.cadence_days = it == own.people.end() ? std::nullopt : it->second.cadence_days;
  person.snoozed_until = it == own.people.end() ? std::nullopt : it->second.snoozed_until;
  if (person.ignored || ignores.empty() || person.handles.empty()) return;
  person.ignored = std::all_of(person.handles.begin(), person.handles.end(), [&](const auto& handle) {
    // Only an address can be in an @domain; any kind matches itself.
    return ignores.covers(handle.first == "email" ? HandleKind::Email : HandleKind::Uri, handle.second);
  });
}

}  // namespace

Result<std::vector<PersonWithSummary>> summarized_people(HistoryStore& store, const RelationshipSettings& settings,
                                                         UnixSeconds as_of, std::optional<std::int64_t> only) {
  if (settings.accounts) {
    MemberDecisions own;
    if (!settings.member.empty()) {
      KITH_TRY(decided, store.member_decisions(settings.member));
      own = std::move(decided);
    }
    IgnoreSet member_ignores;
    for (const auto& entry : own.ignores) member_ignores.add(entry);
    // Whether the member ignores someone depends on every handle of theirs.
    KITH_TRY(everyone, store.people(only, settings.handles || !member_ignores.empty()));
    KITH_TRY(timelines, store.timelines_seen_by(*settings.accounts));
    std::vector<PersonWithSummary> people;
    for (Person& person : everyone) {
      if (!settings.member.empty()) apply_member_decisions(person, own, member_ignores);
      if (!only && person.ignored) continue;
      auto it = timelines.find(person.id);
      if (!only && it == timelines.end()) continue;  // nothing this member saw
      static const std::vector<TimelineEntry> kNone;
      PersonWithSummary& p = people.emplace_back();
      p.kept = summarize(it == timelines.end() ? kNone : it->second, as_of, settings.half_life_days);
      p.person = std::move(person);
    }
    return people;
  }
  if (auto refreshed = refresh_summaries(store, settings); !refreshed && refreshed.status().kind() != ErrorKind::Transient)
    return refreshed.status();
  PeopleQuery query;
  query.person = only;
  query.all_handles = settings.handles;
  query.days = settings.drift;
  query.as_of = as_of;
  query.half_life_days = settings.half_life_days;
  if (!only) {
    query.received_since = settings.received_since;
    query.min_days = settings.min_days;
    query.min_drift_ratio = settings.min_drift_ratio;
    // With a default cadence, everyone has one.
    query.with_cadence = settings.with_cadence && !settings.default_cadence_days;
  }
  KITH_TRY(people, store.people_with_summaries(query));
  std::erase_if(people, [&](const PersonWithSummary& p) { return !only && p.person.ignored; });

  // Whoever has no kept summary that covers as-of is summarized from their
  // timeline.
  std::vector<std::int64_t> uncovered;
  for (auto& p : people) {
    if (p.kept && !covers(*p.kept, as_of, settings.half_life_days)) p.kept.reset();
    if (!p.kept) uncovered.push_back(p.person.id);
  }
  KITH_TRY(timelines, store.timelines_of(uncovered));
  for (auto& p : people) {
    if (p.kept) continue;
    static const std::vector<TimelineEntry> kNone;
    auto it = timelines.find(p.person.id);
    p.kept = summarize(it == timelines.end() ? kNone : it->second, as_of, settings.half_life_days);
  }
  return std::move(people);  // KITH_TRY names a reference: no copy
}

Result<std::vector<PersonView>> person_views(HistoryStore& store, const RelationshipSettings& settings,
                                             UnixSeconds as_of, std::optional<std::int64_t> only) {
  KITH_TRY(people, summarized_people(store, settings, as_of, only));
  return person_views_of(store, std::move(people), settings, as_of, only);
}

Result<std::vector<PersonView>> person_views_of(HistoryStore& store, std::vector<PersonWithSummary> people,
                                                const RelationshipSettings& settings, UnixSeconds as_of,
                                                std::optional<std::int64_t> only) {
  std::map<std::string, int> tag_cadences;
  if (settings.accounts && !settings.member.empty()) {
    KITH_TRY(own, store.member_decisions(settings.member));
    tag_cadences = std::move(own.tag_cadences);
  } else {
    KITH_TRY(store_cadences, store.tag_cadences());
    tag_cadences = std::move(store_cadences);
  }
  auto candidate = [&](const PersonSummary& s, const std::optional<int>& cadence) {
    if (settings.received_since && !(s.last_received && s.last_received->at >= *settings.received_since)) return false;
    if (settings.min_days && s.day_count < *settings.min_days) return false;
    return !settings.with_cadence || cadence.has_value();
  };

  std::vector<PersonView> out;
  out.reserve(people.size());
  // A list of everyone fills most of it (432 bytes a person): in huge
  // pages where the system has them, not one page fault per 4 KiB.
  if (!only) advise_huge_pages(out.data(), out.capacity() * sizeof(PersonView));
  for (auto& [person, kept] : people) {
    const PersonSummary& summary = *kept;
    const auto cadence = effective_cadence(person, tag_cadences, settings.default_cadence_days);
    if (!only && !summary.last && !summary.next_after && !cadence) continue;
    if (!only && !candidate(summary, cadence)) continue;
    PersonView& view = out.emplace_back();
    view.facts = keep_in_touch_facts(summary, cadence, person.snoozed_until, as_of, settings.drift);
    view.strength = strength_score(summary, as_of);
    view.person = std::move(person);
  }
  return out;
}

namespace {

bool has_tag(const Person& p, const std::string& tag) {
  return tag.empty() || std::find(p.tags.begin(), p.tags.end(), tag) != p.tags.end();
}

// By `key`, then by id; each key worked out once, not at every comparison.
template <typename Key>
void order(std::vector<const PersonView*>& list, Key key, bool descending) {
  std::vector<std::pair<double, const PersonView*>> keyed;
  keyed.reserve(list.size());
  for (const PersonView* v : list) keyed.emplace_back(key(v), v);
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return descending ? a.first > b.first : a.first < b.first;
    return a.second->person.id < b.second->person.id;
  });
  for (std::size_t i = 0; i < keyed.size(); ++i) list[i] = keyed[i].second;
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
  order(overdue, [&](const PersonView* v) {
    return static_cast<double>(as_of - *v->facts.due_at) / (*v->facts.cadence_days * 86400.0);
  }, /*descending=*/true);
  order(coming, [](const PersonView* v) { return static_cast<double>(*v->facts.due_at); }, false);
  overdue.insert(overdue.end(), coming.begin(), coming.end());
  return overdue;
}

std::vector<const PersonView*> drift_list(const std::vector<PersonView>& views, double min_ratio) {
  std::vector<const PersonView*> out;
  for (const PersonView& v : views)
    if (v.facts.drift_ratio && *v.facts.drift_ratio >= min_ratio) out.push_back(&v);
  order(out, [](const PersonView* v) { return v->strength * *v->facts.drift_ratio; }, /*descending=*/true);
  return out;
}

std::vector<const PersonView*> awaiting_list(const std::vector<PersonView>& views, UnixSeconds as_of, int window_days) {
  std::vector<const PersonView*> out;
  for (const PersonView& v : views)
    if (is_awaiting(v.facts, as_of, window_days)) out.push_back(&v);
  order(out, [](const PersonView* v) { return static_cast<double>(v->facts.last_received->at); }, false);
  return out;
}

}  // namespace kith::engine

// `kith due`, `awaiting`, `drift`, `explain` and `show`: the relationship
// queries (relate/), printed as tables or as the JSON the README documents.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cli/Commands.h"
#include "daemon/RuleSettings.h"
#include "cli/JsonWriter.h"
#include "cli/Members.h"
#include "cli/Output.h"
#include "cli/WeekLists.h"
#include "relate/EventQueries.h"
#include "relate/Milestones.h"
#include "relate/Reminders.h"
#include "relate/Organizations.h"
#include "relate/PersonLookup.h"
#include "relate/Relationships.h"
#include "util/Duration.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

struct Views {
  HistoryStore* store = nullptr;
  const Config* config = nullptr;
  std::vector<PersonView> views;
};

// `narrow`: whom the list can show (RelationshipSettings); `member`: only
// what that team member's accounts saw ("" for every account).
Result<Views> load_views(Session& session, bool drift, const std::function<void(RelationshipSettings&)>& narrow,
                         const std::string& member = {}) {
  auto config = session.config();
  if (!config) return config.status();
  auto accounts = member_accounts(**config, member);
  if (!accounts) return accounts.status();
  auto store = session.store();
  if (!store) return store.status();
  RelationshipSettings settings = relationship_settings(**config, drift);
  narrow(settings);
  settings.accounts = std::move(*accounts);
  settings.member = member;
  auto views = person_views(**store, settings, session.now());
  if (!views) return views.status();
  return Views{*store, *config, std::move(*views)};
}

// Two decimals, as a JSON number: ratios and gaps are read by people.
double rounded(double x) { return std::round(x * 100) / 100; }

// printf's %.Nf and %.Ng, without printf: lists print these on every row.
std::string fixed(double x, int decimals = 1) {
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::fixed, decimals).ptr;
  return std::string(text, end);
}

std::string significant(double x, int digits) {
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::general, digits).ptr;
  return std::string(text, end);
}

std::string days_text(long days) {
  std::string out = std::to_string(days);
  out += days == 1 || days == -1 ? " day" : " days";
  return out;
}

nlohmann::json name_json(const Person& p) { return p.name.empty() ? nlohmann::json() : nlohmann::json(p.name); }

void write_touch(JsonWriter& out, const std::optional<TimelineEntry>& e) {
  if (!e) {
    out.null();
    return;
  }
  out.begin_object().key("at").time(e->at).key("kind").value(to_string(e->kind)).end_object();
}

std::optional<UnixSeconds> at_of(const std::optional<TimelineEntry>& e) {
  return e ? std::optional<UnixSeconds>(e->at) : std::nullopt;
}

// The subjects and titles of these interactions, read at once: a list of
// thousands must not ask the store thousands of times.
using Titles = std::unordered_map<std::int64_t, std::string>;

Result<Titles> titles_of(HistoryStore& store, const std::vector<const std::optional<TimelineEntry>*>& entries) {
  std::vector<std::int64_t> ids;
  ids.reserve(entries.size());
  for (const auto* e : entries)
    if (*e) ids.push_back((*e)->interaction_id);
  return store.interaction_titles(ids);
}

std::string title_in(const Titles& titles, const std::optional<TimelineEntry>& e) {
  if (!e) return {};
  auto it = titles.find(e->interaction_id);
  return it == titles.end() ? std::string() : it->second;
}

// The one-line status of someone in `kith due`.
std::string due_status(const KeepInTouchFacts& f, bool awaiting) {
  std::string out = *f.overdue_days >= 0 ? "overdue " + days_text(*f.overdue_days) : "due in " + days_text(-*f.overdue_days);
  if (f.next_meeting) out += ", meeting " + format_date(f.next_meeting->at);
  if (awaiting) out += ", awaiting your reply";
  return out;
}

// Each listed person's first milestone within the next week (today
// included): a good moment to reach out.
constexpr int kMilestoneSoonDays = 7;

Result<std::unordered_map<std::int64_t, Milestone>> milestones_soon(HistoryStore& store,
                                                                   const std::vector<const PersonView*>& list,
                                                                   UnixSeconds now) {
  std::unordered_map<std::int64_t, Milestone> out;
  if (list.empty()) return out;
  auto cards = store.cards();
  if (!cards) return cards.status();
  auto positions = store.positions();
  if (!positions) return positions.status();
  std::unordered_map<std::int64_t, std::vector<const PositionRecord*>> by_person;
  for (const PositionRecord& p : *positions) by_person[p.person].push_back(&p);
  std::vector<MilestoneSubject> subjects;
  for (const PersonView* v : list) {
    MilestoneSubject s;
    s.person = &v->person;
    if (auto it = cards->find(v->person.id); it != cards->end()) s.card = &it->second;
    s.first_interaction = at_of(v->facts.first);
    if (auto it = by_person.find(v->person.id); it != by_person.end()) s.positions = it->second;
    subjects.push_back(std::move(s));
  }
  for (Milestone& m : milestones(subjects, {now, 0, kMilestoneSoonDays})) out.emplace(m.person, std::move(m));
  return out;
}

std::string milestone_note(const std::unordered_map<std::int64_t, Milestone>& soon, std::int64_t person, UnixSeconds now) {
  auto it = soon.find(person);
  if (it == soon.end()) return {};
  const std::int64_t days = it->second.day - now / kSecondsPerDay;
  const std::string& kind = it->second.kind;
  const std::string label = kind == "job_change" ? "new job" : kind == "connected" ? "connection anniversary"
                            : kind == "met"       ? "met anniversary"
                                                  : kind;
  std::string note = ", " + label + (days == 0 ? " today" : days == 1 ? " tomorrow" : " in " + std::to_string(days) + " days");
  if (it->second.detail != label) note.append(" (").append(it->second.detail).append(")");  // "turns 42", "now CTO at ..."
  return note;
}

std::string follow_up_reason(const FollowUp& f) {
  return "follow up after " + (f.event->title.empty() ? std::string("the event of ") + format_date(f.event->start)
                                                       : f.event->title);
}

void write_follow_up(JsonWriter& out, const DueAnswer& due, std::int64_t person) {
  out.key("followup");
  auto it = due.follow_up_of.find(person);
  if (it == due.follow_up_of.end()) {
    out.null();
    return;
  }
  const Event& e = *it->second->event;
  out.begin_object();
  out.key("event").begin_object().key("end").time(e.end).key("id").value(e.id).key("title").text_or_null(e.title).end_object();
  out.key("met").value(to_string(it->second->met));
  out.end_object();
}

}  // namespace

Result<EventsContext> recent_events(HistoryStore& store, const Config& config, const std::string& member, UnixSeconds now,
                                    int days) {
  auto accounts = member_accounts(config, member);
  if (!accounts) return accounts.status();
  RelationshipSettings settings = relationship_settings(config);
  settings.accounts = std::move(*accounts);
  settings.member = member;
  return load_events(store, settings, event_rules(config), now, now - static_cast<UnixSeconds>(days) * kSecondsPerDay,
                     now);
}

Result<DueAnswer> due_answer(HistoryStore& store, const std::vector<PersonView>& views, EventsContext events,
                             UnixSeconds now, int within_days, const std::string& tag) {
  DueAnswer due;
  due.list = due_list(views, now, within_days, tag);
  auto soon = milestones_soon(store, due.list, now);
  if (!soon) return soon.status();
  due.soon = std::move(*soon);
  // People met at a recent event and not touched since are due too, with
  // or without a cadence: the oldest event first, after the cadence list.
  due.events = std::move(events);
  std::set<std::int64_t> listed;
  for (const PersonView* v : due.list) listed.insert(v->person.id);
  const EventsContext& c = due.events;
  due.follow = follow_ups(c.events, c.facts, c.decisions, c.rules, now, kRecentEventDays, c.snoozed);
  for (const FollowUp& f : due.follow) {
    if (!tag.empty()) {
      const auto& tags = c.people.at(f.person).tags;
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) continue;
    }
    if (!due.follow_up_of.emplace(f.person, &f).second) continue;
    if (!listed.count(f.person)) due.follow_up_only.push_back(&f);
  }
  return due;
}

void write_due_json(JsonWriter& out, const DueAnswer& due, UnixSeconds now, std::size_t limit) {
  out.begin_array();
  std::size_t written = 0;
  for (const PersonView* v : due.list) {
    if (written++ == limit) break;
    const auto& f = v->facts;
    out.begin_object();
    out.key("awaiting_reply").value(is_awaiting(f, now, kDefaultAwaitingDays));
    out.key("cadence_days").value(*f.cadence_days);
    out.key("due_at").time(f.due_at);
    write_follow_up(out, due, v->person.id);
    out.key("id").value(v->person.id);
    out.key("last_touch");
    write_touch(out, f.last_touch);
    out.key("milestone");
    if (auto m = due.soon.find(v->person.id); m != due.soon.end())
      out.begin_object().key("date").value(format_date(static_cast<UnixSeconds>(m->second.day) * kSecondsPerDay))
          .key("detail").value(m->second.detail).key("kind").value(m->second.kind).end_object();
    else
      out.null();
    out.key("name").text_or_null(v->person.name);
    out.key("overdue_days").value(*f.overdue_days);
    out.key("planned_meeting").time(at_of(f.next_meeting));
    std::string reason = "cadence";
    if (auto it = due.follow_up_of.find(v->person.id); it != due.follow_up_of.end())
      reason += "; " + follow_up_reason(*it->second);
    out.key("reason").value(reason);
    out.end_object();
  }
  for (const FollowUp* fu : due.follow_up_only) {
    if (written++ >= limit) break;
    const Person& p = due.events.people.at(fu->person);
    out.begin_object();
    out.key("awaiting_reply").value(false);
    out.key("cadence_days").null();
    out.key("due_at").time(fu->event->end + kFollowUpDueDays * kSecondsPerDay);
    write_follow_up(out, due, fu->person);
    out.key("id").value(fu->person);
    out.key("last_touch");
    auto facts = due.events.facts.find(fu->person);
    if (facts != due.events.facts.end() && facts->second.last_touch) {
      out.begin_object().key("at").time(*facts->second.last_touch).key("kind");
      if (facts->second.last_touch_kind)
        out.value(to_string(*facts->second.last_touch_kind));
      else
        out.null();
      out.end_object();
    } else {
      out.null();
    }
    out.key("milestone").null();
    out.key("name").text_or_null(p.name);
    out.key("overdue_days").null();
    out.key("planned_meeting").null();
    out.key("reason").value(follow_up_reason(*fu));
    out.end_object();
  }
  out.end_array();
}

std::vector<std::vector<std::string>> due_table(const DueAnswer& due, UnixSeconds now, std::size_t limit) {
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "CADENCE", "LAST TOUCH", "DUE", "STATUS"}};
  for (const PersonView* v : due.list) {
    if (rows.size() > limit) return rows;
    const auto& f = v->facts;
    std::string status = due_status(f, is_awaiting(f, now, kDefaultAwaitingDays)) + milestone_note(due.soon, v->person.id, now);
    if (auto it = due.follow_up_of.find(v->person.id); it != due.follow_up_of.end())
      status += ", " + follow_up_reason(*it->second);
    rows.push_back({std::to_string(v->person.id), person_name(v->person), days_text(*f.cadence_days),
                    f.last_touch ? relative_time(f.last_touch->at, now) + " (" + to_string(f.last_touch->kind) + ")" : "never",
                    format_date(*f.due_at), status});
  }
  for (const FollowUp* fu : due.follow_up_only) {
    if (rows.size() > limit) return rows;
    auto facts = due.events.facts.find(fu->person);
    const bool touched = facts != due.events.facts.end() && facts->second.last_touch;
    rows.push_back({std::to_string(fu->person), person_name(due.events.people.at(fu->person)), "-",
                    touched ? relative_time(*facts->second.last_touch, now) : "never",
                    format_date(fu->event->end + kFollowUpDueDays * kSecondsPerDay), follow_up_reason(*fu)});
  }
  return rows;
}

Result<AwaitingAnswer> awaiting_answer(HistoryStore& store, const std::vector<PersonView>& views, UnixSeconds now,
                                       int days, std::size_t limit) {
  AwaitingAnswer answer;
  answer.list = awaiting_list(views, now, days);
  std::vector<const std::optional<TimelineEntry>*> received;
  for (const PersonView* v : answer.list) {
    if (received.size() == limit) break;
    received.push_back(&v->facts.last_received);
  }
  auto titles = titles_of(store, received);
  if (!titles) return titles.status();
  answer.subjects = std::move(*titles);
  return answer;
}

void write_awaiting_json(JsonWriter& out, const AwaitingAnswer& awaiting, std::size_t limit) {
  out.begin_array();
  std::size_t written = 0;
  for (const PersonView* v : awaiting.list) {
    if (written++ == limit) break;
    out.begin_object();
    out.key("id").value(v->person.id);
    out.key("last_received").begin_object();
    out.key("at").time(v->facts.last_received->at);
    out.key("subject").text_or_null(title_in(awaiting.subjects, v->facts.last_received));
    out.end_object();
    out.key("last_touch").time(at_of(v->facts.last_touch));
    out.key("name").text_or_null(v->person.name);
    out.end_object();
  }
  out.end_array();
}

std::vector<std::vector<std::string>> awaiting_table(const AwaitingAnswer& awaiting, UnixSeconds now, std::size_t limit) {
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "THEY WROTE", "SUBJECT", "YOUR LAST TOUCH"}};
  for (const PersonView* v : awaiting.list) {
    if (rows.size() > limit) break;
    rows.push_back({std::to_string(v->person.id), person_name(v->person), relative_time(v->facts.last_received->at, now),
                    shortened(title_in(awaiting.subjects, v->facts.last_received), 50),
                    v->facts.last_touch ? relative_time(v->facts.last_touch->at, now) : "never"});
  }
  return rows;
}

void write_drift_json(JsonWriter& out, const std::vector<const PersonView*>& list, std::size_t limit) {
  out.begin_array();
  std::size_t written = 0;
  for (const PersonView* v : list) {
    if (written++ == limit) break;
    out.begin_object();
    out.key("days_since_last").value(*v->facts.days_since_last);
    out.key("id").value(v->person.id);
    out.key("name").text_or_null(v->person.name);
    out.key("ratio").value(rounded(*v->facts.drift_ratio));
    out.key("strength").value(v->strength);
    out.key("usual_gap_days").value(rounded(*v->facts.usual_gap_days));
    out.end_object();
  }
  out.end_array();
}

std::vector<std::vector<std::string>> drift_table(const std::vector<const PersonView*>& list, std::size_t limit) {
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "STRENGTH", "DRIFT"}};
  for (const PersonView* v : list) {
    if (rows.size() > limit) break;
    rows.push_back({std::to_string(v->person.id), person_name(v->person), fixed(v->strength),
                    "last contact " + days_text(*v->facts.days_since_last) + " ago, " + fixed(*v->facts.drift_ratio) +
                        "x your usual " + significant(*v->facts.usual_gap_days, 3) + " days"});
  }
  return rows;
}

int run_due(Session& session, const DueOptions& options) {
  auto within = parse_days(options.within);
  if (!within) return report_error(within.status().with_context("--within"));
  // Only people with a cadence can be due.
  auto loaded = load_views(session, /*drift=*/false, [](RelationshipSettings& s) { s.with_cadence = true; },
                           options.member);
  if (!loaded) return report_error(loaded.status());
  const UnixSeconds now = session.now();
  // A member's: the events of their calendars, touches from their accounts.
  auto events = recent_events(*loaded->store, *loaded->config, options.member, now, kRecentEventDays);
  if (!events) return report_error(events.status());
  auto due = due_answer(*loaded->store, loaded->views, std::move(*events), now, *within, options.tag);
  if (!due) return report_error(due.status());
  if (session.options().json) {
    JsonWriter out;
    write_due_json(out, *due, now);
    out.finish();
    return 0;
  }
  if (due->size() == 0) {
    std::cout << "No one is due" << (*within ? " within " + days_text(*within) : std::string()) << ".";
    if (loaded->views.empty()) std::cout << " No one has a cadence yet: `kith cadence PERSON 30d`, or [cadence] default in the config.";
    std::cout << "\n";
    return 0;
  }
  print_table(due_table(*due, now));
  return 0;
}

int run_awaiting(Session& session, int days, const std::string& member) {
  // Only people who wrote within the window can be awaiting a reply.
  const UnixSeconds since = session.now() - static_cast<UnixSeconds>(days) * kSecondsPerDay;
  auto loaded = load_views(session, /*drift=*/false, [since](RelationshipSettings& s) { s.received_since = since; },
                           member);
  if (!loaded) return report_error(loaded.status());
  const UnixSeconds now = session.now();
  auto awaiting = awaiting_answer(*loaded->store, loaded->views, now, days);
  if (!awaiting) return report_error(awaiting.status());
  if (session.options().json) {
    JsonWriter out;
    write_awaiting_json(out, *awaiting);
    out.finish();
    return 0;
  }
  if (awaiting->list.empty()) {
    std::cout << "No one is waiting for your reply (last " << days_text(days) << ").\n";
    return 0;
  }
  print_table(awaiting_table(*awaiting, now));
  return 0;
}

int run_drift(Session& session, double min_ratio, const std::string& member) {
  if (!(min_ratio > 0)) return report_error(Status::account("--min-ratio must be above 0"));
  // Only people with enough interaction days can drift.
  auto loaded = load_views(session, /*drift=*/true, [min_ratio](RelationshipSettings& s) {
    s.min_days = kDriftMinDays;
    s.min_drift_ratio = min_ratio;
  }, member);
  if (!loaded) return report_error(loaded.status());
  const auto list = drift_list(loaded->views, min_ratio);
  if (session.options().json) {
    JsonWriter out;
    write_drift_json(out, list);
    out.finish();
    return 0;
  }
  if (list.empty()) {
    std::cout << "No one is drifting (at " << significant(min_ratio, 2) << "x their usual gap or more).\n";
    return 0;
  }
  print_table(drift_table(list));
  return 0;
}

namespace {

Result<PersonView> one_view(Session& session, const std::string& who, Views& loaded,
                            const std::optional<std::vector<std::string>>& accounts = std::nullopt,
                            const std::string& member = {}) {
  auto id = person_id(*loaded.store, who);
  if (!id) return id.status();
  RelationshipSettings settings = relationship_settings(*loaded.config);
  settings.accounts = accounts;
  settings.member = member;
  auto views = person_views(*loaded.store, settings, session.now(), *id);
  if (!views) return views.status();
  if (views->empty()) return Status::account("person " + std::to_string(*id) + " is gone");
  return std::move(views->front());
}

Result<Views> session_views_without_people(Session& session) {
  auto config = session.config();
  if (!config) return config.status();
  auto store = session.store();
  if (!store) return store.status();
  return Views{*store, *config, {}};
}

}  // namespace

int run_explain(Session& session, const std::string& who, const std::string& member) {
  auto loaded = session_views_without_people(session);
  if (!loaded) return report_error(loaded.status());
  auto accounts = member_accounts(*loaded->config, member);
  if (!accounts) return report_error(accounts.status());
  auto view = one_view(session, who, *loaded, *accounts, member);
  if (!view) return report_error(view.status());
  // A member's view: the strength of what their accounts saw.
  auto timeline = *accounts ? loaded->store->timelines_seen_by(**accounts) : loaded->store->timelines(view->person.id);
  if (!timeline) return report_error(timeline.status());
  static const std::vector<TimelineEntry> kNone;
  auto found = timeline->find(view->person.id);
  const Strength s = strength_of(found == timeline->end() ? kNone : found->second, session.now(),
                                 loaded->config->half_life_days);
  if (session.options().json) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& t : s.terms)
      terms.push_back({{"kind", to_string(t.kind)}, {"window", t.window}, {"count", t.count}, {"contribution", t.contribution}});
    nlohmann::json out = {{"id", view->person.id},
                          {"name", name_json(view->person)},
                          {"strength", s.score},
                          {"half_life_days", loaded->config->half_life_days},
                          {"reciprocity", rounded(s.reciprocity)},
                          {"terms", terms}};
    if (!member.empty()) out["member"] = member;
    print_json(out);
    return 0;
  }
  std::cout << terminal_safe(person_label(view->person)) << " (id " << view->person.id << "): strength "
            << fixed(s.score) << " of 100\n\n"
            << "Each interaction weighs w x 2^(-age / " << loaded->config->half_life_days
            << " days); w: email_sent 1, email_received 0.5, message_sent 1, message_received 0.5,\n"
            << "meeting 3 shared among its other people. Mail and messages count x reciprocity "
            << fixed(s.reciprocity, 2) << " (0.5 one-way, 1 even).\n"
            << "raw " << fixed(s.raw, 2) << "; strength = 100 x (1 - e^(-raw / 10)) = " << fixed(s.score)
            << ", shared among the terms by their part of raw:\n\n";
  std::vector<std::vector<std::string>> rows = {{"KIND", "AGE", "COUNT", "DECAYED WEIGHT", "POINTS"}};
  for (const auto& t : s.terms)
    rows.push_back({to_string(t.kind), t.window, std::to_string(t.count), fixed(t.weight, 2), fixed(t.contribution)});
  rows.push_back({"total", "", "", "", fixed(s.score)});
  print_table(std::move(rows));
  return 0;
}

int run_show(Session& session, const std::string& who, const std::string& member) {
  auto loaded = session_views_without_people(session);
  if (!loaded) return report_error(loaded.status());
  auto accounts = member_accounts(*loaded->config, member);
  if (!accounts) return report_error(accounts.status());
  auto view = one_view(session, who, *loaded, *accounts, member);
  if (!view) return report_error(view.status());
  const UnixSeconds now = session.now();
  auto history = loaded->store->history(view->person.id, now);
  if (!history) return report_error(history.status());
  // A member's view: only the interactions their accounts saw (a message
  // stored from another account counts when theirs had it too).
  if (*accounts) {
    auto seen = loaded->store->timelines_seen_by(**accounts);
    if (!seen) return report_error(seen.status());
    std::unordered_set<std::int64_t> theirs;
    if (auto it = seen->find(view->person.id); it != seen->end())
      for (const auto& entry : it->second) theirs.insert(entry.interaction_id);
    std::erase_if(*history, [&](const HistoryEntry& e) { return !theirs.count(e.interaction_id); });
  }
  const Person& p = view->person;
  const KeepInTouchFacts& f = view->facts;
  std::map<std::string, std::size_t> counts;
  std::vector<const HistoryEntry*> recent, upcoming;
  for (const auto& e : *history) {
    if (e.when > now) {
      if (e.kind == InteractionKind::Meeting) upcoming.insert(upcoming.begin(), &e);  // soonest first
      continue;
    }
    ++counts[to_string(e.kind)];
    if (recent.size() < 10) recent.push_back(&e);
  }
  auto titles = titles_of(*loaded->store, {&f.last_touch});
  if (!titles) return report_error(titles.status());
  const std::string last_touch_title = title_in(*titles, f.last_touch);
  const bool awaiting = is_awaiting(f, now, kDefaultAwaitingDays);
  // Where they work and their birthday: from their cards and LinkedIn
  // connection; the organization failing that from their mail domain.
  auto cards = loaded->store->cards();
  if (!cards) return report_error(cards.status());
  auto all_positions = loaded->store->positions(p.id);
  if (!all_positions) return report_error(all_positions.status());
  // One line per move: two sources showing the same position (a card and
  // a LinkedIn connection) are one.
  auto positions = std::make_optional<std::vector<PositionRecord>>();
  for (PositionRecord& r : *all_positions)
    if (positions->empty() || positions->back().organization != r.organization || positions->back().title != r.title)
      positions->push_back(std::move(r));
  const auto card = cards->find(p.id);
  const CardSummary* c = card == cards->end() ? nullptr : &card->second;
  const Organization organization =
      organization_of(c ? c->organization : std::string(), p.handles, FreeMail(loaded->config->free_mail_domains));
  const std::string title = c ? c->title : std::string();
  const std::string birthday = c ? c->birthday : std::string();
  // The events they were met at, and their virtual coffees.
  const EventRules rules = event_rules(*loaded->config);
  RelationshipSettings event_settings = relationship_settings(*loaded->config);
  event_settings.accounts = *accounts;  // a member's: their calendars and accounts
  event_settings.member = member;
  auto events = load_events(*loaded->store, event_settings, rules, now, INT64_MIN, INT64_MAX);
  if (!events) return report_error(events.status());
  std::vector<std::pair<const Event*, MetPerson>> met_at;
  for (const Event& e : events->events)
    for (const MetPerson& m : people_met(e, events->facts, events->decisions, rules))
      if (m.person == p.id) met_at.emplace_back(&e, m);
  auto video_calls = loaded->store->occurrences({INT64_MIN, now, rules.coffee_max_participants - 1, *accounts});
  if (!video_calls) return report_error(video_calls.status());
  const auto coffees = coffees_by_person(*video_calls, rules, now);
  const CoffeeFacts coffee = coffees.count(p.id) ? coffees.at(p.id) : CoffeeFacts{};

  if (session.options().json) {
    nlohmann::json met_json = nlohmann::json::array();
    for (const auto& [e, m] : met_at)
      met_json.push_back({{"event", {{"id", e->id}, {"title", e->title.empty() ? nlohmann::json() : nlohmann::json(e->title)},
                                     {"start", json_time(e->start)}, {"end", json_time(e->end)}}},
                          {"met", to_string(m.met)},
                          {"new", m.is_new},
                          {"followed_up", m.followed_up}});
    nlohmann::json handles = nlohmann::json::array();
    for (const auto& [kind, value] : p.handles) handles.push_back({{"kind", kind}, {"value", value}});
    auto entry_json = [](const HistoryEntry* e) {
      return nlohmann::json{{"at", json_time(e->when)}, {"kind", to_string(e->kind)}, {"handle", e->handle},
                            {"title", e->title.empty() ? nlohmann::json() : nlohmann::json(e->title)}};
    };
    nlohmann::json recent_json = nlohmann::json::array(), upcoming_json = nlohmann::json::array();
    for (const auto* e : recent) recent_json.push_back(entry_json(e));
    for (const auto* e : upcoming) upcoming_json.push_back(entry_json(e));
    nlohmann::json last_touch = nullptr;
    if (f.last_touch)
      last_touch = {{"at", json_time(f.last_touch->at)}, {"kind", to_string(f.last_touch->kind)},
                    {"title", last_touch_title.empty() ? nlohmann::json() : nlohmann::json(last_touch_title)}};
    nlohmann::json positions_json = nlohmann::json::array();
    for (const PositionRecord& r : *positions)
      positions_json.push_back({{"organization", r.organization.empty() ? nlohmann::json() : nlohmann::json(r.organization)},
                                {"title", r.title.empty() ? nlohmann::json() : nlohmann::json(r.title)},
                                {"seen_at", json_time(r.seen_at)},
                                {"source", r.card.substr(0, r.card.find('/'))}});
    auto text_or_null = [](const std::string& t) { return t.empty() ? nlohmann::json() : nlohmann::json(t); };
    nlohmann::json shown = {{"id", p.id},
                {"name", name_json(p)},
                {"handles", handles},
                {"organization", text_or_null(organization.name)},
                {"organization_from", text_or_null(organization.source)},
                {"title", text_or_null(title)},
                {"positions", positions_json},
                {"birthday", text_or_null(birthday)},
                {"tags", p.tags},
                {"cadence_days", f.cadence_days ? nlohmann::json(*f.cadence_days) : nlohmann::json()},
                {"strength", view->strength},
                {"usual_gap_days", f.usual_gap_days ? nlohmann::json(rounded(*f.usual_gap_days)) : nlohmann::json()},
                {"days_since_last", f.days_since_last ? nlohmann::json(*f.days_since_last) : nlohmann::json()},
                {"drift_ratio", f.drift_ratio ? nlohmann::json(rounded(*f.drift_ratio)) : nlohmann::json()},
                {"last_touch", last_touch},
                {"due_at", json_time(f.due_at)},
                {"planned", f.planned},
                {"awaiting_reply", awaiting},
                {"first_interaction", json_time(at_of(f.first))},
                {"met_at", met_json},
                {"coffees", coffee.count},
                {"last_coffee", coffee.count ? json_time(coffee.last) : nlohmann::json()},
                {"counts", counts},
                {"upcoming_meetings", upcoming_json},
                {"recent", recent_json}};
    if (!member.empty()) shown["member"] = member;
    print_json(shown);
    return 0;
  }

  std::cout << terminal_safe(person_name(p)) << " (id " << p.id << ")" << (p.ignored ? "  [ignored]" : "")
            << (member.empty() ? std::string() : std::string("  as member ").append(terminal_safe(member))) << "\n";
  for (const auto& [kind, value] : p.handles) std::cout << "  " << kind << "  " << terminal_safe(value) << "\n";
  if (!organization.name.empty() || !title.empty())
    std::cout << "works: " << terminal_safe(position_text(organization.name, title))
              << (organization.source == "domain" ? " (from their mail domain)" : "") << "\n";
  if (!birthday.empty()) std::cout << "birthday: " << terminal_safe(birthday) << "\n";
  if (positions->size() > 1) {
    std::cout << "positions:\n";
    for (const PositionRecord& r : *positions)
      std::cout << "  " << format_date(r.seen_at) << "  " << terminal_safe(position_text(r.organization, r.title)) << "\n";
  }
  if (!p.tags.empty()) {
    std::cout << "tags:";
    for (const auto& t : p.tags) std::cout << " " << terminal_safe(t);
    std::cout << "\n";
  }
  std::cout << "strength: " << fixed(view->strength) << " of 100 (kith explain " << p.id << ")\n";
  std::cout << "cadence: " << (f.cadence_days ? days_text(*f.cadence_days) : std::string("none")) << "\n";
  if (f.usual_gap_days)
    std::cout << "usual gap: " << significant(*f.usual_gap_days, 3) << " days; drift " << fixed(*f.drift_ratio, 2) << "x\n";
  std::cout << "last touch: ";
  if (f.last_touch)
    std::cout << to_string(f.last_touch->kind) << ", " << human_time(f.last_touch->at) << " ("
              << relative_time(f.last_touch->at, now) << ")"
              << (last_touch_title.empty() ? std::string() : ": " + terminal_safe(shortened(last_touch_title, 60))) << "\n";
  else
    std::cout << "never\n";
  if (f.due_at)
    std::cout << (f.planned ? "planned: meeting " + human_time(f.next_meeting->at) + ", before due " : std::string("due: "))
              << format_date(*f.due_at) << " (" << relative_time(*f.due_at, now) << ")\n";
  std::cout << "awaiting your reply: " << (awaiting ? "yes" : "no") << "\n";
  std::cout << "first interaction: " << human_time(at_of(f.first)) << "\n";
  for (const auto& [e, m] : met_at)
    std::cout << "met at: " << terminal_safe(e->title.empty() ? std::string("(untitled)") : e->title) << " ("
              << format_date(e->start) << ", " << e->id << ", " << to_string(m.met) << (m.is_new ? ", new" : "")
              << (e->end > now ? "" : m.followed_up ? ", followed up" : ", not followed up yet") << ")\n";
  if (coffee.count)
    std::cout << "virtual coffees: " << coffee.count << ", the last " << human_time(coffee.last) << " ("
              << relative_time(coffee.last, now) << ")\n";
  std::cout << "counts:";
  if (counts.empty()) std::cout << " none";
  for (const auto& [kind, n] : counts) std::cout << " " << kind << " " << n;
  std::cout << "\n";
  if (!upcoming.empty()) {
    std::cout << "\nUpcoming meetings\n";
    std::vector<std::vector<std::string>> rows = {{"WHEN (UTC)", "TITLE"}};
    for (const auto* e : upcoming) rows.push_back({human_time(e->when), shortened(e->title, 60)});
    print_table(std::move(rows));
  }
  if (!recent.empty()) {
    std::cout << "\nLast " << recent.size() << " interactions\n";
    std::vector<std::vector<std::string>> rows = {{"WHEN (UTC)", "KIND", "HANDLE", "SUBJECT / TITLE"}};
    for (const auto* e : recent) rows.push_back({human_time(e->when), to_string(e->kind), e->handle, shortened(e->title, 60)});
    print_table(std::move(rows));
  }
  return 0;
}

}  // namespace kith::engine

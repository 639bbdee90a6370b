// `kith events`, `kith event EVENT|add|confirm|reject|remove`, `kith
// followups` and `kith coffees` (relate/Events.h).
#include <iostream>
#include <map>

#include "cli/Commands.h"
#include "cli/Members.h"
#include "daemon/RuleSettings.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "cli/WeekLists.h"
#include "relate/EventQueries.h"
#include "relate/PersonLookup.h"
#include "util/Duration.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

struct Loaded {
  HistoryStore* store = nullptr;
  EventsContext context;
};

// `member`: a team member's view (--member), their calendars' events and
// what their accounts saw; "" for everyone's.
Result<Loaded> load(Session& session, UnixSeconds from, UnixSeconds to, const std::string& member = {}) {
  auto config = session.config();
  if (!config) return config.status();
  auto accounts = member_accounts(**config, member);
  if (!accounts) return accounts.status();
  auto store = session.store();
  if (!store) return store.status();
  RelationshipSettings settings = relationship_settings(**config);
  settings.accounts = std::move(*accounts);
  settings.member = member;
  auto context = load_events(**store, settings, event_rules(**config), session.now(), from, to);
  if (!context) return context.status();
  return Loaded{*store, std::move(*context)};
}

// "#<id>", for someone the store no longer names. (Not `"#" +
// std::to_string(...)`: GCC 12 at -O3 warns falsely about it, -Wrestrict,
// which breaks the Release build with warnings as errors.)
std::string numbered(std::int64_t person) {
  std::string text = "#";
  text += std::to_string(person);
  return text;
}

std::string name_of(const EventsContext& c, std::int64_t person) {
  auto it = c.people.find(person);
  return it == c.people.end() ? numbered(person) : person_name(it->second);
}

std::string title_of(const Event& e) { return e.title.empty() ? "(untitled)" : e.title; }

std::string event_dates(const Event& e) {
  // A declared or all-day event ends at midnight after its last day.
  const UnixSeconds last = e.end > e.start && e.end % kSecondsPerDay == 0 ? e.end - 1 : e.end;
  const std::string from = format_date(e.start), to = format_date(last);
  return from == to ? from : from + " - " + to;
}

Result<UnixSeconds> day_option(const std::string& text, const char* option) {
  auto t = parse_moment(text);
  if (!t) return Status::account(std::string(option) + " '" + text + "' is neither a date (2026-09-03) nor RFC 3339");
  return *t;
}

}  // namespace

int run_events(Session& session, const EventsOptions& options) {
  auto past = parse_window_days(options.past);
  if (!past) return report_error(past.status().with_context("--past"));
  auto upcoming = parse_window_days(options.upcoming);
  if (!upcoming) return report_error(upcoming.status().with_context("--upcoming"));
  const UnixSeconds now = session.now();
  auto loaded = load(session, now - static_cast<UnixSeconds>(*past) * kSecondsPerDay,
                     now + static_cast<UnixSeconds>(*upcoming) * kSecondsPerDay, options.member);
  if (!loaded) return report_error(loaded.status());
  const EventsContext& c = loaded->context;
  if (session.options().json) {
    JsonWriter out;
    out.begin_array();
    for (const Event& e : c.events) {
      const EventCounts n = count_met(people_met(e, c.facts, c.decisions, c.rules));
      out.begin_object();
      out.key("end").time(e.end);
      out.key("followed_up").value(n.followed_up);
      out.key("id").value(e.id);
      out.key("new_people").value(n.new_people);
      out.key("not_followed_up").value(n.not_followed_up);
      out.key("people").value(n.people);
      out.key("source").value(e.declared ? "declared" : "calendar");
      out.key("start").time(e.start);
      out.key("title").text_or_null(e.title);
      out.end_object();
    }
    out.end_array().finish();
    return 0;
  }
  if (c.events.empty()) {
    std::cout << "No events from " << *past << " days back to " << *upcoming
              << " days ahead. An event is a calendar occurrence with many people, an all-day one with a place, one in "
                 "an [events] calendar, or one you declare: kith event add \"RustConf 2026\" --from 2026-09-03 --to "
                 "2026-09-05\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "DATES", "EVENT", "PEOPLE", "NEW", "FOLLOWED UP", "NOT YET"}};
  for (const Event& e : c.events) {
    const EventCounts n = count_met(people_met(e, c.facts, c.decisions, c.rules));
    const bool upcoming_event = e.start > now;
    rows.push_back({e.id, event_dates(e), shortened(title_of(e), 40) + (e.declared ? " (declared)" : ""),
                    std::to_string(n.people), std::to_string(n.new_people),
                    upcoming_event ? "-" : std::to_string(n.followed_up),
                    upcoming_event ? "-" : std::to_string(n.not_followed_up)});
  }
  print_table(std::move(rows));
  return 0;
}

int run_event_show(Session& session, const std::string& which) {
  auto loaded = load(session, INT64_MIN, INT64_MAX);
  if (!loaded) return report_error(loaded.status());
  const EventsContext& c = loaded->context;
  auto event = find_event(c.events, which);
  if (!event) return report_error(event.status());
  const Event& e = **event;
  const auto met = people_met(e, c.facts, c.decisions, c.rules);
  if (session.options().json) {
    JsonWriter out;
    out.begin_object();
    out.key("end").time(e.end);
    out.key("id").value(e.id);
    out.key("people").begin_array();
    for (const MetPerson& m : met) {
      out.begin_object();
      out.key("followed_up").value(m.followed_up);
      out.key("id").value(m.person);
      out.key("met").value(to_string(m.met));
      out.key("name").text_or_null(c.people.count(m.person) ? c.people.at(m.person).name : std::string());
      out.key("new").value(m.is_new);
      out.end_object();
    }
    out.end_array();
    out.key("start").time(e.start);
    out.key("title").text_or_null(e.title);
    out.end_object().finish();
    return 0;
  }
  std::cout << title_of(e) << " (" << e.id << ", " << event_dates(e) << (e.declared ? ", declared" : "") << ")\n";
  if (met.empty()) {
    std::cout << "No one met there yet: participants come from the calendar; people whose first interaction falls "
                 "within [events] met_window_days after it are likely met there.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "MET", "NEW", "FOLLOWED UP"}};
  for (const MetPerson& m : met)
    rows.push_back({std::to_string(m.person), name_of(c, m.person), to_string(m.met), m.is_new ? "new" : "known",
                    e.start > session.now() ? "-" : m.followed_up ? "yes" : "no"});
  print_table(std::move(rows));
  return 0;
}

int run_event_add(Session& session, const EventAddOptions& options) {
  const std::string title(trim(options.title));
  if (title.empty()) return report_error(Status::account("event add: the title is empty"));
  auto from = day_option(options.from, "--from");
  if (!from) return report_error(from.status());
  auto to = day_option(options.to.empty() ? options.from : options.to, "--to");
  if (!to) return report_error(to.status());
  // A date is the whole day: the event ends at midnight after --to.
  const bool to_is_date = (options.to.empty() ? options.from : options.to).size() == 10;
  const UnixSeconds end = to_is_date ? *to + kSecondsPerDay : *to;
  if (end < *from) return report_error(Status::account("event add: --to is before --from"));
  auto store = session.store();
  if (!store) return report_error(store.status());
  auto id = (*store)->declare_event({0, title, *from, end, std::string(trim(options.tag))});
  if (!id) return report_error(id.status());
  const std::string shown = event_id("declared:" + std::to_string(*id));
  if (session.options().json) {
    JsonWriter out;
    out.begin_object().key("id").value(shown).end_object().finish();
    return 0;
  }
  std::cout << "Declared " << title << " as event " << shown << ".\n";
  return 0;
}

int run_event_decide(Session& session, const std::string& which, const std::string& who, bool confirm) {
  auto loaded = load(session, INT64_MIN, INT64_MAX);
  if (!loaded) return report_error(loaded.status());
  auto event = find_event(loaded->context.events, which);
  if (!event) return report_error(event.status());
  auto person = person_id(*loaded->store, who);
  if (!person) return report_error(person.status());
  const Event& e = **event;
  if (auto s = loaded->store->decide_met(e.key, *person, confirm, e.tag); !s) return report_error(s);
  if (session.options().json) {
    JsonWriter out;
    out.begin_object().key("event").value(e.id).key("id").value(*person).key("met").value(confirm ? "confirmed" : "rejected")
        .end_object().finish();
    return 0;
  }
  std::cout << name_of(loaded->context, *person) << (confirm ? " was met at " : " was not met at ") << title_of(e)
            << (confirm && !e.tag.empty() ? " (tagged " + e.tag + ")" : std::string()) << ".\n";
  return 0;
}

int run_event_remove(Session& session, const std::string& which) {
  auto loaded = load(session, INT64_MIN, INT64_MAX);
  if (!loaded) return report_error(loaded.status());
  auto event = find_event(loaded->context.events, which);
  if (!event) return report_error(event.status());
  if (!(*event)->declared)
    return report_error(Status::account("event " + (*event)->id + " comes from a calendar: remove it there"));
  auto removed = loaded->store->remove_declared_event(std::stoll((*event)->id.substr(1)));
  if (!removed) return report_error(removed.status());
  if (!session.options().json) std::cout << "Removed " << title_of(**event) << ".\n";
  return 0;
}

void write_followups_json(JsonWriter& out, const std::vector<FollowUp>& list, const EventsContext& c, std::size_t limit) {
  out.begin_array();
  std::size_t written = 0;
  for (const FollowUp& f : list) {
    if (written++ == limit) break;
    out.begin_object();
    out.key("event").begin_object();
    out.key("end").time(f.event->end);
    out.key("id").value(f.event->id);
    out.key("title").text_or_null(f.event->title);
    out.end_object();
    out.key("id").value(f.person);
    out.key("met").value(to_string(f.met));
    out.key("name").text_or_null(c.people.count(f.person) ? c.people.at(f.person).name : std::string());
    out.end_object();
  }
  out.end_array();
}

std::vector<std::vector<std::string>> followups_table(const std::vector<FollowUp>& list, const EventsContext& c,
                                                      UnixSeconds now, std::size_t limit) {
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "EVENT", "ENDED", "MET"}};
  for (const FollowUp& f : list) {
    if (rows.size() > limit) break;
    rows.push_back({std::to_string(f.person), name_of(c, f.person), shortened(title_of(*f.event), 40),
                    relative_time(f.event->end, now), to_string(f.met)});
  }
  return rows;
}

int run_followups(Session& session, int days, const std::string& member) {
  const UnixSeconds now = session.now();
  auto loaded = load(session, now - static_cast<UnixSeconds>(days) * kSecondsPerDay, now, member);
  if (!loaded) return report_error(loaded.status());
  const EventsContext& c = loaded->context;
  const auto list = follow_ups(c.events, c.facts, c.decisions, c.rules, now, days, c.snoozed);
  if (session.options().json) {
    JsonWriter out;
    write_followups_json(out, list, c);
    out.finish();
    return 0;
  }
  if (list.empty()) {
    std::cout << "No follow-ups: everyone met at an event of the last " << days << " days has heard from you.\n";
    return 0;
  }
  print_table(followups_table(list, c, now));
  return 0;
}

int run_coffees(Session& session, const std::string& past_text, const std::string& member) {
  auto past = parse_window_days(past_text);
  if (!past) return report_error(past.status().with_context("--past"));
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto accounts = member_accounts(**config, member);
  if (!accounts) return report_error(accounts.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  const UnixSeconds now = session.now();
  const UnixSeconds since = now - static_cast<UnixSeconds>(*past) * kSecondsPerDay;
  const EventRules rules = event_rules(**config);
  auto occurrences = (*store)->occurrences({since, now, rules.coffee_max_participants - 1, *accounts});
  if (!occurrences) return report_error(occurrences.status());
  std::erase_if(*occurrences, [&](const OccurrenceRow& o) { return !is_coffee(o, rules, now) || o.start < since; });
  auto people = (*store)->people(std::nullopt, /*all_handles=*/false);
  if (!people) return report_error(people.status());
  std::unordered_map<std::int64_t, const Person*> by_id;
  for (const Person& p : *people) by_id.emplace(p.id, &p);
  // Every month of the window, those without a coffee too: a habit shows in its gaps.
  std::map<std::string, std::size_t> months;
  for (UnixSeconds t = since; t <= now; t += 28 * kSecondsPerDay) months.emplace(format_date(t).substr(0, 7), 0);
  months.emplace(format_date(now).substr(0, 7), 0);
  for (const OccurrenceRow& o : *occurrences) ++months[format_date(o.start).substr(0, 7)];
  auto name = [&](std::int64_t id) { return by_id.count(id) ? by_id.at(id)->name : std::string(); };
  if (session.options().json) {
    JsonWriter out;
    out.begin_object();
    out.key("coffees").begin_array();
    for (const OccurrenceRow& o : *occurrences) {
      out.begin_object();
      out.key("at").time(o.start);
      out.key("people").begin_array();
      for (const std::int64_t p : o.people) out.begin_object().key("id").value(p).key("name").text_or_null(name(p)).end_object();
      out.end_array();
      out.key("title").text_or_null(o.title);
      out.end_object();
    }
    out.end_array();
    out.key("months").begin_array();
    for (const auto& [month, count] : months)
      out.begin_object().key("count").value(count).key("month").value(month).end_object();
    out.end_array();
    out.end_object().finish();
    return 0;
  }
  if (occurrences->empty()) {
    std::cout << "No virtual coffees in the last " << *past << " days: a video call with at most "
              << rules.coffee_max_participants << " people, you included, counts as one.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"WHEN", "WITH", "TITLE"}};
  for (const OccurrenceRow& o : *occurrences) {
    std::string with;
    for (const std::int64_t p : o.people) {
      with += with.empty() ? "" : ", ";
      with += by_id.count(p) ? person_name(*by_id.at(p)) : numbered(p);
    }
    rows.push_back({human_time(o.start), with, shortened(o.title, 40)});
  }
  print_table(std::move(rows));
  std::cout << "\nPer month:";
  for (const auto& [month, count] : months) std::cout << "  " << month << " " << count;
  std::cout << "\n";
  return 0;
}

}  // namespace kith::engine

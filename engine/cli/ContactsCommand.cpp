#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>

#include "cli/Commands.h"
#include "cli/ContactJson.h"
#include "cli/Members.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "daemon/RuleSettings.h"
#include "relate/Relationships.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

// "12.3": a score is a whole number of tenths (printf costs a long list a
// tenth of its time).
std::string strength_text(double score) {
  const long tenths = std::lround(score * 10);
  return std::to_string(tenths / 10) + "." + static_cast<char>('0' + std::abs(tenths % 10));
}

// A person's row, then what it points to, then what that points to.
void prefetch_row(const PersonWithSummary& p) {
  const char* row = reinterpret_cast<const char*>(&p);
  for (std::size_t at = 0; at < sizeof p; at += 64) __builtin_prefetch(row + at);
}

void prefetch_lists(const PersonWithSummary& p) {
  __builtin_prefetch(p.person.name.data());
  __builtin_prefetch(p.person.handles.data());
  __builtin_prefetch(p.person.tags.data());
}

void prefetch_texts(const PersonWithSummary& p) {
  for (const auto& [kind, value] : p.person.handles) __builtin_prefetch(value.data());
  for (const auto& tag : p.person.tags) __builtin_prefetch(tag.data());
}

// The handle shown for a contact: an address if it has one.
std::string first_handle(const ContactFields& c) {
  for (const auto& [kind, value] : *c.handles)
    if (kind == "email") return value;
  return c.handles->empty() ? "" : c.handles->front().second;
}

std::string display_name(const ContactFields& c) {
  if (!c.name.empty()) return std::string(c.name);
  const std::string handle = first_handle(c);
  return handle.empty() ? "?" : handle;
}

}  // namespace

int run_contacts(Session& session, const ContactsOptions& options) {
  ContactSort sort = ContactSort::Name;
  if (options.sort == "last") sort = ContactSort::LastInteraction;
  else if (options.sort == "count") sort = ContactSort::Count;
  else if (options.sort != "name" && options.sort != "strength")
    return report_error(Status::account("--sort must be last, count, name or strength, not '" + options.sort + "'"));

  auto config = session.config();
  if (!config) return report_error(config.status());
  auto accounts = member_accounts(**config, options.member);
  if (!accounts) return report_error(accounts.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  const auto now = session.now();
  RelationshipSettings settings;
  settings.half_life_days = (*config)->half_life_days;
  settings.drift = false;
  settings.handles = true;
  // A member's view: the people and counts of what their accounts saw,
  // their own tags.
  settings.accounts = *accounts;
  settings.member = options.member;
  // The summaries alone: a contact list needs no keep-in-touch facts.
  auto people = summarized_people(**store, settings, now);
  if (!people) return report_error(people.status());
  auto cards = (*store)->cards();
  if (!cards) return report_error(cards.status());
  const EventRules rules = event_rules(**config);
  auto video_calls = (*store)->occurrences({INT64_MIN, now, rules.coffee_max_participants - 1, *accounts});
  if (!video_calls) return report_error(video_calls.status());
  const auto coffees = coffees_by_person(*video_calls, rules, now);

  // Everyone with an interaction (ignored people have none left), with the
  // tag asked for, with their strength.
  struct Chosen {
    double strength;
    std::int64_t id;
    PersonWithSummary* person;
  };
  std::vector<Chosen> chosen;
  chosen.reserve(people->size());
  for (PersonWithSummary& p : *people) {
    const PersonSummary& s = *p.kept;
    if (!s.last && s.upcoming_meetings == 0) continue;
    if (!options.tag.empty() && std::find(p.person.tags.begin(), p.person.tags.end(), options.tag) == p.person.tags.end())
      continue;
    chosen.push_back({strength_score(s, now), p.person.id, &p});
  }
  // In the order asked for (sort_contacts' for the others), on keys worked
  // out once: whole numbers where they can be (a score is a number of
  // tenths), then the id. The people themselves are not copied.
  auto order_by = [&](auto key) {
    std::vector<std::pair<decltype(key(chosen.front())), std::size_t>> keyed;
    keyed.reserve(chosen.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) keyed.emplace_back(key(chosen[i]), i);
    std::sort(keyed.begin(), keyed.end());
    std::vector<Chosen> ordered;
    ordered.reserve(chosen.size());
    for (const auto& [k, i] : keyed) ordered.push_back(chosen[i]);
    chosen = std::move(ordered);
  };
  if (!chosen.empty()) {
    const auto counts = [](const Chosen& c) {
      const auto& n = c.person->kept->counts;
      return static_cast<std::int64_t>(n[0]) + n[1] + n[2] + n[3] + n[4];
    };
    // The latest first; no interaction yet (only meetings to come) last.
    const auto latest = [](const Chosen& c) {
      const auto& s = *c.person->kept;
      return s.last ? std::make_pair(0, -s.last->at) : std::make_pair(1, std::int64_t{0});
    };
    if (options.sort == "strength") {
      order_by([](const Chosen& c) { return std::make_pair(-std::lround(c.strength * 10), c.id); });
    } else if (sort == ContactSort::Name) {
      order_by([](const Chosen& c) {
        const Person& p = c.person->person;
        return std::make_pair(contact_name_key(p.name, p.handles), c.id);
      });
    } else if (sort == ContactSort::LastInteraction) {
      order_by([&](const Chosen& c) { return std::make_pair(latest(c), c.id); });
    } else if (sort == ContactSort::Count) {
      order_by([&](const Chosen& c) { return std::make_pair(-counts(c), c.id); });
    }
  }
  if (options.limit && chosen.size() > *options.limit) chosen.resize(*options.limit);
  const std::size_t count = chosen.size();
  // Contacts [begin, end) in the order shown.
  auto for_each_contact = [&](std::size_t begin, std::size_t end, const std::function<void(const ContactFields&)>& use) {
    // The people come in no order the memory knows: ask for the rows a few
    // contacts ahead, and then for what they point to, so that the writing
    // does not wait for each.
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = begin; i < end; ++i) {
      if (i + 3 * kAhead < end) prefetch_row(*chosen[i + 3 * kAhead].person);
      if (i + 2 * kAhead < end) prefetch_lists(*chosen[i + 2 * kAhead].person);
      if (i + kAhead < end) prefetch_texts(*chosen[i + kAhead].person);
      const Chosen& c = chosen[i];
      const auto card = cards->empty() ? cards->end() : cards->find(c.id);
      ContactFields fields = fields_of(*c.person, c.strength, card == cards->end() ? nullptr : &card->second);
      if (auto coffee = coffees.find(c.id); coffee != coffees.end()) fields.coffees = coffee->second.count;
      use(fields);
    }
  };

  if (session.options().json) {
    JsonWriter out;
    out.begin_array();
    for_each_contact(0, count, [&](const ContactFields& c) { write_contact_laid_out(out, c); });
    out.end_array().finish();
    return 0;
  }
  if (count == 0) {
    std::cout << "No contacts yet. Run `kith sync` first.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "NAME", "ADDRESS", "LAST CONTACT", "SENT", "RECEIVED", "MEETINGS", "UPCOMING", "STRENGTH"}};
  rows.reserve(count + 1);
  for_each_contact(0, count, [&](const ContactFields& c) {
    std::string address = first_handle(c);
    if (c.handles->size() > 1) address += " (+" + std::to_string(c.handles->size() - 1) + ")";
    rows.push_back({std::to_string(c.id), display_name(c), address, relative_time(c.last_interaction, now),
                    std::to_string(c.email_sent), std::to_string(c.email_received), std::to_string(c.meetings),
                    std::to_string(c.upcoming_meetings), strength_text(c.strength)});
  });
  print_table(std::move(rows));
  return 0;
}

// Wide enough for most subjects, narrow enough for one line; --json has
// them whole.
constexpr std::size_t kHistorySubjectColumns = 60;

namespace {

// The past interactions of each of the `count` months ending with as-of's,
// by kind: months oldest first, each with its kinds by name (kinds it has
// none of left out).
struct MonthCounts {
  std::string month;  // "YYYY-MM"
  std::map<std::string, std::size_t> counts;
};

std::vector<MonthCounts> counts_by_month(const std::vector<HistoryEntry>& history, UnixSeconds now, int count) {
  std::vector<MonthCounts> out;
  for (std::string& month : utc_months_ending(now, count)) out.push_back({std::move(month), {}});
  for (const HistoryEntry& e : history) {
    if (e.upcoming || e.when > now) continue;  // not history yet
    const std::string month = format_date(e.when).substr(0, 7);
    auto it = std::lower_bound(out.begin(), out.end(), month,
                               [](const MonthCounts& m, const std::string& key) { return m.month < key; });
    if (it != out.end() && it->month == month) ++it->counts[to_string(e.kind)];
  }
  return out;
}

}  // namespace

int run_history(Session& session, const HistoryOptions& options) {
  auto store = session.store();
  if (!store) return report_error(store.status());
  const auto now = session.now();
  auto contact = (*store)->find_contact(options.who, now);
  if (!contact) return report_error(contact.status());
  if (!*contact) return report_error(Status::account("no contact with address or id '" + options.who + "'"));
  auto history = (*store)->history((*contact)->id, now);
  if (!history) return report_error(history.status());
  const std::size_t shown = options.limit ? std::min(options.limit, history->size()) : history->size();
  const auto months = options.months ? counts_by_month(*history, now, options.months) : std::vector<MonthCounts>{};

  if (session.options().json) {
    auto config = session.config();
    if (!config) return report_error(config.status());
    const EventRules rules = event_rules(**config);
    auto video_calls = (*store)->occurrences({INT64_MIN, now, rules.coffee_max_participants - 1, std::nullopt});
    if (!video_calls) return report_error(video_calls.status());
    const auto coffees = coffees_by_person(*video_calls, rules, now);
    ContactFields fields = fields_of(**contact);
    if (auto coffee = coffees.find((*contact)->id); coffee != coffees.end()) fields.coffees = coffee->second.count;
    JsonWriter out;
    out.begin_object().key("contact");
    write_contact(out, fields);
    out.key("interactions").begin_array();
    for (std::size_t n = 0; n < shown; ++n) {
      const HistoryEntry& e = (*history)[n];
      out.begin_object();
      out.key("account").value(e.account);
      out.key("address").value(e.handle);
      out.key("channel").text_or_null(e.channel);
      out.key("direction").value(direction_of(e.kind));
      out.key("handle_kind").value(e.handle_kind);
      out.key("kind").value(to_string(e.kind));
      out.key("subject").text_or_null(e.title);
      out.key("upcoming").value(e.upcoming);
      out.key("when").time(e.when);
      out.end_object();
    }
    out.end_array();
    if (options.months) {
      out.key("months").begin_array();
      for (const MonthCounts& m : months) {
        out.begin_object().key("counts").begin_object();
        for (const auto& [kind, n] : m.counts) out.key(kind).value(n);
        out.end_object().key("month").value(m.month).end_object();
      }
      out.end_array();
    }
    out.key("total").value(history->size());
    out.end_object().finish();
    return 0;
  }
  const auto& c = **contact;
  std::cout << terminal_safe(display_name(fields_of(c))) << " (id " << c.id << ")";
  for (const auto& [kind, value] : c.handles) std::cout << " <" << terminal_safe(value) << ">";
  std::cout << "\n" << c.email_sent << " sent, " << c.email_received << " received, " << c.meetings << " meetings, "
            << c.upcoming_meetings << " upcoming";
  if (c.messages_sent + c.messages_received > 0)
    std::cout << ", " << c.messages_sent << " messages sent, " << c.messages_received << " messages received";
  std::cout << "; last contact " << relative_time(c.last_interaction, now) << "\n";
  if (c.card) {
    std::string about = c.card->title;
    if (!c.card->organization.empty()) about += (about.empty() ? "" : ", ") + c.card->organization;
    if (!c.card->birthday.empty()) about += (about.empty() ? "" : "; ") + std::string("birthday ") + c.card->birthday;
    if (!about.empty()) std::cout << terminal_safe(about) << "\n";
  }
  if (options.months) {
    // A column for each kind these months hold.
    std::set<std::string> kinds;
    for (const MonthCounts& m : months)
      for (const auto& [kind, n] : m.counts) kinds.insert(kind);
    std::vector<std::vector<std::string>> rows = {{"MONTH"}};
    rows.front().insert(rows.front().end(), kinds.begin(), kinds.end());
    for (const MonthCounts& m : months) {
      std::vector<std::string> row = {m.month};
      for (const std::string& kind : kinds) {
        auto it = m.counts.find(kind);
        row.push_back(it == m.counts.end() ? "0" : std::to_string(it->second));
      }
      rows.push_back(std::move(row));
    }
    std::cout << "\n";
    print_table(std::move(rows));
  }
  std::cout << "\n";
  std::vector<std::vector<std::string>> rows = {
      {"WHEN (UTC)", "KIND", "DIRECTION", "HANDLE", "ACCOUNT", "SUBJECT / TITLE"}};
  for (std::size_t n = 0; n < shown; ++n) {
    const HistoryEntry& e = (*history)[n];
    rows.push_back({human_time(e.when) + (e.upcoming ? " (upcoming)" : ""), to_string(e.kind), direction_of(e.kind),
                    e.channel.empty() ? e.handle : e.handle + " (" + e.channel + ")", e.account,
                    shortened(e.title, kHistorySubjectColumns)});
  }
  print_table(std::move(rows));
  if (shown < history->size())
    std::cout << "(the newest " << shown << " of " << history->size() << " interactions)\n";
  return 0;
}

}  // namespace kith::engine

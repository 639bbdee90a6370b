// `kith intro PERSON|@DOMAIN|ORG`: the warm-introduction question of a
// team sharing a store. Each [[member]] ranked by their strength with the
// target (relate/Intro.h), with the last touch and the counts; never a
// subject or a title.
#include <algorithm>
#include <array>
#include <charconv>
#include <iostream>
#include <map>

#include "cli/Commands.h"
#include "cli/Members.h"
#include "cli/Output.h"
#include "daemon/RuleSettings.h"
#include "relate/Intro.h"
#include "relate/Organizations.h"
#include "relate/PersonLookup.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

struct Target {
  std::string kind;   // "person", "domain" or "organization"
  std::string value;  // as it is shown: the person's label, "acme.com", "Acme"
  std::vector<std::int64_t> people;
};

bool in_domain(const std::string& domain, const std::string& wanted) {
  return domain == wanted ||
         (domain.size() > wanted.size() && domain.compare(domain.size() - wanted.size(), wanted.size(), wanted) == 0 &&
          domain[domain.size() - wanted.size() - 1] == '.');
}

// @domain: everyone with an address there (or in a subdomain); else an
// organization someone works at (case-insensitive, as `kith show` and
// `kith network --by org` name it); else one person.
Result<Target> find_target(HistoryStore& store, const Config& config, const std::vector<Person>& people,
                           const std::string& text) {
  Target target;
  const std::string wanted = ascii_lower(trim(text));
  if (wanted.empty()) return Status::account("intro: name a person, an @domain or an organization");
  if (wanted.front() == '@') {
    target.kind = "domain";
    target.value = wanted.substr(1);
    if (target.value.empty() || target.value.find('@') != std::string::npos)
      return Status::account("intro: '" + text + "' is not an @domain");
    for (const Person& p : people) {
      if (p.ignored) continue;
      for (const auto& [kind, value] : p.handles)
        if (kind == "email" && in_domain(mail_domain(value), target.value)) {
          target.people.push_back(p.id);
          break;
        }
    }
    return target;
  }
  auto cards = store.cards();
  if (!cards) return cards.status();
  const FreeMail free_mail(config.free_mail_domains);
  for (const Person& p : people) {
    if (p.ignored) continue;
    const auto card = cards->find(p.id);
    const Organization org =
        organization_of(card == cards->end() ? std::string() : card->second.organization, p.handles, free_mail);
    if (!org.name.empty() && ascii_lower(org.name) == wanted) {
      if (target.people.empty()) target.value = org.name;
      target.people.push_back(p.id);
    }
  }
  if (!target.people.empty()) {
    target.kind = "organization";
    return target;
  }
  auto id = person_id(store, text);
  if (!id) return Status::account("intro: '" + text + "' is no person, @domain or organization (" +
                                  id.status().message() + ")");
  target.kind = "person";
  target.people.push_back(*id);
  for (const Person& p : people)
    if (p.id == *id) target.value = person_label(p);
  return target;
}

std::string fixed1(double x) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::fixed, 1).ptr;
  return std::string(text, end);
}

constexpr std::array<InteractionKind, 5> kKinds = {InteractionKind::EmailSent, InteractionKind::EmailReceived,
                                                   InteractionKind::Meeting, InteractionKind::MessageSent,
                                                   InteractionKind::MessageReceived};

}  // namespace

int run_intro(Session& session, const std::string& text) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  if ((*config)->members.empty())
    return report_error(Status::account(
        "intro: the config has no [[member]]: kith intro ranks a team's members (README \"Teams\")"));
  auto store = session.store();
  if (!store) return report_error(store.status());
  auto people = (*store)->people(std::nullopt, true);
  if (!people) return report_error(people.status());
  auto target = find_target(**store, **config, *people, text);
  if (!target) return report_error(target.status());

  // What each member's accounts saw; accounts without an owner are no one's.
  std::vector<Timelines> seen;
  seen.reserve((*config)->members.size());
  for (const MemberConfig& m : (*config)->members) {
    auto timelines = (*store)->timelines_seen_by((*config)->accounts_of(m.name));
    if (!timelines) return report_error(timelines.status());
    seen.push_back(std::move(*timelines));
  }
  std::vector<MemberTimelines> members;
  for (std::size_t i = 0; i < seen.size(); ++i) members.push_back({(*config)->members[i].name, &seen[i]});
  const UnixSeconds now = session.now();
  const auto ranks = rank_intro(members, target->people, now, relationship_settings(**config).half_life_days);

  std::map<std::int64_t, const Person*> by_id;
  for (const Person& p : *people) by_id[p.id] = &p;
  auto person_json = [&](std::int64_t id) {
    auto it = by_id.find(id);
    return nlohmann::json{{"id", id}, {"name", it == by_id.end() ? nlohmann::json() : nlohmann::json(person_name(*it->second))}};
  };

  if (session.options().json) {
    nlohmann::json list = nlohmann::json::array();
    for (const IntroRank& r : ranks) {
      nlohmann::json counts = nlohmann::json::object();
      for (const InteractionKind k : kKinds) counts[to_string(k)] = r.counts[static_cast<std::size_t>(k)];
      nlohmann::json last = nullptr;
      if (r.last_touch)
        last = {{"at", json_time(r.last_touch->entry.at)},
                {"kind", to_string(r.last_touch->entry.kind)},
                {"with", person_json(r.last_touch->person)}};
      list.push_back({{"member", r.member},
                      {"strength", r.strength},
                      {"through", r.through ? person_json(*r.through) : nlohmann::json()},
                      {"people", r.people},
                      {"interactions", r.total},
                      {"counts", counts},
                      {"last_touch", last}});
    }
    print_json({{"target", {{"kind", target->kind}, {"value", target->value}, {"people", target->people.size()}}},
                {"members", list}});
    return 0;
  }
  std::cout << "Who knows " << terminal_safe(target->value) << " (" << target->kind << ", " << target->people.size()
            << (target->people.size() == 1 ? " person" : " people") << ") best:\n\n";
  std::vector<std::vector<std::string>> rows = {{"MEMBER", "STRENGTH", "THROUGH", "LAST TOUCH", "COUNTS"}};
  for (const IntroRank& r : ranks) {
    auto name_of = [&](std::int64_t id) {
      auto it = by_id.find(id);
      return it == by_id.end() ? std::to_string(id) : terminal_safe(person_name(*it->second));
    };
    std::string last = "never";
    if (r.last_touch) {
      last = to_string(r.last_touch->entry.kind);
      last.append(" with ").append(name_of(r.last_touch->person)).append(", ").append(relative_time(r.last_touch->entry.at, now));
    }
    std::string counts;
    for (const InteractionKind k : kKinds)
      if (const auto n = r.counts[static_cast<std::size_t>(k)]) {
        if (!counts.empty()) counts += ", ";
        counts.append(to_string(k)).append(" ").append(std::to_string(n));
      }
    rows.push_back({terminal_safe(r.member), fixed1(r.strength), r.through ? name_of(*r.through) : std::string("-"), last,
                    counts.empty() ? std::string("none") : counts});
  }
  print_table(std::move(rows));
  return 0;
}

}  // namespace kith::engine

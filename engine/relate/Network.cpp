#include "relate/Network.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "util/Time.h"

namespace kith::engine {
namespace {

// Months are counted as year * 12 + (month - 1); a quarter as year * 4 + q.
int month_of(UnixSeconds t) {
  const auto ymd = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(t))));
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
}

int quarter_of_month(int month) { return (month / 12) * 4 + (month % 12) / 3; }

std::string quarter_name(int quarter) { return std::to_string(quarter / 4) + "-Q" + std::to_string(quarter % 4 + 1); }

std::optional<double> hhi_of(const std::map<std::string, std::uint64_t>& counts) {
  std::uint64_t total = 0;
  for (const auto& [key, n] : counts) total += n;
  if (total == 0) return std::nullopt;
  double hhi = 0;
  for (const auto& [key, n] : counts) {
    const double share = static_cast<double>(n) / static_cast<double>(total);
    hhi += share * share;
  }
  return hhi;
}

struct MemberFacts {
  std::vector<std::string> keys;  // the groups the person is in, for by-person groupings
  std::optional<UnixSeconds> first_at, last_at;
};

}  // namespace

std::optional<NetworkBy> network_by_from(const std::string& text) {
  if (text == "org" || text == "organization") return NetworkBy::Organization;
  if (text == "domain") return NetworkBy::Domain;
  if (text == "source") return NetworkBy::Source;
  if (text == "tag") return NetworkBy::Tag;
  if (text == "year-met") return NetworkBy::YearMet;
  return std::nullopt;
}

const char* to_string(NetworkBy by) {
  switch (by) {
    case NetworkBy::Organization: return "org";
    case NetworkBy::Domain: return "domain";
    case NetworkBy::Source: return "source";
    case NetworkBy::Tag: return "tag";
    case NetworkBy::YearMet: return "year-met";
  }
  return "";
}

NetworkView network_view(const std::vector<NetworkMember>& members, const std::vector<InteractionMonth>& months,
                         NetworkBy by, UnixSeconds as_of, const FreeMail& free_mail) {
  std::unordered_map<std::int64_t, MemberFacts> facts;
  std::unordered_map<std::int64_t, std::set<std::string>> accounts;  // by source: where each person was seen
  for (const NetworkMember& m : members) facts[m.person->id];
  for (const InteractionMonth& im : months) {
    auto it = facts.find(im.person);
    if (it == facts.end()) continue;  // ignored, or no longer a person
    auto& f = it->second;
    if (!f.first_at || im.first_at < *f.first_at) f.first_at = im.first_at;
    if (!f.last_at || im.last_at > *f.last_at) f.last_at = im.last_at;
    accounts[im.person].insert(im.account);
  }
  for (const NetworkMember& m : members) {
    MemberFacts& f = facts[m.person->id];
    switch (by) {
      case NetworkBy::Organization: {
        auto org = organization_of(m.card ? m.card->organization : std::string(), m.person->handles, free_mail);
        f.keys = {org.name.empty() ? "(unknown)" : org.name};
        break;
      }
      case NetworkBy::Domain: {
        const std::string domain = first_mail_domain(m.person->handles);
        f.keys = {domain.empty() ? "(no address)" : domain};
        break;
      }
      case NetworkBy::Source: {
        std::set<std::string> sources = accounts[m.person->id];
        if (m.card) sources.insert(m.card->sources.begin(), m.card->sources.end());
        f.keys.assign(sources.begin(), sources.end());
        break;
      }
      case NetworkBy::Tag:
        f.keys = m.person->tags.empty() ? std::vector<std::string>{"(untagged)"} : m.person->tags;
        break;
      case NetworkBy::YearMet:
        f.keys = {f.first_at ? std::to_string(static_cast<int>(
                                   std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                                   std::chrono::sys_seconds(std::chrono::seconds(*f.first_at))))
                                       .year()))
                             : "(never met)"};
        break;
    }
  }

  // Which groups an interaction of `person` in `account` counts for: by
  // source, its account's; otherwise every group the person is in.
  auto groups_of = [&](std::int64_t person, const std::string& account) -> std::vector<std::string> {
    if (by == NetworkBy::Source) return {account};
    return facts[person].keys;
  };

  NetworkView view;
  view.by = by;
  std::map<std::string, NetworkGroup> groups;
  const UnixSeconds active_since = as_of - static_cast<UnixSeconds>(kActiveDays) * kSecondsPerDay;
  for (const NetworkMember& m : members) {
    const MemberFacts& f = facts[m.person->id];
    for (const std::string& key : f.keys) {
      NetworkGroup& g = groups[key];
      g.key = key;
      ++g.people;
      if (by != NetworkBy::Source && f.last_at && *f.last_at >= active_since) ++g.active;
    }
  }
  const int as_of_quarter = quarter_of_month(month_of(as_of));
  const int first_quarter = as_of_quarter - (kNetworkQuarters - 1);
  std::map<int, std::map<std::string, std::uint64_t>> by_quarter;
  std::map<std::string, std::uint64_t> totals;
  // By source, a person is active in a source where they had an
  // interaction in the window.
  std::map<std::string, std::set<std::int64_t>> active_in_source;
  for (const InteractionMonth& im : months) {
    if (!facts.count(im.person)) continue;
    const int quarter = quarter_of_month(im.month);
    for (const std::string& key : groups_of(im.person, im.account)) {
      totals[key] += im.count;
      if (quarter >= first_quarter) by_quarter[quarter][key] += im.count;
      if (by == NetworkBy::Source && im.last_at >= active_since) active_in_source[key].insert(im.person);
    }
  }
  for (const auto& [key, people] : active_in_source) groups[key].active = people.size();
  std::uint64_t total = 0;
  for (const auto& [key, n] : totals) total += n;
  for (auto& [key, g] : groups) {
    g.interactions = totals.count(key) ? totals[key] : 0;
    g.interaction_share = total ? static_cast<double>(g.interactions) / static_cast<double>(total) : 0;
    view.groups.push_back(g);
  }
  std::sort(view.groups.begin(), view.groups.end(), [](const NetworkGroup& a, const NetworkGroup& b) {
    if (a.interaction_share != b.interaction_share) return a.interaction_share > b.interaction_share;
    if (a.people != b.people) return a.people > b.people;
    return a.key < b.key;
  });
  view.top_share = view.groups.empty() ? 0 : view.groups.front().interaction_share;
  view.hhi = hhi_of(totals);
  if (view.hhi) view.effective_groups = 1 / *view.hhi;

  // New people and new groups per quarter, from each person's first
  // interaction: a group is new in the quarter its first person was met.
  std::map<int, std::size_t> new_people;
  std::map<std::string, int> group_first_quarter;
  for (const NetworkMember& m : members) {
    const MemberFacts& f = facts[m.person->id];
    if (!f.first_at) continue;
    const int quarter = quarter_of_month(month_of(*f.first_at));
    ++new_people[quarter];
    for (const std::string& key : by == NetworkBy::Source ? std::vector<std::string>(accounts[m.person->id].begin(),
                                                                                       accounts[m.person->id].end())
                                                          : f.keys) {
      auto [it, added] = group_first_quarter.emplace(key, quarter);
      if (!added) it->second = std::min(it->second, quarter);
    }
  }
  std::map<int, std::size_t> new_groups;
  for (const auto& [key, quarter] : group_first_quarter) ++new_groups[quarter];
  for (int q = first_quarter; q <= as_of_quarter; ++q) {
    NetworkQuarter nq;
    nq.quarter = quarter_name(q);
    nq.new_people = new_people.count(q) ? new_people[q] : 0;
    nq.new_groups = new_groups.count(q) ? new_groups[q] : 0;
    if (auto it = by_quarter.find(q); it != by_quarter.end()) nq.hhi = hhi_of(it->second);
    view.quarters.push_back(std::move(nq));
  }
  return view;
}

}  // namespace kith::engine

#include "relate/Network.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <span>
#include <unordered_map>

#include "util/Time.h"

namespace kith::engine {
namespace {

std::string quarter_name(int quarter) { return std::to_string(quarter / 4) + "-Q" + std::to_string(quarter % 4 + 1); }

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

NetworkActivity::NetworkActivity(UnixSeconds as_of)
    : as_of_(as_of), first_quarter_(utc_quarter(as_of) - (kNetworkQuarters - 1)) {}

std::uint32_t NetworkActivity::account_index(const std::string& name) {
  // Rows come by handle, account and quarter: mostly the last one again.
  if (last_account_ < accounts_.size() && accounts_[last_account_] == name) return last_account_;
  auto [it, added] = account_ids_.try_emplace(name, static_cast<std::uint32_t>(accounts_.size()));
  if (added) accounts_.push_back(name);
  return last_account_ = it->second;
}

void NetworkActivity::add(const InteractionQuarter& counted) {
  const std::uint32_t account_id = account_index(counted.account);
  auto [it, added] = people_.try_emplace(counted.person);
  PersonActivity& p = it->second;
  if (added || counted.first_at < p.first_at) p.first_at = counted.first_at;
  if (added || counted.last_at > p.last_at) p.last_at = counted.last_at;
  auto account = std::find_if(p.accounts.begin(), p.accounts.end(),
                              [&](const AccountActivity& a) { return a.account == account_id; });
  if (account == p.accounts.end()) {
    account = p.accounts.insert(p.accounts.end(), AccountActivity{0, counted.last_at, {}, account_id});
  }
  account->interactions += counted.count;
  account->last_at = std::max(account->last_at, counted.last_at);
  const int quarter = counted.quarter - first_quarter_;
  if (quarter >= 0 && quarter < kNetworkQuarters) account->quarters[static_cast<std::size_t>(quarter)] += counted.count;
}

const PersonActivity* NetworkActivity::of(std::int64_t person) const {
  auto it = people_.find(person);
  return it == people_.end() ? nullptr : &it->second;
}

NetworkView network_view(const std::vector<NetworkMember>& members, const std::vector<InteractionQuarter>& quarters,
                         NetworkBy by, UnixSeconds as_of, const FreeMail& free_mail) {
  NetworkActivity activity(as_of);
  for (const InteractionQuarter& q : quarters) activity.add(q);
  return network_view(members, activity, by, free_mail);
}

NetworkView network_view(const std::vector<NetworkMember>& members, const NetworkActivity& activity, NetworkBy by,
                         const FreeMail& free_mail) {
  // Groups by index, in the order met; sums in key order (as hhi_of adds).
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::string> names;
  auto intern = [&](const std::string& key) {
    auto [it, added] = index.try_emplace(key, names.size());
    if (added) names.push_back(key);
    return it->second;
  };
  // Each member's activity, looked up once; their groups, by index into
  // `members`, in one array (keys_of(i)): 50,000 members are not 50,000
  // small vectors to allocate and free.
  std::vector<const PersonActivity*> acts(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) acts[i] = activity.of(members[i].person->id);
  std::vector<std::size_t> key_list;
  std::vector<std::size_t> key_begin(members.size() + 1, 0);
  key_list.reserve(members.size());
  auto keys_of = [&](std::size_t i) {
    return std::span<const std::size_t>(key_list.data() + key_begin[i], key_begin[i + 1] - key_begin[i]);
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    const NetworkMember& m = members[i];
    const PersonActivity* a = acts[i];
    key_begin[i] = key_list.size();
    switch (by) {
      case NetworkBy::Organization: {
        auto org = organization_of(m.card ? m.card->organization : std::string(), m.person->handles, free_mail);
        key_list.push_back(intern(org.name.empty() ? "(unknown)" : org.name));
        break;
      }
      case NetworkBy::Domain: {
        const std::string domain = first_mail_domain(m.person->handles);
        key_list.push_back(intern(domain.empty() ? "(no address)" : domain));
        break;
      }
      case NetworkBy::Source: {
        // Each source once.
        const std::size_t first = key_list.size();
        if (a)
          for (const AccountActivity& account : a->accounts) key_list.push_back(intern(activity.account_name(account.account)));
        if (m.card)
          for (const std::string& source : m.card->sources) key_list.push_back(intern(source));
        std::sort(key_list.begin() + static_cast<std::ptrdiff_t>(first), key_list.end(),
                  [&](std::size_t x, std::size_t y) { return names[x] < names[y]; });
        key_list.erase(std::unique(key_list.begin() + static_cast<std::ptrdiff_t>(first), key_list.end()), key_list.end());
        break;
      }
      case NetworkBy::Tag:
        if (m.person->tags.empty()) key_list.push_back(intern("(untagged)"));
        for (const std::string& tag : m.person->tags) key_list.push_back(intern(tag));
        break;
      case NetworkBy::YearMet:
        key_list.push_back(intern(a ? std::to_string(static_cast<int>(
                                  std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                                  std::chrono::sys_seconds(std::chrono::seconds(a->first_at))))
                                      .year()))
                            : "(never met)"));
        break;
    }
  }
  key_begin[members.size()] = key_list.size();
  const std::size_t count = names.size();
  std::vector<std::size_t> by_key(count);  // group indices in key order
  for (std::size_t g = 0; g < count; ++g) by_key[g] = g;
  std::sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  // The Herfindahl index of counts by group: the sum of squared shares.
  auto hhi_of = [&](const std::vector<std::uint64_t>& counts) -> std::optional<double> {
    std::uint64_t total = 0;
    for (const std::uint64_t n : counts) total += n;
    if (total == 0) return std::nullopt;
    double hhi = 0;
    for (const std::size_t g : by_key) {
      if (!counts[g]) continue;
      const double share = static_cast<double>(counts[g]) / static_cast<double>(total);
      hhi += share * share;
    }
    return hhi;
  };

  NetworkView view;
  view.by = by;
  std::vector<NetworkGroup> groups(count);
  const UnixSeconds active_since = activity.as_of() - static_cast<UnixSeconds>(kActiveDays) * kSecondsPerDay;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const PersonActivity* a = acts[i];
    for (const std::size_t g : keys_of(i)) {
      ++groups[g].people;
      if (by != NetworkBy::Source && a && a->last_at >= active_since) ++groups[g].active;
    }
  }
  // Interactions count for every group the person is in; by source, for
  // their account's. By source, a person is active in a source where they
  // had an interaction in the window.
  std::array<std::vector<std::uint64_t>, kNetworkQuarters> by_quarter;
  for (auto& q : by_quarter) q.assign(count, 0);
  std::vector<std::uint64_t> totals(count, 0);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const PersonActivity* a = acts[i];
    if (!a) continue;
    for (const AccountActivity& account : a->accounts) {
      auto count_for = [&](std::size_t g) {
        totals[g] += account.interactions;
        for (std::size_t q = 0; q < by_quarter.size(); ++q) by_quarter[q][g] += account.quarters[q];
      };
      if (by == NetworkBy::Source) {
        const std::size_t g = index.at(activity.account_name(account.account));
        count_for(g);
        if (account.last_at >= active_since) ++groups[g].active;
      } else {
        for (const std::size_t g : keys_of(i)) count_for(g);
      }
    }
  }
  std::uint64_t total = 0;
  for (const std::uint64_t n : totals) total += n;
  for (std::size_t g = 0; g < count; ++g) {
    groups[g].key = names[g];
    groups[g].interactions = totals[g];
    groups[g].interaction_share = total ? static_cast<double>(totals[g]) / static_cast<double>(total) : 0;
  }
  view.groups = std::move(groups);
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
  std::vector<std::optional<int>> group_first_quarter(count);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const PersonActivity* a = acts[i];
    if (!a) continue;
    const int quarter = utc_quarter(a->first_at);
    ++new_people[quarter];
    auto met_in = [&](std::size_t g) {
      if (!group_first_quarter[g] || quarter < *group_first_quarter[g]) group_first_quarter[g] = quarter;
    };
    if (by == NetworkBy::Source) {
      for (const AccountActivity& account : a->accounts) met_in(index.at(activity.account_name(account.account)));
    } else {
      for (const std::size_t g : keys_of(i)) met_in(g);
    }
  }
  std::map<int, std::size_t> new_groups;
  for (const auto& quarter : group_first_quarter)
    if (quarter) ++new_groups[*quarter];
  for (int i = 0; i < kNetworkQuarters; ++i) {
    const int q = activity.first_quarter() + i;
    NetworkQuarter nq;
    nq.quarter = quarter_name(q);
    nq.new_people = new_people.count(q) ? new_people[q] : 0;
    nq.new_groups = new_groups.count(q) ? new_groups[q] : 0;
    nq.hhi = hhi_of(by_quarter[static_cast<std::size_t>(i)]);
    view.quarters.push_back(std::move(nq));
  }
  return view;
}

}  // namespace kith::engine

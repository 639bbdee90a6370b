#include "relate/MergeSuggestions.h"

#include <algorithm>
#include <map>
#include <set>

#include "relate/NameFold.h"

namespace kith::engine {

namespace {

std::set<std::pair<std::string, std::string>> local_parts(const Person& p) {
  std::set<std::pair<std::string, std::string>> out;  // (local part, domain)
  for (const auto& [kind, value] : p.handles) {
    if (kind != "email") continue;
    const auto at = value.rfind('@');
    if (at != std::string::npos && at > 0) out.emplace(value.substr(0, at), value.substr(at + 1));
  }
  return out;
}

// A local part both people use, at different domains; "" if none.
std::string shared_local_part(const Person& a, const Person& b) {
  const auto mine = local_parts(a);
  for (const auto& [local, domain] : local_parts(b))
    for (const auto& [my_local, my_domain] : mine)
      if (local == my_local && domain != my_domain) return local;
  return {};
}

}  // namespace

std::vector<MergeSuggestion> suggest_merges(const std::vector<Person>& people, const std::vector<SharedCard>& cards) {
  std::map<std::vector<std::int64_t>, MergeSuggestion> found;
  auto add = [&](std::vector<std::int64_t> ids, const std::string& reason, double confidence) {
    std::sort(ids.begin(), ids.end());
    MergeSuggestion& s = found[ids];
    s.people = ids;
    s.reasons.push_back(reason);
    s.confidence = std::max(s.confidence, confidence);
  };

  std::map<std::int64_t, const Person*> by_id;
  std::map<std::string, std::vector<const Person*>> by_name;
  for (const Person& p : people) {
    if (p.ignored) continue;
    by_id[p.id] = &p;
    const std::string name = fold_name(p.name);
    if (!name.empty()) by_name[name].push_back(&p);
  }
  for (const auto& [name, group] : by_name) {
    if (group.size() < 2) continue;
    const bool one_word = name.find(' ') == std::string::npos;
    for (std::size_t i = 0; i < group.size(); ++i)
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        const std::string local = shared_local_part(*group[i], *group[j]);
        if (!local.empty())
          add({group[i]->id, group[j]->id}, "the same name and the same address '" + local + "' at two domains", 0.95);
        else
          add({group[i]->id, group[j]->id}, "the same name '" + group[i]->name + "'", one_word ? 0.5 : 0.8);
      }
  }
  for (const SharedCard& card : cards) {
    std::vector<std::int64_t> ids;
    for (auto id : card.people)
      if (by_id.count(id)) ids.push_back(id);
    if (ids.size() < 2) continue;
    std::string reason = "one address-book card lists both";
    if (!card.card_name.empty()) reason.append(" ('").append(card.card_name).append("')");
    add(ids, reason, 0.99);
  }

  std::vector<MergeSuggestion> out;
  for (auto& [ids, s] : found) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(),
                   [](const MergeSuggestion& a, const MergeSuggestion& b) { return a.confidence > b.confidence; });
  return out;
}

}  // namespace kith::engine

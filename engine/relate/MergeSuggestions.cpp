#include "relate/MergeSuggestions.h"

#include <algorithm>
#include <map>
#include <set>

#include "relate/NameFold.h"

namespace kith::engine {

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
  // One suggestion per group, never one per pair: a common name shared by
  // a hundred people is one line, not five thousand.
  for (const auto& [name, group] : by_name) {
    if (group.size() < 2) continue;
    std::map<std::string, std::set<std::int64_t>> by_local_part;  // people of the group by address local part
    for (const Person* p : group)
      for (const auto& [kind, value] : p->handles) {
        const auto at = value.rfind('@');
        if (kind == "email" && at != std::string::npos && at > 0) by_local_part[value.substr(0, at)].insert(p->id);
      }
    std::set<std::int64_t> placed;
    for (const auto& [local, ids] : by_local_part) {
      // Two people cannot share an address, so two of them here means two domains.
      if (ids.size() < 2) continue;
      add({ids.begin(), ids.end()}, "the same name and the same address '" + local + "' at two domains", 0.95);
      placed.insert(ids.begin(), ids.end());
    }
    std::vector<std::int64_t> rest;
    for (const Person* p : group)
      if (!placed.count(p->id)) rest.push_back(p->id);
    if (rest.size() < 2) continue;
    // The more namesakes, the less likely they are one person.
    const double base = name.find(' ') == std::string::npos ? 0.5 : 0.8;
    std::string reason = "the same name '" + group.front()->name + "'";
    if (rest.size() > 2) reason.append(" (").append(std::to_string(rest.size())).append(" people)");
    add(rest, reason, base / static_cast<double>(rest.size() - 1));
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

// `kith merge --suggest`: people who are likely one person, with the
// reasons and a confidence. It never merges anything.
#pragma once

#include <string>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

struct MergeSuggestion {
  std::vector<std::int64_t> people;  // sorted; the first is the one kept by `kith merge` as printed
  std::vector<std::string> reasons;
  double confidence = 0;             // 0 to 1
};

// Reasons, each with its confidence (the highest wins):
//  - the same name after case, accent and whitespace folding: 0.8, or 0.5
//    for a one-word name, divided by one less than the number of people
//    who share it (three namesakes: 0.4); one suggestion for all of them;
//  - that, and the same local part at two domains: 0.95;
//  - one address-book card listing handles of each: 0.99.
// Ignored people are never suggested. Highest confidence first.
std::vector<MergeSuggestion> suggest_merges(const std::vector<Person>& people, const std::vector<SharedCard>& cards);

}  // namespace kith::engine

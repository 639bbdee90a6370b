#include "relate/Intro.h"

#include <algorithm>
#include <tuple>

#include "relate/KeepInTouch.h"
#include "relate/Strength.h"

namespace kith::engine {

std::vector<IntroRank> rank_intro(const std::vector<MemberTimelines>& members, const std::vector<std::int64_t>& target,
                                  UnixSeconds as_of, double half_life_days) {
  std::vector<IntroRank> out;
  out.reserve(members.size());
  for (const MemberTimelines& m : members) {
    IntroRank& rank = out.emplace_back();
    rank.member = m.member;
    if (!m.timelines) continue;
    for (const std::int64_t person : target) {
      auto it = m.timelines->find(person);
      if (it == m.timelines->end()) continue;
      bool any = false;
      for (const TimelineEntry& e : it->second) {
        if (e.at > as_of) continue;
        any = true;
        ++rank.counts[static_cast<std::size_t>(e.kind)];
        ++rank.total;
        if (is_touch(e.kind) && (!rank.last_touch || std::tie(e.at, e.interaction_id) > std::tie(rank.last_touch->entry.at,
                                                                           rank.last_touch->entry.interaction_id)))
          rank.last_touch = IntroTouch{person, e};
      }
      if (!any) continue;
      ++rank.people;
      const double score = strength_of(it->second, as_of, half_life_days).score;
      if (!rank.through || score > rank.strength || (score == rank.strength && person < *rank.through)) {
        rank.strength = score;
        rank.through = person;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const IntroRank& a, const IntroRank& b) {
    if (a.strength != b.strength) return a.strength > b.strength;
    if (a.total != b.total) return a.total > b.total;
    const UnixSeconds a_last = a.last_touch ? a.last_touch->entry.at : INT64_MIN;
    const UnixSeconds b_last = b.last_touch ? b.last_touch->entry.at : INT64_MIN;
    if (a_last != b_last) return a_last > b_last;
    return a.member < b.member;
  });
  return out;
}

}  // namespace kith::engine

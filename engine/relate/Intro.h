// `kith intro`: the warm-introduction question. Which member of a team
// (config [[member]], each owning accounts) knows a person, or the people
// of a domain or an organization, best: per member, the strength (the
// same decayed formula as everywhere, relate/Strength.h) over only the
// interactions that member's accounts saw, the last touch and the counts.
// Never a subject or a title.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

// One member's interactions: what their accounts saw, by person.
struct MemberTimelines {
  std::string member;
  const Timelines* timelines = nullptr;
};

struct IntroTouch {
  std::int64_t person = 0;
  TimelineEntry entry;
};

struct IntroRank {
  std::string member;
  // The strongest of the member's relationships with the target's people
  // (the max, not the sum: an introduction goes through one person), and
  // with whom; 0 and none when the member has no interaction with them.
  double strength = 0;
  std::optional<std::int64_t> through;
  // The newest touch (mail or a message sent, a meeting: KeepInTouch.h) at
  // or before as-of, and with whom.
  std::optional<IntroTouch> last_touch;
  std::array<std::uint32_t, 5> counts{};  // at or before as-of, by InteractionKind order
  std::uint32_t total = 0;
  std::uint32_t people = 0;  // the target's people the member has interacted with
};

// Every member, ranked: strength, then more interactions, then the newer
// last touch, then the member's name. Members with nothing come last, with
// zeros. Interactions after `as_of` (upcoming meetings) count nowhere.
std::vector<IntroRank> rank_intro(const std::vector<MemberTimelines>& members, const std::vector<std::int64_t>& target,
                                  UnixSeconds as_of, double half_life_days);

}  // namespace kith::engine

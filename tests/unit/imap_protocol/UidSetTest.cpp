#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "protocol/ImapUidSet.h"

namespace {

using kith::imap::Uid;
using kith::imap::UidRange;
using kith::imap::UidSet;

TEST(ImapUidSet, FormatsRangesAndSingles) {
  EXPECT_EQ(UidSet::from_ranges({{1, 500}, {700, 700}}).to_string(), "1:500,700");
  EXPECT_EQ(UidSet().to_string(), "");
  EXPECT_EQ(UidSet::from_ranges({{4294967295u, 4294967295u}}).to_string(), "4294967295");
}

TEST(ImapUidSet, NormalizesReversedOverlappingAdjacentAndZero) {
  const UidSet set = UidSet::from_ranges({{9, 7}, {1, 3}, {4, 4}, {2, 2}, {0, 0}, {0, 1}, {20, 30}, {25, 21}});
  EXPECT_EQ(set.ranges(), (std::vector<UidRange>{{1, 4}, {7, 9}, {20, 30}}));
  EXPECT_EQ(set.size(), 4u + 3u + 11u);
}

TEST(ImapUidSet, FromUidsCoalescesRuns) {
  const std::vector<Uid> uids = {5, 1, 2, 3, 10, 11, 4, 4294967295u};
  EXPECT_EQ(UidSet::from_uids(uids).to_string(), "1:5,10:11,4294967295");
}

struct ParseCase {
  const char* text;
  const char* normalized;  // nullptr: must fail
};

TEST(ImapUidSet, ParsesSequenceSets) {
  const ParseCase cases[] = {
      {"1", "1"},
      {"1:3,5", "1:3,5"},
      {"3:1", "1:3"},
      {"7,1:2,3", "1:3,7"},
      {"4294967295", "4294967295"},
      {"1:4294967295", "1:4294967295"},
      {"", nullptr},
      {"0", nullptr},
      {"1:0", nullptr},
      {"*", nullptr},
      {"1:*", nullptr},
      {"4294967296", nullptr},
      {"99999999999999999999999999", nullptr},
      {"1,", nullptr},
      {",1", nullptr},
      {"1::2", nullptr},
      {"1 2", nullptr},
      {"a", nullptr},
  };
  for (const ParseCase& c : cases) {
    const auto parsed = UidSet::parse(c.text);
    if (c.normalized == nullptr) {
      EXPECT_FALSE(parsed.has_value()) << c.text;
    } else {
      ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().message;
      EXPECT_EQ(parsed->to_string(), c.normalized) << c.text;
    }
  }
}

TEST(ImapUidSet, ContainsAndExpand) {
  const UidSet set = UidSet::from_ranges({{1, 3}, {10, 10}});
  EXPECT_TRUE(set.contains(1));
  EXPECT_TRUE(set.contains(3));
  EXPECT_FALSE(set.contains(4));
  EXPECT_TRUE(set.contains(10));
  EXPECT_FALSE(set.contains(0));
  EXPECT_FALSE(set.contains(11));
  EXPECT_EQ(set.expand(4), (std::vector<Uid>{1, 2, 3, 10}));
  EXPECT_FALSE(set.expand(3).has_value());
}

TEST(ImapUidSet, ExpansionOfAHugeSetIsRefusedNotAttempted) {
  const UidSet all = UidSet::from_ranges({{1, 4294967295u}});
  EXPECT_EQ(all.size(), 4294967295u);
  EXPECT_FALSE(all.expand(1'000'000).has_value());
  const UidSet top = UidSet::from_ranges({{4294967290u, 4294967295u}});
  EXPECT_EQ(top.expand(10)->back(), 4294967295u);  // loop ends at the top UID without wrapping
}

TEST(ImapUidSet, AddMatchesASetModel) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    UidSet set;
    std::set<Uid> model;
    for (int i = 0; i < 60; ++i) {
      Uid a = std::uniform_int_distribution<Uid>(0, 120)(rng);
      Uid b = a + std::uniform_int_distribution<Uid>(0, 5)(rng);
      if (rng() % 2) std::swap(a, b);
      set.add(UidRange{a, b});
      for (Uid u = std::min(a, b); u <= std::max(a, b); ++u) {
        if (u != 0) model.insert(u);
      }
    }
    const std::vector<Uid> expected(model.begin(), model.end());
    ASSERT_EQ(set.expand(1000), expected);
    // Normal form: sorted, disjoint, not adjacent.
    for (std::size_t i = 1; i < set.ranges().size(); ++i) {
      ASSERT_GT(set.ranges()[i].first, set.ranges()[i - 1].last + 1);
    }
    ASSERT_EQ(UidSet::parse(set.to_string()).value(), set);
  }
}

TEST(ImapUidSet, AddInAscendingOrderBuildsRanges) {
  UidSet set;
  for (Uid uid = 1; uid <= 100000; ++uid) {
    if (uid % 1000 != 0) set.add(uid);
  }
  EXPECT_EQ(set.ranges().size(), 100u);
  EXPECT_EQ(set.size(), 99900u);
  set.add(4294967295u);
  set.add(4294967295u);
  EXPECT_EQ(set.ranges().back(), (UidRange{4294967295u, 4294967295u}));
}

TEST(ImapUidSet, SplitKeepsEachPieceWithinTheLimitAndCoversTheSet) {
  std::vector<Uid> uids;
  for (Uid uid = 1; uid < 200000; uid += 2) uids.push_back(uid);  // no runs: worst case
  const UidSet set = UidSet::from_uids(uids);
  for (std::size_t limit : {std::size_t{21}, std::size_t{100}, std::size_t{8000}}) {
    const std::vector<UidSet> pieces = set.split(limit);
    ASSERT_FALSE(pieces.empty());
    UidSet joined;
    Uid previous_last = 0;
    for (const UidSet& piece : pieces) {
      EXPECT_LE(piece.to_string().size(), limit);
      EXPECT_FALSE(piece.empty());
      EXPECT_GT(piece.ranges().front().first, previous_last);  // ascending, no overlap
      previous_last = piece.ranges().back().last;
      for (const UidRange& r : piece.ranges()) joined.add(r);
    }
    EXPECT_EQ(joined, set);
  }
  EXPECT_TRUE(set.split(20).empty());
  EXPECT_TRUE(UidSet().split(100).empty());
  EXPECT_EQ(UidSet::from_ranges({{1, 9}}).split(21).size(), 1u);
}

}  // namespace

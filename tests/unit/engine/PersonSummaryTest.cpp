// A kept summary answers exactly as the timeline does, at every moment it
// covers; the store remakes it when the person's interactions change.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "StoreBackends.h"
#include "TempDir.h"
#include "relate/PersonSummary.h"
#include "relate/Relationships.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {
namespace person_summary_test {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kNow = 1'780'000'000;

std::vector<TimelineEntry> random_timeline(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> kind(0, 4), count(0, 60), participants(1, 5);
  std::uniform_real_distribution<double> age(-40, 1500);
  std::vector<TimelineEntry> t;
  const int n = count(rng);
  for (int i = 0; i < n; ++i)
    t.push_back({static_cast<InteractionKind>(kind(rng)), kNow - static_cast<UnixSeconds>(age(rng) * kDay),
                 static_cast<std::uint32_t>(participants(rng)), i + 1});
  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  return t;
}

TEST(PersonSummary, AnswersAsTheTimelineDoesWhereverItCovers) {
  std::mt19937_64 rng(7);
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    const auto timeline = random_timeline(rng);
    const PersonSummary kept = summarize(timeline, kNow, 90);
    for (double days : {-50.0, -3.0, 0.0, 0.4, 2.0, 17.0, 200.0, 900.0}) {
      const UnixSeconds as_of = kNow + static_cast<UnixSeconds>(days * kDay);
      if (!covers(kept, as_of, 90)) continue;
      ++compared;
      SCOPED_TRACE("round " + std::to_string(round) + ", as-of +" + std::to_string(days) + " days");
      const auto direct = keep_in_touch_facts(timeline, 30, std::nullopt, as_of);
      const auto from_kept = keep_in_touch_facts(kept, 30, std::nullopt, as_of);
      EXPECT_EQ(from_kept.due_at, direct.due_at);
      EXPECT_EQ(from_kept.overdue_days, direct.overdue_days);
      EXPECT_EQ(from_kept.planned, direct.planned);
      EXPECT_EQ(from_kept.awaiting_reply, direct.awaiting_reply);
      EXPECT_EQ(from_kept.usual_gap_days, direct.usual_gap_days);
      EXPECT_EQ(from_kept.days_since_last, direct.days_since_last);
      EXPECT_NEAR(strength_score(kept, as_of), strength_of(timeline, as_of, 90).score, 0.1 + 1e-9);
    }
    EXPECT_FALSE(covers(kept, kNow, 30)) << "another half-life";
  }
  EXPECT_GT(compared, 1000);
}

// The usual gap a summary keeps holds from gap_from to just before
// gap_until, and there the window's first day changes.
TEST(UsualGap, HoldsExactlyBetweenItsMoments) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> count(0, 40), day(20'000, 21'200), offset(-400, 900);
  int ranges = 0;
  for (int round = 0; round < 500; ++round) {
    std::vector<std::int32_t> days;
    for (int i = count(rng); i > 0; --i) days.push_back(day(rng));
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    const UnixSeconds as_of = (days.empty() ? 20'500 : days.back()) * kDay + offset(rng) * kDay + 4321;
    const UsualGap gap = usual_gap(days, as_of);
    SCOPED_TRACE("round " + std::to_string(round));
    if (gap.from) {
      ASSERT_LE(*gap.from, as_of);
      EXPECT_EQ(usual_gap(days, *gap.from).days, gap.days);
      EXPECT_EQ(usual_gap(days, *gap.from - 1).until, *gap.from) << "the moment before holds one more day";
    }
    if (gap.until) {
      ASSERT_GT(*gap.until, as_of);
      EXPECT_EQ(usual_gap(days, *gap.until - 1).days, gap.days);
      EXPECT_EQ(usual_gap(days, *gap.until).from, *gap.until) << "the first day has left the window";
      ++ranges;
    }
  }
  EXPECT_GT(ranges, 100);
}

TEST(PersonSummary, CoversFromItsLastInteractionToItsNext) {
  const std::vector<TimelineEntry> t = {{InteractionKind::EmailSent, kNow - 10 * kDay, 1, 1},
                                        {InteractionKind::Meeting, kNow + 5 * kDay, 1, 2}};
  const PersonSummary s = summarize(t, kNow, 90);
  EXPECT_FALSE(covers(s, kNow - 11 * kDay, 90));
  EXPECT_TRUE(covers(s, kNow - 10 * kDay, 90));
  EXPECT_TRUE(covers(s, kNow + 5 * kDay - 1, 90));
  EXPECT_FALSE(covers(s, kNow + 5 * kDay, 90)) << "the meeting has taken place: a touch the summary lacks";
  EXPECT_EQ(s.next_meeting, kNow + 5 * kDay);
}

class PersonSummaryStore : public kith::test::StoreBackendTest {};

TEST_P(PersonSummaryStore, TheStoreRemakesWhatChanged) {
  auto& store = *this->store;
  auto mail = [](const std::string& address, UnixSeconds when, const std::string& key) {
    ExtractedBatch b;
    b.mail.push_back({key, {{InteractionKind::EmailSent, address, "", when, key, "", HandleKind::Email, ""}}});
    return b;
  };
  ASSERT_TRUE(store.apply("a", mail("ann@example.org", kNow - 20 * kDay, "1")));
  ASSERT_TRUE(store.apply("a", mail("bob@example.org", kNow - 10 * kDay, "2")));
  RelationshipSettings settings;
  auto refreshed = refresh_summaries(store, settings);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(*refreshed, 2u);
  refreshed = refresh_summaries(store, settings);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(*refreshed, 0u) << "nothing changed";

  // How many people come with a kept summary (those changed since come without).
  auto kept = [&]() {
    auto people = store.people_with_summaries(PeopleQuery{});
    EXPECT_TRUE(people);
    return people ? std::count_if(people->begin(), people->end(), [](const auto& p) { return p.kept.has_value(); }) : -1;
  };
  ASSERT_TRUE(store.apply("a", mail("ann@example.org", kNow - 5 * kDay, "3")));
  EXPECT_EQ(kept(), 1) << "Ann's is out of date";
  refreshed = refresh_summaries(store, settings);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(*refreshed, 1u);

  // A merge moves handles; an ignore removes interactions: both count.
  auto people = store.people();
  ASSERT_TRUE(people);
  ASSERT_TRUE(store.merge_people(people->at(0).id, {people->at(1).id}));
  EXPECT_EQ(kept(), 0);
  ASSERT_TRUE(refresh_summaries(store, settings));
  ASSERT_TRUE(store.ignore({"bob@example.org"}));
  EXPECT_EQ(kept(), 0);

  // Whatever the kept state, the views agree with the timelines.
  auto views = person_views(store, settings, kNow);
  ASSERT_TRUE(views);
  ASSERT_EQ(views->size(), 1u);
  EXPECT_EQ(views->front().facts.last_touch->at, kNow - 5 * kDay);
  settings.half_life_days = 30;
  refreshed = refresh_summaries(store, settings);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(*refreshed, 1u) << "another half-life remakes them";
}

KITH_ON_EVERY_STORE_BACKEND(PersonSummaryStore);

}  // namespace person_summary_test
}  // namespace kith::engine

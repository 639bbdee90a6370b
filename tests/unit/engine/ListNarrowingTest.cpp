// The relationship lists ask the store for only the people they could show
// (PeopleQuery); the narrowed lists must be exactly the lists made from
// everyone, at any moment, the kept summaries' or another.
#include <gtest/gtest.h>

#include <random>

#include "StoreBackends.h"
#include "TempDir.h"
#include "relate/Relationships.h"
#include "store/SqlHistoryStore.h"
#include "util/Time.h"

namespace kith::engine {
namespace list_narrowing_test {

constexpr UnixSeconds kDay = 86400;

// Who a list holds, in its order, with what it ranks them by.
enum class Rank { Due, Awaiting, Drift };
struct Listed {
  std::int64_t id;
  std::optional<double> key;
  bool operator==(const Listed&) const = default;
};

std::vector<Listed> ids(const std::vector<const PersonView*>& list, Rank rank) {
  std::vector<Listed> out;
  for (const PersonView* v : list) {
    const auto& f = v->facts;
    std::optional<double> key;
    if (rank == Rank::Due) key = static_cast<double>(*f.due_at);
    if (rank == Rank::Awaiting) key = static_cast<double>(f.last_received->at);
    if (rank == Rank::Drift) key = *f.drift_ratio * v->strength;
    out.push_back({v->person.id, key});
  }
  return out;
}

class ListNarrowing : public kith::test::StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> kind(0, 2), count(1, 40);
    std::uniform_real_distribution<double> unit(0, 1);
    ExtractedBatch batch;
    int key = 0;
    for (int person = 0; person < 300; ++person) {
      const std::string address = "p" + std::to_string(person) + "@example.org";
      // Each at their own rhythm; some quiet for a long while.
      const double quiet = unit(rng) < 0.3 ? unit(rng) * 300 : unit(rng) * 15;
      const double span = 20 + unit(rng) * 900;
      for (int n = count(rng); n > 0; --n) {
        const UnixSeconds when = now_ - static_cast<UnixSeconds>((quiet + unit(rng) * span) * kDay);
        const std::string k = std::to_string(++key);
        const int which = kind(rng);
        if (which == 2) {
          // Some meetings are still to come.
          const UnixSeconds start = unit(rng) < 0.1 ? now_ + static_cast<UnixSeconds>(unit(rng) * 60 * kDay) : when;
          batch.events.push_back({"cal", k + ".ics", k, {{InteractionKind::Meeting, address, "", start, "e" + k, "Meeting",
                                                          HandleKind::Email, ""}}, "", {}});
        } else {
          batch.mail.push_back({k, {{which ? InteractionKind::EmailSent : InteractionKind::EmailReceived, address, "", when,
                                     k, "Subject", HandleKind::Email, ""}}});
        }
      }
    }
    ASSERT_TRUE(store->apply("a", batch));
    ASSERT_TRUE(store->set_tag_cadence("network", 60));
    auto people = store->people();
    ASSERT_TRUE(people);
    for (std::size_t i = 0; i < people->size(); ++i) {
      const std::int64_t id = (*people)[i].id;
      if (i % 3 == 0) {
        ASSERT_TRUE(store->tag_person(id, {"network"}, true));
      }
      if (i % 10 == 0) {
        ASSERT_TRUE(store->set_person_cadence(id, 14));
      }
      if (i % 17 == 0) {
        ASSERT_TRUE(store->snooze_person(id, now_ + 9 * kDay));
      }
    }
    ASSERT_TRUE(refresh_summaries(*store, {}));
  }

  std::vector<PersonView> views(RelationshipSettings settings, UnixSeconds as_of) {
    auto v = person_views(*store, settings, as_of);
    EXPECT_TRUE(v) << v.status().message();
    return v ? std::move(*v) : std::vector<PersonView>{};
  }

  const UnixSeconds now_ = now_utc();
};

TEST_P(ListNarrowing, NarrowedListsAreTheListsOfEveryone) {
  std::size_t listed = 0;
  // The kept summaries' moment, moments they cover, and moments they do
  // not (an earlier one reads timelines; a later one passes meetings).
  for (const double days : {0.0, 0.5, 3.0, 20.0, 45.0, -1.0, -30.0, -200.0}) {
    const UnixSeconds as_of = now_ + static_cast<UnixSeconds>(days * kDay);
    SCOPED_TRACE("as-of " + format_rfc3339(as_of));
    RelationshipSettings everyone;
    const auto all = views(everyone, as_of);

    RelationshipSettings due = everyone;
    due.drift = false;
    due.with_cadence = true;
    const auto due_all = ids(due_list(all, as_of, 14, ""), Rank::Due);
    EXPECT_EQ(ids(due_list(views(due, as_of), as_of, 14, ""), Rank::Due), due_all);

    RelationshipSettings awaiting = due;
    awaiting.with_cadence = false;
    awaiting.received_since = as_of - 30 * kDay;
    const auto awaiting_all = ids(awaiting_list(all, as_of, 30), Rank::Awaiting);
    EXPECT_EQ(ids(awaiting_list(views(awaiting, as_of), as_of, 30), Rank::Awaiting), awaiting_all);

    for (const double ratio : {1.0, 2.0, 3.5}) {
      RelationshipSettings drift = everyone;
      drift.min_days = kDriftMinDays;
      drift.min_drift_ratio = ratio;
      const auto drift_all = ids(drift_list(all, ratio), Rank::Drift);
      EXPECT_EQ(ids(drift_list(views(drift, as_of), ratio), Rank::Drift), drift_all) << "ratio " << ratio;
      listed += drift_all.size();
    }
    listed += due_all.size() + awaiting_all.size();
  }
  EXPECT_GT(listed, 500u) << "the lists are not empty";
}

TEST_P(ListNarrowing, SomeoneChangedSinceTheirSummaryIsAlwaysRead) {
  // Everyone's summary says no mail came in the last day.
  PeopleQuery query;
  query.as_of = now_;
  query.half_life_days = kDefaultHalfLifeDays;
  query.received_since = now_ - kDay / 2;
  auto before = store->people_with_summaries(query);
  ASSERT_TRUE(before);
  const std::size_t narrowed = before->size();

  ExtractedBatch b;
  b.mail.push_back({"new", {{InteractionKind::EmailReceived, "p7@example.org", "", now_ - 3600, "new", "Hello",
                             HandleKind::Email, ""}}});
  ASSERT_TRUE(store->apply("a", b));
  auto after = store->people_with_summaries(query);
  ASSERT_TRUE(after);
  auto seven = store->person_with_handle(HandleKind::Email, "p7@example.org");
  ASSERT_TRUE(seven);
  ASSERT_TRUE(*seven);
  ASSERT_EQ(after->size(), narrowed + 1);
  auto found = std::find_if(after->begin(), after->end(), [&](const auto& p) { return p.person.id == **seven; });
  ASSERT_NE(found, after->end());
  EXPECT_FALSE(found->kept) << "the changed person comes without their out-of-date summary";

  // The list made from it (after the summaries are remade) has them.
  RelationshipSettings awaiting;
  awaiting.drift = false;
  awaiting.received_since = now_ - 30 * kDay;
  const auto awaiting_views = views(awaiting, now_);  // the list points into them
  const auto list = awaiting_list(awaiting_views, now_, 30);
  EXPECT_TRUE(std::any_of(list.begin(), list.end(), [&](const PersonView* v) {
    return v->person.id == **seven && v->facts.last_received->at == now_ - 3600;
  }));
}

KITH_ON_EVERY_STORE_BACKEND(ListNarrowing);

}  // namespace list_narrowing_test
}  // namespace kith::engine

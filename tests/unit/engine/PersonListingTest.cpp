// A list of everyone reads each person's listing (name, handles, group)
// kept beside their summary (schema 9), in one scan. It is a cache: after
// anything that changes a person, before and after their summary is made
// again, the lists must show exactly what the contacts themselves say.
#include <gtest/gtest.h>

#include "StoreBackends.h"
#include "TempDir.h"
#include "relate/Relationships.h"
#include "store/SqlHistoryStore.h"
#include "util/Time.h"

namespace kith::engine {
namespace person_listing_test {

constexpr UnixSeconds kT = 1'780'000'000;

Interaction mail(const std::string& address, const std::string& name, UnixSeconds when, const std::string& key) {
  return {InteractionKind::EmailReceived, address, name, when, key, "subject " + key, HandleKind::Email, ""};
}

class PersonListing : public kith::test::StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    ExtractedBatch b;
    int key = 0;
    for (const auto& [address, name] : std::vector<std::pair<std::string, std::string>>{
             {"dana@example.net", "Dana W."},
             {"dana.whitfield@example.com", "Dana Whitfield"},
             {"ben@example.com", "Ben Okafor"},
             {"ines@example.org", ""},
             {"omar@example.org", "Omar Haddad"}}) {
      for (int n = 0; n < 3; ++n) {
        const std::string k = std::to_string(++key);
        b.mail.push_back({k, {mail(address, name, kT + key * 3600, k)}});
      }
    }
    ASSERT_TRUE(store->apply("acct", b));
    refresh();
  }

  void refresh() {
    auto made = refresh_summaries(*store, {});
    ASSERT_TRUE(made) << made.status().message();
  }

  std::int64_t id_of(const std::string& address) {
    auto id = store->person_with_handle(HandleKind::Email, address);
    EXPECT_TRUE(id && *id);
    return id && *id ? **id : 0;
  }

  std::size_t count(const std::string& sql) { return static_cast<std::size_t>(scalar(sql)); }

  // What a list of everyone shows of each person.
  std::vector<Person> listed() {
    PeopleQuery query;
    query.all_handles = true;
    query.as_of = kT + 100 * 86400;
    query.half_life_days = kDefaultHalfLifeDays;
    auto rows = store->people_with_summaries(query);
    EXPECT_TRUE(rows) << rows.status().message();
    std::vector<Person> out;
    if (rows)
      for (auto& row : *rows) out.push_back(std::move(row.person));
    return out;
  }

  // Lists of everyone agree with the contacts, before the changed are
  // summarized again and after.
  void expect_lists_agree(const std::string& after) {
    SCOPED_TRACE(after);
    auto truth = store->people(std::nullopt, true);
    ASSERT_TRUE(truth);
    auto same = [&](const char* when) {
      SCOPED_TRACE(when);
      const auto list = listed();
      ASSERT_EQ(list.size(), truth->size());
      for (std::size_t i = 0; i < list.size(); ++i) {
        const Person& a = list[i];
        const Person& b = (*truth)[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.name, b.name) << a.id;
        EXPECT_EQ(a.renamed, b.renamed) << a.id;
        EXPECT_EQ(a.handles, b.handles) << a.id;
        EXPECT_EQ(a.tags, b.tags) << a.id;
        EXPECT_EQ(a.cadence_days, b.cadence_days) << a.id;
        EXPECT_EQ(a.snoozed_until, b.snoozed_until) << a.id;
        EXPECT_EQ(a.ignored, b.ignored) << a.id;
      }
    };
    same("before the summaries are made again");
    refresh();
    truth = store->people(std::nullopt, true);
    ASSERT_TRUE(truth);
    same("after");
    EXPECT_EQ(count("SELECT COUNT(*) FROM changed_people"), 0u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM person_summaries WHERE listing IS NULL"), 0u);
  }

};

TEST_P(PersonListing, IsKeptWithEverySummary) {
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_summaries WHERE listing IS NOT NULL"), 5u);
  expect_lists_agree("a sync");
}

TEST_P(PersonListing, IsWhatTheListsRead) {
  // Behind the cache's back (no trigger): the list still shows the kept
  // name, so a list of everyone reads the listing, not the contact.
  ASSERT_TRUE(store->database().exec(on_postgres() ? "DROP TRIGGER contacts_renamed_or_regrouped ON contacts"
                                                    : "DROP TRIGGER contacts_renamed_or_regrouped"));
  ASSERT_TRUE(store->database().exec("UPDATE contacts SET name = 'Changed Behind' WHERE name = 'Ben Okafor'"));
  bool kept = false;
  for (const auto& p : listed()) kept = kept || p.name == "Ben Okafor";
  EXPECT_TRUE(kept);
}

TEST_P(PersonListing, FollowsACardThatAddsAHandleAndAName) {
  ExtractedBatch b;
  ContactCard card;
  card.collection = "contacts";
  card.resource = "ines.vcf";
  card.formatted_name = "Ines Kim";
  card.handles = {{HandleKind::Email, "ines@example.org", ""}, {HandleKind::Phone, "+15550100", ""}};
  b.cards.push_back(card);
  ASSERT_TRUE(store->apply("book", b));
  expect_lists_agree("a card");
}

TEST_P(PersonListing, FollowsMergesAndSplits) {
  const auto a = id_of("dana@example.net");
  const auto b = id_of("dana.whitfield@example.com");
  ASSERT_TRUE(store->merge_people(a, {b}));
  expect_lists_agree("a merge");
  auto split = store->split_person(a, HandleKind::Email, "dana.whitfield@example.com");
  ASSERT_TRUE(split) << split.status().message();
  expect_lists_agree("a split");
}

TEST_P(PersonListing, FollowsDecisions) {
  const auto ben = id_of("ben@example.com");
  ASSERT_TRUE(store->rename_person(ben, "Benjamin"));
  ASSERT_TRUE(store->tag_person(ben, {"friends", "work"}, true));
  ASSERT_TRUE(store->set_person_cadence(ben, 21));
  ASSERT_TRUE(store->snooze_person(id_of("omar@example.org"), kT + 200 * 86400));
  expect_lists_agree("a rename, tags, a cadence and a snooze");
  ASSERT_TRUE(store->ignore({"@example.org"}));
  expect_lists_agree("an ignore");
}

TEST_P(PersonListing, OfAnotherLayoutIsReadFromTheContact) {
  ASSERT_TRUE(store->database().exec(on_postgres() ? "UPDATE person_summaries SET listing = '\\x0400FFFE01'::bytea"
                                                    : "UPDATE person_summaries SET listing = x'0400FFFE01'"));
  const auto list = listed();
  auto truth = store->people(std::nullopt, true);
  ASSERT_TRUE(truth);
  ASSERT_EQ(list.size(), truth->size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(list[i].name, (*truth)[i].name);
    EXPECT_EQ(list[i].handles, (*truth)[i].handles);
  }
}

KITH_ON_EVERY_STORE_BACKEND(PersonListing);

}  // namespace person_listing_test
}  // namespace kith::engine

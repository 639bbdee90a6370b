// The user's decisions about people in the store (store/PeopleRows.cpp):
// kept by handle, they hold through syncs, a full re-read and a store
// rebuilt from the same decisions.
#include <gtest/gtest.h>

#include <algorithm>

#include "StoreBackends.h"
#include "TempDir.h"
#include "relate/MergeSuggestions.h"
#include "relate/NameFold.h"
#include "relate/PersonLookup.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {
namespace people_store_test {

using kith::test::TempDir;

constexpr UnixSeconds kT = 1'780'000'000;

Interaction received(const std::string& address, const std::string& name, UnixSeconds when, const std::string& key) {
  return {InteractionKind::EmailReceived, address, name, when, key, "subject " + key, HandleKind::Email, ""};
}

// The sample's mail, as a sync delivers it: Dana writes from two addresses.
ExtractedBatch mailbox() {
  ExtractedBatch b;
  auto add = [&](Interaction i) {
    std::string key = i.dedupe_key;
    b.mail.push_back({key, {std::move(i)}});
  };
  add(received("dana@example.net", "Dana Whitfield", kT, "m1"));
  add(received("dana@example.net", "Dana W.", kT + 10, "m2"));
  add(received("dana@example.net", "Dana W.", kT + 20, "m3"));
  add(received("dana.whitfield@example.com", "Dana Whitfield", kT + 30, "m4"));
  add(received("ben@example.com", "Ben Okafor", kT + 40, "m5"));
  add(received("news@mail.shop.example", "Shop", kT + 50, "m6"));
  add(received("deals@shop.example", "Shop", kT + 60, "m7"));
  add(received("ann@shopexample.org", "Ann", kT + 70, "m8"));
  return b;
}

class PeopleStoreTest : public kith::test::StoreBackendTest {
 protected:
  void open() {
    store.reset();
    store = reopen();
    ASSERT_TRUE(store);
  }
  void sync() {
    auto applied = store->apply("acct", mailbox());
    ASSERT_TRUE(applied) << applied.status().message();
  }
  std::vector<Person> people() {
    auto p = store->people();
    EXPECT_TRUE(p) << p.status().message();
    return p ? *p : std::vector<Person>{};
  }
  // A copy: each call reads the people again.
  Person person(const std::string& who) {
    const auto all = people();
    auto p = find_person(all, who);
    EXPECT_TRUE(p) << p.status().message();
    return p ? **p : Person{};
  }
  std::size_t count(const std::string& sql) { return static_cast<std::size_t>(scalar(sql)); }
  std::size_t count_interactions(std::int64_t person) {
    return count("SELECT COUNT(*) FROM interactions i JOIN handles h ON h.id = i.handle_id WHERE h.contact_id = " +
                 std::to_string(person));
  }
  // Each person's handles, as "value value ...", sorted by person.
  std::vector<std::string> groups() {
    std::vector<std::string> out;
    for (const auto& p : people()) {
      std::string line;
      for (const auto& [kind, value] : p.handles) line += (line.empty() ? "" : " ") + value;
      out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_P(PeopleStoreTest, TheNameIsTheOneSeenMostOften) {
  sync();
  EXPECT_EQ(person("dana@example.net").name, "Dana W.");
  EXPECT_EQ(person("dana.whitfield@example.com").name, "Dana Whitfield");
  // Reading the same mail again counts nothing twice.
  sync();
  ASSERT_TRUE(store->apply("other-account", mailbox()));
  EXPECT_EQ(count("SELECT SUM(seen) FROM handle_names"), 8u);
}

TEST_P(PeopleStoreTest, MergeSplitRenameHoldThroughSyncsAndARebuild) {
  sync();
  const auto a = person("dana@example.net").id;
  const auto b = person("dana.whitfield@example.com").id;
  ASSERT_TRUE(store->merge_people(a, {b}));
  EXPECT_EQ(person("dana.whitfield@example.com").id, a);
  EXPECT_EQ(person("dana@example.net").name, "Dana Whitfield") << "2 + 1 sightings against 2";
  ASSERT_TRUE(store->rename_person(a, "Dana"));
  ASSERT_TRUE(store->tag_person(a, {"friends", "book club"}, true));
  ASSERT_TRUE(store->set_person_cadence(a, 30));
  const auto merged = groups();
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);

  // A sync, and a full re-read (the cursors forgotten), change nothing.
  sync();
  ASSERT_TRUE(store->forget_cursors("acct"));
  sync();
  EXPECT_EQ(groups(), merged);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);

  // A store rebuilt from scratch with the same decisions: everything but
  // the decision tables goes, then the mail comes again.
  ASSERT_TRUE(store->database().exec(
      "DELETE FROM interactions; DELETE FROM handle_names; DELETE FROM handles; UPDATE contacts SET group_id = NULL; "
      "DELETE FROM contacts; DELETE FROM cursors"));
  sync();
  EXPECT_EQ(groups(), merged);
  const Person dana = person("dana.whitfield@example.com");
  EXPECT_EQ(dana.name, "Dana");
  EXPECT_TRUE(dana.renamed);
  EXPECT_EQ(dana.tags, (std::vector<std::string>{"book club", "friends"}));
  EXPECT_EQ(dana.cadence_days, 30);

  // Split one address off again; that too holds.
  auto split = store->split_person(dana.id, HandleKind::Email, "dana.whitfield@example.com");
  ASSERT_TRUE(split) << split.status().message();
  EXPECT_EQ(person("dana.whitfield@example.com").id, *split);
  EXPECT_EQ(person("dana.whitfield@example.com").name, "Dana Whitfield");
  ASSERT_TRUE(store->database().exec(
      "DELETE FROM interactions; DELETE FROM handle_names; DELETE FROM handles; UPDATE contacts SET group_id = NULL; "
      "DELETE FROM contacts"));
  sync();
  EXPECT_NE(person("dana.whitfield@example.com").id, person("dana@example.net").id);
  EXPECT_EQ(person("dana@example.net").tags, (std::vector<std::string>{"book club", "friends"}));
}

TEST_P(PeopleStoreTest, SplittingTheOnlyHandleOrAStrangersIsRefused) {
  sync();
  const auto ben = person("ben@example.com").id;
  auto only = store->split_person(ben, HandleKind::Email, "ben@example.com");
  ASSERT_FALSE(only);
  EXPECT_NE(only.status().message().find("only handle"), std::string::npos);
  auto other = store->split_person(ben, HandleKind::Email, "dana@example.net");
  ASSERT_FALSE(other);
  EXPECT_NE(other.status().message().find("has no handle"), std::string::npos);
}

TEST_P(PeopleStoreTest, IgnoreRemovesAtOnceAndKeepsOut) {
  sync();
  auto removed = store->ignore({"@shop.example"});
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, 2u) << "the domain and its subdomain, not shopexample.org";
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 6u);
  sync();
  ASSERT_TRUE(store->forget_cursors("acct"));
  sync();
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 6u) << "no later sync records any";
  for (const auto& p : people())
    EXPECT_EQ(p.ignored, p.handles.front().second.find("shop.example") != std::string::npos) << p.handles.front().second;

  // Unignored, the history comes back with a full re-read, once.
  auto undone = store->unignore("@shop.example");
  ASSERT_TRUE(undone);
  EXPECT_TRUE(*undone);
  sync();
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);
  sync();
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);
  auto again = store->unignore("@shop.example");
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
}

TEST_P(PeopleStoreTest, AnIgnoredRecipientComesBackWithTheRestOfItsMessage) {
  // One message to two people; one of them ignored, then not.
  ExtractedBatch b;
  b.mail.push_back({"m", {{InteractionKind::EmailSent, "ann@example.org", "", kT, "m", "", HandleKind::Email, ""},
                          {InteractionKind::EmailSent, "bob@example.org", "", kT, "m", "", HandleKind::Email, ""}}});
  ASSERT_TRUE(store->ignore({"bob@example.org"}));
  ASSERT_TRUE(store->apply("acct", b));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);
  ASSERT_TRUE(store->unignore("bob@example.org"));
  auto applied = store->apply("acct", b);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->interactions_added, 1u);
  EXPECT_TRUE(applied->reused_keys.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 2u);
}

TEST_P(PeopleStoreTest, TheConfigsIgnoresFollowTheConfig) {
  sync();
  auto removed = store->set_config_ignores({"ben@example.com"});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 1u);
  removed = store->set_config_ignores({"ben@example.com"});
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 0u) << "unchanged: nothing to do";
  auto list = store->ignores();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().source, "config");
  ASSERT_FALSE(*store->unignore("ben@example.com")) << "only the config can drop its own entries";
  ASSERT_TRUE(store->set_config_ignores({}));
  sync();
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);
}

TEST_P(PeopleStoreTest, AnEventDeliveredAgainCountsItsNamesOnce) {
  ExtractedBatch b;
  EventInteractions e{"cal", "r.ics", "uid-2", {}, "", {}};
  e.meetings.push_back({InteractionKind::Meeting, "cal@example.org", "Calendar Name", kT, "evt:uid-2|", "", HandleKind::Email, ""});
  b.events.push_back(e);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store->apply("acct", b));  // a full re-read delivers it again
  EXPECT_EQ(count("SELECT SUM(seen) FROM handle_names"), 1u);
  b.events[0].meetings.push_back(
      {InteractionKind::Meeting, "cal@example.org", "Calendar Name", kT + 86400, "evt:uid-2|next", "", HandleKind::Email, ""});
  ASSERT_TRUE(store->apply("acct", b));
  EXPECT_EQ(count("SELECT SUM(seen) FROM handle_names"), 2u) << "a new occurrence is a new sighting";
}

TEST_P(PeopleStoreTest, AGroupMeetingKnowsItsSize) {
  ExtractedBatch b;
  EventInteractions e{"cal", "r.ics", "uid-1", {}, "", {}};
  for (const char* a : {"a@example.org", "b@example.org", "c@example.org"})
    e.meetings.push_back({InteractionKind::Meeting, a, "", kT, "evt:uid-1|", "", HandleKind::Email, ""});
  e.meetings.push_back({InteractionKind::Meeting, "a@example.org", "", kT + 86400, "evt:uid-1|x", "", HandleKind::Email, ""});
  b.events.push_back(e);
  ASSERT_TRUE(store->apply("acct", b));
  auto timelines = store->timelines(std::nullopt);
  ASSERT_TRUE(timelines);
  std::vector<std::uint32_t> sizes;
  for (const auto& [id, entries] : *timelines)
    for (const auto& entry : entries) sizes.push_back(entry.participants);
  std::sort(sizes.begin(), sizes.end());
  EXPECT_EQ(sizes, (std::vector<std::uint32_t>{1, 3, 3, 3}));
}

TEST_P(PeopleStoreTest, ACardListingTwoPeoplesHandlesJoinsThem) {
  sync();
  const auto dana = person("dana@example.net").id;
  const auto before = count_interactions(dana) + count_interactions(person("dana.whitfield@example.com").id);
  ExtractedBatch b;
  ContactCard card;
  card.collection = "contacts";
  card.resource = "dana.vcf";
  card.formatted_name = "Dana Whitfield";
  card.handles = {{HandleKind::Email, "Dana@Example.NET", ""}, {HandleKind::Email, "dana.whitfield@example.com", ""}};
  b.cards.push_back(card);
  ASSERT_TRUE(store->apply("book", b));
  EXPECT_EQ(person("dana.whitfield@example.com").id, dana) << "one person now";
  EXPECT_EQ(count_interactions(dana), before) << "with every interaction of both";
  auto shared = store->shared_cards();
  ASSERT_TRUE(shared) << shared.status().message();
  EXPECT_TRUE(shared->empty());
  auto decisions = store->decisions();
  ASSERT_TRUE(decisions);
  EXPECT_TRUE(decisions->people.empty()) << "the card said so, not the user";
}

TEST_P(PeopleStoreTest, ACardDoesNotUndoTheUsersSplitButIsSuggested) {
  sync();
  ExtractedBatch b;
  ContactCard card;
  card.collection = "contacts";
  card.resource = "dana.vcf";
  card.formatted_name = "Dana Whitfield";
  card.handles = {{HandleKind::Email, "dana@example.net", ""}};
  b.cards.push_back(card);
  ASSERT_TRUE(store->apply("book", b));
  // The user splits the second address off after the card joined it...
  card.handles.push_back({HandleKind::Email, "dana.whitfield@example.com", ""});
  b.cards = {card};
  ASSERT_TRUE(store->apply("book", b));
  const auto dana = person("dana@example.net").id;
  ASSERT_EQ(person("dana.whitfield@example.com").id, dana);
  ASSERT_TRUE(store->split_person(dana, HandleKind::Email, "dana.whitfield@example.com"));
  // ... and the card, delivered again, leaves them apart, for the user to
  // decide: `kith merge --suggest` proposes them.
  ASSERT_TRUE(store->apply("book", b));
  EXPECT_NE(person("dana.whitfield@example.com").id, person("dana@example.net").id);
  auto shared = store->shared_cards();
  ASSERT_TRUE(shared);
  ASSERT_EQ(shared->size(), 1u);
  EXPECT_EQ(shared->front().card_name, "Dana Whitfield");
}

TEST_P(PeopleStoreTest, ACardsNameOutranksTheHeadersAndARenameOutranksBoth) {
  sync();
  const auto ben = person("ben@example.com").id;
  const std::string header_name = person("ben@example.com").name;
  ASSERT_FALSE(header_name.empty());
  ExtractedBatch b;
  ContactCard card;
  card.collection = "contacts";
  card.resource = "ben.vcf";
  card.formatted_name = "Benjamin Okafor-Reyes";
  card.handles = {{HandleKind::Email, "ben@example.com", ""}};
  b.cards.push_back(card);
  ASSERT_TRUE(store->apply("book", b));
  EXPECT_EQ(person("ben@example.com").name, "Benjamin Okafor-Reyes") << "before the summaries are made again";
  ASSERT_TRUE(store->refresh_summaries([](const std::vector<TimelineEntry>&) { return PersonSummary{}; }, 90, 2000000000));
  EXPECT_EQ(person("ben@example.com").name, "Benjamin Okafor-Reyes") << "and after";
  ASSERT_TRUE(store->rename_person(ben, "Benny"));
  EXPECT_EQ(person("ben@example.com").name, "Benny");
  ASSERT_TRUE(store->rename_person(ben, ""));
  // The card gone, the headers name him again.
  b.cards.clear();
  b.card_removals.push_back({"contacts", "ben.vcf"});
  ASSERT_TRUE(store->apply("book", b));
  ASSERT_TRUE(store->refresh_summaries([](const std::vector<TimelineEntry>&) { return PersonSummary{}; }, 90, 2000000000));
  EXPECT_EQ(person("ben@example.com").name, header_name);
}

TEST_P(PeopleStoreTest, FindingAPerson) {
  sync();
  auto people = this->people();
  EXPECT_TRUE(find_person(people, "ben@example.com"));
  EXPECT_TRUE(find_person(people, "BEN@Example.com"));
  EXPECT_TRUE(find_person(people, "okafor"));
  EXPECT_TRUE(find_person(people, std::to_string(person("ben@example.com").id)));
  auto several = find_person(people, "dana");
  ASSERT_FALSE(several);
  EXPECT_NE(several.status().message().find("matches 2 people"), std::string::npos) << several.status().message();
  EXPECT_NE(several.status().message().find("dana@example.net"), std::string::npos);
  EXPECT_FALSE(find_person(people, "nobody at all"));
  EXPECT_FALSE(find_person(people, "99999"));
  // An exact name beats a fragment of a longer one.
  ASSERT_TRUE(store->rename_person(person("ann@shopexample.org").id, "Ann"));
  ASSERT_TRUE(store->rename_person(person("ben@example.com").id, "Anna Okafor"));
  people = this->people();
  auto ann = find_person(people, "ann");
  ASSERT_TRUE(ann) << ann.status().message();
  EXPECT_EQ((*ann)->name, "Ann");
}

TEST(NameFold, CaseAccentsAndSpaces) {
  EXPECT_EQ(fold_name("  José   MARTÍNEZ "), "jose martinez");
  EXPECT_EQ(fold_name("Søren Kjær"), fold_name("søren kjær"));
  EXPECT_EQ(fold_name("Straße"), "strasse");
  EXPECT_EQ(fold_name("田中 優子"), "田中 優子");
  EXPECT_EQ(fold_name("Ｄａｎａ"), "dana") << "full-width letters";
  EXPECT_EQ(fold_name("Whitfield,\tDana"), "whitfield dana");
  EXPECT_EQ(fold_name("..."), "");
  EXPECT_EQ(fold_name("\xff\xfe bad"), fold_name("\xff\xfe BAD")) << "not UTF-8: still folded, never a crash";
}

TEST(MergeSuggestions, Reasons) {
  auto p = [](std::int64_t id, std::string name, std::vector<std::string> addresses, bool ignored = false) {
    Person person;
    person.id = id;
    person.name = std::move(name);
    for (auto& a : addresses) person.handles.emplace_back("email", a);
    person.ignored = ignored;
    return person;
  };
  const std::vector<Person> people = {
      p(1, "Dana Whitfield", {"dana@example.net"}),
      p(2, "dana  whitfield", {"dana@example.com"}),
      p(3, "José Martínez", {"jose@example.org"}),
      p(4, "Jose Martinez", {"jmartinez@example.com"}),
      p(5, "Ann", {"ann@a.example"}),
      p(6, "ann", {"ann.b@b.example"}),
      p(7, "Grace Kim", {"grace@example.org"}),
      p(8, "G. Kim", {"gkim@example.com"}),
      p(9, "Jose Martinez", {"spam@example.com"}, true),
  };
  const auto suggestions = suggest_merges(people, {{"Grace Kim", {7, 8}}, {"Solo", {7}}});
  ASSERT_EQ(suggestions.size(), 4u);
  EXPECT_EQ(suggestions[0].people, (std::vector<std::int64_t>{7, 8}));
  EXPECT_DOUBLE_EQ(suggestions[0].confidence, 0.99);
  EXPECT_EQ(suggestions[1].people, (std::vector<std::int64_t>{1, 2}));
  EXPECT_DOUBLE_EQ(suggestions[1].confidence, 0.95);
  EXPECT_NE(suggestions[1].reasons[0].find("'dana' at two domains"), std::string::npos);
  EXPECT_EQ(suggestions[2].people, (std::vector<std::int64_t>{3, 4}));
  EXPECT_DOUBLE_EQ(suggestions[2].confidence, 0.8);
  EXPECT_EQ(suggestions[3].people, (std::vector<std::int64_t>{5, 6}));
  EXPECT_DOUBLE_EQ(suggestions[3].confidence, 0.5);
}

TEST(MergeSuggestions, ManyNamesakesAreOneSuggestion) {
  std::vector<Person> people;
  for (std::int64_t id = 1; id <= 200; ++id) {
    Person p;
    p.id = id;
    p.name = "Ada Okafor";
    p.handles.emplace_back("email", "ada" + std::to_string(id) + "@d" + std::to_string(id) + ".example");
    people.push_back(p);
  }
  people[10].handles = {{"email", "ada@one.example"}};
  people[20].handles = {{"email", "ada@two.example"}};
  const auto suggestions = suggest_merges(people, {});
  ASSERT_EQ(suggestions.size(), 2u);
  EXPECT_EQ(suggestions[0].people, (std::vector<std::int64_t>{11, 21}));
  EXPECT_DOUBLE_EQ(suggestions[0].confidence, 0.95);
  EXPECT_EQ(suggestions[1].people.size(), 198u);
  EXPECT_DOUBLE_EQ(suggestions[1].confidence, 0.8 / 197);
  EXPECT_NE(suggestions[1].reasons[0].find("(198 people)"), std::string::npos);
}

KITH_ON_EVERY_STORE_BACKEND(PeopleStoreTest);

}  // namespace people_store_test
}  // namespace kith::engine

// Teams (issue 15): [[member]] tables and account owners in the config,
// whose identities count as the account's own; `kith intro`'s ranking; a
// member's view of the relationship lists (--member).
#include <gtest/gtest.h>

#include <fstream>

#include "StoreBackends.h"
#include "TempDir.h"
#include "config/Config.h"
#include "host/AccountContext.h"
#include "relate/Intro.h"
#include "relate/Relationships.h"

namespace kith::engine {
namespace team_test {

using kith::test::TempDir;

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kNow = 1'780'000'000;

class TeamConfig : public ::testing::Test {
 protected:
  Result<Config> load(const std::string& text) {
    std::ofstream(dir / "config.toml") << text;
    return load_config(dir / "config.toml", true);
  }
  std::string error(const std::string& text) {
    auto c = load(text);
    return c ? "" : c.status().message();
  }
  TempDir dir;
};

TEST_F(TeamConfig, MembersOwnAccountsAndTheirIdentitiesCountAsTheAccountsOwn) {
  auto c = load(R"(
[identity]
addresses = ["team@acme-partners.org"]
[[member]]
name = "alice"
addresses = ["Alice@Partners.example"]
handles = ["https://www.linkedin.com/in/alice"]
[[member]]
name = "bob"
addresses = ["bob@partners.example"]
[[account]]
name = "alice-mail"
provider = "local"
owner = "alice"
username = "alice.work@partners.example"
[[account]]
name = "shared"
provider = "local"
)");
  ASSERT_TRUE(c) << c.status().message();
  ASSERT_EQ(c->members.size(), 2u);
  EXPECT_EQ(c->members[0].addresses, (std::vector<std::string>{"alice@partners.example"}));
  EXPECT_EQ(c->accounts_of("alice"), (std::vector<std::string>{"alice-mail"}));
  EXPECT_TRUE(c->accounts_of("bob").empty());
  EXPECT_EQ(c->accounts[1].owner, "");
  EXPECT_EQ(owner_addresses_for(*c, c->accounts[0]),
            (std::vector<std::string>{"team@acme-partners.org", "alice@partners.example", "alice.work@partners.example"}));
  EXPECT_EQ(owner_handles_for(*c, c->accounts[0]), (std::vector<std::string>{"https://www.linkedin.com/in/alice"}));
  // An account without an owner: exactly as without members.
  EXPECT_EQ(owner_addresses_for(*c, c->accounts[1]), (std::vector<std::string>{"team@acme-partners.org"}));
  EXPECT_TRUE(owner_handles_for(*c, c->accounts[1]).empty());
}

TEST_F(TeamConfig, ErrorsNameTheMemberTheAccountAndTheLine) {
  const std::string file = (dir / "config.toml").string();
  EXPECT_EQ(error("[[member]]\nname = \"alice\"\n[[account]]\nname = \"m\"\nprovider = \"local\"\nowner = \"carol\"\n"),
            file + ":6: account 'm': owner 'carol' is no [[member]] name");
  EXPECT_EQ(error("[[member]]\nname = \"alice\"\n[[member]]\nname = \"alice\"\n"),
            file + ":3: member name 'alice' is used twice");
  EXPECT_EQ(error("[[member]]\naddresses = [\"a@b.c\"]\n"), file + ":1: [[member]] needs a non-empty 'name'");
  EXPECT_EQ(error("[[member]]\nname = \"\"\n"), file + ":1: [[member]] needs a non-empty 'name'");
  EXPECT_EQ(error("[[member]]\nname = \"a\"\naddresses = [\"nobody\"]\n"),
            file + ":3: 'nobody' in [[member]] 'a' addresses is not an email address");
  EXPECT_EQ(error("[[member]]\nname = \"a\"\ncadence = \"30d\"\n"), file + ":3: unknown key 'cadence' in [[member]]");
  EXPECT_EQ(error("[member]\nname = \"a\"\n"), file + ":1: 'member' must be written as [[member]] tables");
}

TimelineEntry entry(InteractionKind kind, UnixSeconds at, std::int64_t id) { return {kind, at, 1, id}; }

// Table-driven: each case gives each member's timelines and the target;
// the expected order, strengths (as strength_of gives them), counts, and
// last touch.
TEST(IntroRanking, RanksMembersByTheirStrongestRelationshipWithTheTarget) {
  using K = InteractionKind;
  const Timelines alice = {
      {1, {entry(K::EmailSent, kNow - 5 * kDay, 1), entry(K::EmailReceived, kNow - 4 * kDay, 2)}},
      {2, {entry(K::Meeting, kNow - 30 * kDay, 3)}},
      {9, {entry(K::EmailSent, kNow - 1 * kDay, 4)}},  // not in any target
  };
  const Timelines bob = {
      {1, {entry(K::EmailReceived, kNow - 400 * kDay, 5)}},
      {2, {entry(K::EmailSent, kNow - 2 * kDay, 6), entry(K::EmailReceived, kNow - 1 * kDay, 7),
           entry(K::Meeting, kNow - 3 * kDay, 8), entry(K::Meeting, kNow + 3 * kDay, 9)}},  // one upcoming
  };
  const Timelines carol = {{9, {entry(K::EmailSent, kNow - 1 * kDay, 10)}}};
  const std::vector<MemberTimelines> members = {{"alice", &alice}, {"bob", &bob}, {"carol", &carol}};
  auto score = [](const Timelines& t, std::int64_t person) { return strength_of(t.at(person), kNow, 90).score; };

  struct Case {
    std::string name;
    std::vector<std::int64_t> target;
    std::vector<std::string> order;
    std::vector<double> strengths;
    std::vector<std::uint32_t> totals;
    std::vector<std::optional<std::int64_t>> last_person;
  };
  const std::vector<Case> cases = {
      {"one person: alice writes both ways, bob once long ago", {1}, {"alice", "bob", "carol"},
       {score(alice, 1), score(bob, 1), 0}, {2, 1, 0}, {1, std::nullopt, std::nullopt}},
      {"a group: the max over its people, counts over all", {1, 2}, {"bob", "alice", "carol"},
       {score(bob, 2), std::max(score(alice, 1), score(alice, 2)), 0}, {4, 3, 0}, {2, 1, std::nullopt}},
      {"nobody knows them: everyone at zero, by name", {42}, {"alice", "bob", "carol"}, {0, 0, 0}, {0, 0, 0},
       {std::nullopt, std::nullopt, std::nullopt}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto ranks = rank_intro(members, c.target, kNow, 90);
    ASSERT_EQ(ranks.size(), c.order.size());
    for (std::size_t i = 0; i < ranks.size(); ++i) {
      EXPECT_EQ(ranks[i].member, c.order[i]);
      EXPECT_DOUBLE_EQ(ranks[i].strength, c.strengths[i]);
      EXPECT_EQ(ranks[i].total, c.totals[i]);
      EXPECT_EQ(ranks[i].last_touch ? std::optional<std::int64_t>(ranks[i].last_touch->person) : std::nullopt,
                c.last_person[i]);
    }
  }
  // The counts by kind; the upcoming meeting counts nowhere, the last touch is the newest past one.
  const auto group = rank_intro(members, {1, 2}, kNow, 90);
  EXPECT_EQ(group[0].counts[static_cast<std::size_t>(K::Meeting)], 1u);
  EXPECT_EQ(group[0].counts[static_cast<std::size_t>(K::EmailSent)], 1u);
  EXPECT_EQ(group[0].counts[static_cast<std::size_t>(K::EmailReceived)], 2u);
  EXPECT_EQ(group[0].last_touch->entry.interaction_id, 6) << "a touch: sent or a meeting, not received";
  EXPECT_EQ(group[0].through, 2);
  EXPECT_EQ(group[0].people, 2u);
  EXPECT_GT(group[0].strength, 0);
}

TEST(IntroRanking, TiesGoToMoreInteractionsThenTheNewerTouch) {
  using K = InteractionKind;
  // The same strength (one old meeting each is the strongest) but dan has more.
  const Timelines a = {{1, {entry(K::Meeting, kNow - 10 * kDay, 1)}}};
  const Timelines d = {{1, {entry(K::Meeting, kNow - 10 * kDay, 2)}}, {2, {entry(K::EmailReceived, kNow - 2000 * kDay, 3)}}};
  const auto ranks = rank_intro({{"ann", &a}, {"dan", &d}}, {1, 2}, kNow, 90);
  ASSERT_EQ(ranks.size(), 2u);
  EXPECT_EQ(ranks[0].strength, ranks[1].strength);
  EXPECT_EQ(ranks[0].member, "dan");
}

// A member's view: the lists and a person's facts from only what their
// accounts saw.
class MemberViews : public kith::test::StoreBackendTest {};

TEST_P(MemberViews, EachMemberSeesTheirOwnHistoryOfTheSamePerson) {
  auto& store = *this->store;
  auto mail = [](InteractionKind kind, const std::string& address, UnixSeconds when, const std::string& key) {
    ExtractedBatch b;
    b.mail.push_back({key, {{kind, address, "Dana", when, key, "subject " + key, HandleKind::Email, ""}}});
    return b;
  };
  ASSERT_TRUE(store.apply("alice-mail", mail(InteractionKind::EmailSent, "dana@acme.com", kNow - 3 * kDay, "1")));
  ASSERT_TRUE(store.apply("alice-mail", mail(InteractionKind::EmailReceived, "dana@acme.com", kNow - 2 * kDay, "2")));
  ASSERT_TRUE(store.apply("bob-mail", mail(InteractionKind::EmailSent, "dana@acme.com", kNow - 300 * kDay, "3")));
  ASSERT_TRUE(store.apply("bob-mail", mail(InteractionKind::EmailSent, "erin@acme.com", kNow - 1 * kDay, "4")));

  auto bob_seen = store.timelines_seen_by({"bob-mail"});
  ASSERT_TRUE(bob_seen) << bob_seen.status().message();
  EXPECT_EQ(bob_seen->size(), 2u);
  auto nobody = store.timelines_seen_by({});
  ASSERT_TRUE(nobody);
  EXPECT_TRUE(nobody->empty());

  RelationshipSettings settings;
  auto everyone = person_views(store, settings, kNow);
  ASSERT_TRUE(everyone);
  EXPECT_EQ(everyone->size(), 2u);
  settings.accounts = std::vector<std::string>{"alice-mail"};
  auto alice = person_views(store, settings, kNow);
  ASSERT_TRUE(alice) << alice.status().message();
  ASSERT_EQ(alice->size(), 1u) << "erin is only bob's";
  EXPECT_EQ(alice->front().facts.last->at, kNow - 2 * kDay);
  EXPECT_EQ(alice->front().facts.last_touch->at, kNow - 3 * kDay) << "a touch: what she sent";
  EXPECT_EQ(alice->front().facts.first->at, kNow - 3 * kDay);
  settings.accounts = std::vector<std::string>{"bob-mail"};
  auto bob = person_views(store, settings, kNow, alice->front().person.id);
  ASSERT_TRUE(bob);
  ASSERT_EQ(bob->size(), 1u);
  EXPECT_EQ(bob->front().facts.last_touch->at, kNow - 300 * kDay);
  EXPECT_LT(bob->front().strength, alice->front().strength);
}

// A message or a meeting two members' accounts saw is stored once and
// belongs to both.
TEST_P(MemberViews, AMessageOrAMeetingBothMembersSawIsEachsOnce) {
  auto& store = *this->store;
  ExtractedBatch mail;
  mail.mail.push_back({"m1", {{InteractionKind::EmailReceived, "dana@acme.com", "Dana", kNow - 2 * kDay, "m1",
                               "to both", HandleKind::Email, ""}}});
  ASSERT_TRUE(store.apply("alice-mail", mail));
  auto again = store.apply("bob-mail", mail);
  ASSERT_TRUE(again) << again.status().message();
  EXPECT_EQ(again->interactions_added, 0u) << "stored once";
  ASSERT_TRUE(store.apply("bob-mail", mail)) << "a third copy changes nothing";

  ExtractedBatch meeting;
  kith::engine::EventInteractions e{"work", "e1.ics", "uid-1", {}, "", {}};
  e.meetings.push_back({InteractionKind::Meeting, "dana@acme.com", "Dana", kNow - 1 * kDay, "evt:uid-1|", "Sync",
                        HandleKind::Email, ""});
  meeting.events.push_back(e);
  ASSERT_TRUE(store.apply("alice-cal", meeting));
  ASSERT_TRUE(store.apply("bob-cal", meeting));

  auto count = [&](const std::vector<std::string>& accounts) {
    auto seen = store.timelines_seen_by(accounts);
    EXPECT_TRUE(seen) << seen.status().message();
    std::size_t n = 0;
    if (seen)
      for (const auto& [person, entries] : *seen) n += entries.size();
    return n;
  };
  EXPECT_EQ(count({"alice-mail"}), 1u);
  EXPECT_EQ(count({"bob-mail"}), 1u) << "bob received it too";
  EXPECT_EQ(count({"alice-mail", "bob-mail"}), 1u) << "once for a member who owns both";
  EXPECT_EQ(count({"bob-cal"}), 1u) << "the meeting is in bob's calendar too";
  EXPECT_EQ(count({"alice-mail", "alice-cal", "bob-mail", "bob-cal"}), 2u);
  EXPECT_EQ(count({"carol-mail"}), 0u);

  // An ignore without a member removes the rows, and with them who saw them.
  auto removed = store.ignore({"dana@acme.com"});
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(count({"bob-mail", "bob-cal"}), 0u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM interaction_accounts"), 0);
}

KITH_ON_EVERY_STORE_BACKEND(MemberViews);

// Members' cadences, tags, snoozes and ignores are their own: each shapes
// that member's views alone, and an ignore removes no one's history.
class MemberDecisionsTest : public kith::test::StoreBackendTest {
 protected:
  void SetUp() override {
    kith::test::StoreBackendTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    auto mail = [](InteractionKind kind, const std::string& address, UnixSeconds when, const std::string& key) {
      ExtractedBatch b;
      b.mail.push_back({key, {{kind, address, "", when, key, "subject " + key, HandleKind::Email, ""}}});
      return b;
    };
    // Both members wrote to Dana and to Erin, 40 days ago.
    for (const char* account : {"alice-mail", "bob-mail"})
      for (const char* who : {"dana@acme.com", "erin@acme.com"})
        ASSERT_TRUE(store->apply(account, mail(InteractionKind::EmailSent, who, kNow - 40 * kDay,
                                               std::string(account) + who)));
    dana = *store->person_with_handle(HandleKind::Email, "dana@acme.com").value();
    erin = *store->person_with_handle(HandleKind::Email, "erin@acme.com").value();
  }

  std::vector<PersonView> views_of(const std::string& member) {
    RelationshipSettings settings;
    settings.accounts = std::vector<std::string>{member + "-mail"};
    settings.member = member;
    auto views = person_views(*store, settings, kNow);
    EXPECT_TRUE(views) << views.status().message();
    return views ? *views : std::vector<PersonView>{};
  }
  static const PersonView* find(const std::vector<PersonView>& views, std::int64_t id) {
    for (const auto& v : views)
      if (v.person.id == id) return &v;
    return nullptr;
  }

  std::int64_t dana = 0, erin = 0;
};

TEST_P(MemberDecisionsTest, CadencesTagsAndSnoozesAreEachMembersOwn) {
  ASSERT_TRUE(store->set_person_cadence_for("alice", dana, 30));
  ASSERT_TRUE(store->tag_person_for("alice", erin, {"client"}, true));
  ASSERT_TRUE(store->set_tag_cadence_for("alice", "client", 14));
  ASSERT_TRUE(store->snooze_person_for("bob", dana, kNow + 5 * kDay));
  ASSERT_TRUE(store->set_person_cadence_for("bob", dana, 7));

  auto alice = views_of("alice");
  ASSERT_NE(find(alice, dana), nullptr);
  EXPECT_EQ(find(alice, dana)->facts.cadence_days, 30);
  EXPECT_EQ(find(alice, dana)->facts.due_at, kNow - 10 * kDay);
  EXPECT_EQ(find(alice, erin)->person.tags, std::vector<std::string>{"client"});
  EXPECT_EQ(find(alice, erin)->facts.cadence_days, 14) << "her tag's cadence";
  const auto due_for_alice = due_list(alice, kNow, 0, "");
  ASSERT_EQ(due_for_alice.size(), 2u);

  auto bob = views_of("bob");
  EXPECT_EQ(find(bob, dana)->facts.cadence_days, 7);
  EXPECT_EQ(find(bob, dana)->facts.due_at, kNow + 5 * kDay) << "his snooze";
  EXPECT_TRUE(find(bob, erin)->person.tags.empty()) << "alice's tag is not bob's";
  EXPECT_FALSE(find(bob, erin)->facts.cadence_days);
  EXPECT_TRUE(due_list(bob, kNow, 0, "").empty());

  // The store's own decisions (no member) are untouched by either.
  auto people = store->people();
  ASSERT_TRUE(people);
  for (const auto& p : *people) {
    EXPECT_TRUE(p.tags.empty());
    EXPECT_FALSE(p.cadence_days);
    EXPECT_FALSE(p.snoozed_until);
  }
  auto cadences = store->tag_cadences();
  ASSERT_TRUE(cadences);
  EXPECT_TRUE(cadences->empty());

  // Taken back.
  ASSERT_TRUE(store->set_person_cadence_for("alice", dana, std::nullopt));
  ASSERT_TRUE(store->tag_person_for("alice", erin, {"client"}, false));
  auto own = store->member_decisions("alice");
  ASSERT_TRUE(own);
  EXPECT_TRUE(own->people.empty()) << "nothing left for alice";
  EXPECT_EQ(own->tag_cadences, (std::map<std::string, int>{{"client", 14}}));
}

TEST_P(MemberDecisionsTest, AMembersIgnoreHidesFromThemAndDeletesNoOnesHistory) {
  auto added = store->ignore_for("alice", {"@acme.com"});
  ASSERT_TRUE(added) << added.status().message();
  EXPECT_EQ(*added, 1u);
  EXPECT_EQ(*store->ignore_for("alice", {"@acme.com"}), 0u) << "already ignored";

  EXPECT_TRUE(views_of("alice").empty()) << "both are at acme.com";
  EXPECT_EQ(views_of("bob").size(), 2u);
  auto bob_seen = store->timelines_seen_by({"bob-mail"});
  ASSERT_TRUE(bob_seen);
  EXPECT_EQ(bob_seen->size(), 2u);
  auto alice_seen = store->timelines_seen_by({"alice-mail"});
  ASSERT_TRUE(alice_seen);
  EXPECT_EQ(alice_seen->size(), 2u) << "alice's own history is kept too: an ignore only hides";
  auto everyone = store->ignores();
  ASSERT_TRUE(everyone);
  EXPECT_TRUE(everyone->empty()) << "the store ignores nothing";

  // One person asked for by id is shown, ignored or not, as everywhere.
  RelationshipSettings settings;
  settings.accounts = std::vector<std::string>{"alice-mail"};
  settings.member = "alice";
  auto one = person_views(*store, settings, kNow, dana);
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_TRUE(one->front().person.ignored);

  auto gone = store->unignore_for("alice", "@acme.com");
  ASSERT_TRUE(gone);
  EXPECT_TRUE(*gone);
  EXPECT_FALSE(*store->unignore_for("alice", "@acme.com"));
  EXPECT_EQ(views_of("alice").size(), 2u);
}

TEST_P(MemberDecisionsTest, FollowAMerge) {
  ASSERT_TRUE(store->tag_person_for("alice", erin, {"client"}, true));
  ASSERT_TRUE(store->set_person_cadence_for("alice", erin, 10));
  ASSERT_TRUE(store->set_person_cadence_for("alice", dana, 20));
  ASSERT_TRUE(store->tag_person_for("bob", erin, {"friend"}, true));
  ASSERT_TRUE(store->merge_people(dana, {erin}));
  auto alice = store->member_decisions("alice");
  ASSERT_TRUE(alice);
  ASSERT_EQ(alice->people.size(), 1u);
  const auto& merged = alice->people.at(dana);
  EXPECT_EQ(merged.cadence_days, 20) << "the first person's own decision wins";
  EXPECT_EQ(merged.tags, std::vector<std::string>{"client"});
  auto bob = store->member_decisions("bob");
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->people.at(dana).tags, std::vector<std::string>{"friend"});
}

KITH_ON_EVERY_STORE_BACKEND(MemberDecisionsTest);

}  // namespace team_test
}  // namespace kith::engine

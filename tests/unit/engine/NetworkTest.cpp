#include <gtest/gtest.h>

#include <cmath>

#include "relate/Network.h"
#include "util/Time.h"

namespace kith::engine {
namespace network_test {

UnixSeconds at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// The quarter of a month, as the store counts quarters.
int quarter(int year, int m) { return year * 4 + (m - 1) / 3; }

struct World {
  std::vector<Person> people;
  std::vector<CardSummary> cards;
  std::vector<InteractionQuarter> quarters;
  std::vector<NetworkMember> members() const {
    std::vector<NetworkMember> out;
    for (std::size_t i = 0; i < people.size(); ++i)
      out.push_back({&people[i], cards[i].organization.empty() && cards[i].sources.empty() ? nullptr : &cards[i]});
    return out;
  }
};

// Three at Acme (one by card, two by domain), one at Initech, one on
// gmail (unknown organization).
World sample() {
  World w;
  auto person = [](std::int64_t id, const char* name, const char* kind, const char* handle,
                   std::vector<std::string> tags) {
    Person p;
    p.id = id;
    p.name = name;
    p.handles = {{kind, handle}};
    p.tags = std::move(tags);
    return p;
  };
  w.people = {person(1, "Ann", "email", "ann@acme.com", {"friends"}), person(2, "Bo", "email", "bo@acme.com", {}),
              person(3, "Cy", "email", "cy@gmail.com", {"climbing", "friends"}),
              person(4, "Di", "uri", "https://www.linkedin.com/in/di", {}),
              person(5, "Ed", "email", "ed@initech.example", {})};
  w.cards.resize(5);
  w.cards[3].organization = "acme.com";  // Di's LinkedIn says so
  w.cards[3].sources = {"linkedin"};
  auto add = [&](std::int64_t p, const char* account, int m, std::uint32_t n, const char* first, const char* last) {
    w.quarters.push_back({p, account, m, n, at(first), at(last)});
  };
  add(1, "mail", quarter(2025, 2), 6, "2025-02-03T10:00:00Z", "2025-02-20T10:00:00Z");
  add(1, "mail", quarter(2026, 11), 2, "2026-11-03T10:00:00Z", "2026-11-04T10:00:00Z");
  add(2, "mail", quarter(2026, 10), 2, "2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z");
  add(3, "mail", quarter(2026, 1), 4, "2026-01-05T10:00:00Z", "2026-01-09T10:00:00Z");
  add(3, "calendar", quarter(2026, 1), 2, "2026-01-06T10:00:00Z", "2026-01-07T10:00:00Z");
  add(5, "mail", quarter(2026, 12), 4, "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z");
  return w;
}

TEST(Network, ByOrganization) {
  const World w = sample();
  const auto view = network_view(w.members(), w.quarters, NetworkBy::Organization, at("2026-12-05T00:00:00Z"), FreeMail());
  ASSERT_EQ(view.groups.size(), 3u);
  // acme.com: Ann 8 + Bo 2 = 10 of 20; (unknown) Cy 6; initech 4.
  EXPECT_EQ(view.groups[0].key, "acme.com");
  EXPECT_EQ(view.groups[0].people, 3u);  // Di by card
  EXPECT_EQ(view.groups[0].active, 2u);  // Ann, Bo within 90 days; Di never
  EXPECT_DOUBLE_EQ(view.groups[0].interaction_share, 0.5);
  EXPECT_EQ(view.groups[1].key, "(unknown)");
  EXPECT_DOUBLE_EQ(view.groups[1].interaction_share, 0.3);
  EXPECT_EQ(view.groups[1].active, 0u);
  EXPECT_EQ(view.groups[2].key, "initech.example");
  EXPECT_DOUBLE_EQ(view.top_share, 0.5);
  ASSERT_TRUE(view.hhi);
  EXPECT_NEAR(*view.hhi, 0.25 + 0.09 + 0.04, 1e-12);
  EXPECT_NEAR(*view.effective_groups, 1 / 0.38, 1e-12);
}

TEST(Network, QuartersCountNewPeopleAndNewGroups) {
  const World w = sample();
  const auto view = network_view(w.members(), w.quarters, NetworkBy::Organization, at("2026-12-05T00:00:00Z"), FreeMail());
  ASSERT_EQ(view.quarters.size(), 8u);
  EXPECT_EQ(view.quarters.front().quarter, "2025-Q1");
  EXPECT_EQ(view.quarters.back().quarter, "2026-Q4");
  // 2025-Q1: Ann (acme.com new), one group, HHI 1.
  EXPECT_EQ(view.quarters[0].new_people, 1u);
  EXPECT_EQ(view.quarters[0].new_groups, 1u);
  EXPECT_DOUBLE_EQ(*view.quarters[0].hhi, 1.0);
  // 2025-Q2..Q4: nothing.
  EXPECT_FALSE(view.quarters[1].hhi);
  EXPECT_EQ(view.quarters[1].new_people, 0u);
  // 2026-Q1: Cy, (unknown) new.
  EXPECT_EQ(view.quarters[4].new_people, 1u);
  EXPECT_EQ(view.quarters[4].new_groups, 1u);
  // 2026-Q4: Bo (acme.com is not new) and Ed (initech new); Ann 2, Bo 2, Ed 4.
  EXPECT_EQ(view.quarters[7].new_people, 2u);
  EXPECT_EQ(view.quarters[7].new_groups, 1u);
  EXPECT_NEAR(*view.quarters[7].hhi, 0.5 * 0.5 + 0.5 * 0.5, 1e-12);
}

TEST(Network, BySourceTagAndYearMet) {
  const World w = sample();
  const UnixSeconds now = at("2026-12-05T00:00:00Z");
  const auto source = network_view(w.members(), w.quarters, NetworkBy::Source, now, FreeMail());
  ASSERT_EQ(source.groups.size(), 3u);
  EXPECT_EQ(source.groups[0].key, "mail");
  EXPECT_EQ(source.groups[0].people, 4u);
  EXPECT_DOUBLE_EQ(source.groups[0].interaction_share, 18.0 / 20);
  EXPECT_EQ(source.groups[1].key, "calendar");
  EXPECT_EQ(source.groups[2].key, "linkedin");
  EXPECT_EQ(source.groups[2].people, 1u);
  EXPECT_EQ(source.groups[2].interactions, 0u);

  const auto tags = network_view(w.members(), w.quarters, NetworkBy::Tag, now, FreeMail());
  ASSERT_EQ(tags.groups.size(), 3u);
  EXPECT_EQ(tags.groups[0].key, "friends");      // Ann 8 + Cy 6
  EXPECT_EQ(tags.groups[1].key, "(untagged)");   // Bo 2 + Ed 4
  EXPECT_EQ(tags.groups[2].key, "climbing");     // Cy 6
  EXPECT_DOUBLE_EQ(tags.groups[0].interaction_share, 14.0 / 26);

  const auto years = network_view(w.members(), w.quarters, NetworkBy::YearMet, now, FreeMail());
  ASSERT_EQ(years.groups.size(), 3u);
  EXPECT_EQ(years.groups[0].key, "2026");
  EXPECT_EQ(years.groups[0].people, 3u);
  EXPECT_EQ(years.groups[1].key, "2025");
  EXPECT_EQ(years.groups[2].key, "(never met)");

  const auto domains = network_view(w.members(), w.quarters, NetworkBy::Domain, now, FreeMail());
  EXPECT_EQ(domains.groups[0].key, "acme.com");
  EXPECT_EQ(domains.groups[0].people, 2u);  // Di has no address
  EXPECT_EQ(domains.groups.back().key, "(no address)");
}

TEST(Network, NobodyGivesNoConcentration) {
  const auto view = network_view({}, {}, NetworkBy::Organization, at("2026-12-05T00:00:00Z"), FreeMail());
  EXPECT_TRUE(view.groups.empty());
  EXPECT_FALSE(view.hhi);
  EXPECT_FALSE(view.effective_groups);
  EXPECT_EQ(view.quarters.size(), 8u);
}

}  // namespace network_test
}  // namespace kith::engine

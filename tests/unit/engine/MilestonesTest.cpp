#include <gtest/gtest.h>

#include "relate/Milestones.h"
#include "util/Time.h"

namespace kith::engine {
namespace milestones_test {

UnixSeconds at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

Person named(std::int64_t id, const std::string& name) {
  Person p;
  p.id = id;
  p.name = name;
  return p;
}

std::string day_text(std::int32_t day) { return format_date(static_cast<UnixSeconds>(day) * kSecondsPerDay); }

struct Fixture {
  Person person;
  CardSummary card;
  std::vector<PositionRecord> positions;
  MilestoneSubject subject(bool with_card = true, std::optional<UnixSeconds> first = std::nullopt) {
    MilestoneSubject s;
    s.person = &person;
    if (with_card) s.card = &card;
    s.first_interaction = first;
    for (const auto& p : positions) s.positions.push_back(&p);
    return s;
  }
};

std::vector<std::string> lines(const std::vector<Milestone>& list) {
  std::vector<std::string> out;
  for (const auto& m : list)
    out.push_back(day_text(m.day) + " " + m.kind + " " + m.name + " " + (m.years ? std::to_string(*m.years) : "-") +
                  " " + m.detail);
  return out;
}

TEST(Milestones, BirthdaysWithAndWithoutAYear) {
  Fixture dana, ben;
  dana.person = named(1, "Dana");
  dana.card.birthday = "1984-12-10";
  ben.person = named(2, "Ben");
  ben.card.birthday = "--11-20";
  const auto list = milestones({dana.subject(), ben.subject()}, {at("2026-12-05T12:00:00Z"), 30, 30});
  EXPECT_EQ(lines(list), (std::vector<std::string>{"2026-11-20 birthday Ben - birthday",
                                                  "2026-12-10 birthday Dana 42 turns 42"}));
}

TEST(Milestones, TheWindowCrossesTheYear) {
  Fixture f;
  f.person = named(1, "Ann");
  f.card.birthday = "1990-01-02";
  f.card.anniversary = "--12-30";
  const auto list = milestones({f.subject()}, {at("2026-12-28T08:00:00Z"), 0, 7});
  EXPECT_EQ(lines(list), (std::vector<std::string>{"2026-12-30 anniversary Ann - anniversary",
                                                  "2027-01-02 birthday Ann 37 turns 37"}));
  // Outside the window: nothing.
  EXPECT_TRUE(milestones({f.subject()}, {at("2026-06-01T00:00:00Z"), 30, 30}).empty());
}

TEST(Milestones, TheTwentyNinthOfFebruaryFallsOnTheTwentyEighth) {
  Fixture f;
  f.person = named(1, "Leap");
  f.card.birthday = "2000-02-29";
  const auto list = milestones({f.subject()}, {at("2027-02-27T00:00:00Z"), 0, 3});
  EXPECT_EQ(lines(list), std::vector<std::string>{"2027-02-28 birthday Leap 27 turns 27"});
}

TEST(Milestones, ConnectionAnniversariesOnlyInRoundYears) {
  Fixture one, four, five;
  one.person = named(1, "One");
  one.card.connected = "2025-12-10";
  four.person = named(2, "Four");
  four.card.connected = "2022-12-10";
  five.person = named(3, "Five");
  five.card.connected = "2021-12-11";
  const auto list = milestones({one.subject(), four.subject(), five.subject()}, {at("2026-12-05T00:00:00Z"), 0, 30});
  EXPECT_EQ(lines(list), (std::vector<std::string>{"2026-12-10 connected One 1 connected 1 year ago",
                                                  "2026-12-11 connected Five 5 connected 5 years ago"}));
}

TEST(Milestones, AJobChangeIsASecondPositionOfTheSameCard) {
  Fixture f;
  f.person = named(7, "Dana Whitfield");
  f.positions = {{7, "li/connections/dana", "Initech", "Staff Engineer", at("2026-01-10T09:00:00Z")},
                 // Another source saying something else is no job change.
                 {7, "book/work/dana.vcf", "Initech GmbH", "Engineer", at("2026-02-01T09:00:00Z")},
                 {7, "li/connections/dana", "Acme", "VP Engineering", at("2026-11-03T09:00:00Z")}};
  const auto list = milestones({f.subject(false)}, {at("2026-12-05T00:00:00Z"), 60, 0});
  EXPECT_EQ(lines(list), std::vector<std::string>{
                             "2026-11-03 job_change Dana Whitfield - now VP Engineering at Acme (was Staff Engineer at Initech)"});
  // Out of the window in the past.
  EXPECT_TRUE(milestones({f.subject(false)}, {at("2026-12-05T00:00:00Z"), 30, 30}).empty());
}

TEST(Milestones, MetIsTheFirstInteractionAndItsRoundAnniversaries) {
  Fixture recent, old;
  recent.person = named(1, "New");
  old.person = named(2, "Old");
  const auto list = milestones({recent.subject(false, at("2026-11-28T10:00:00Z")),
                                old.subject(false, at("2021-12-07T10:00:00Z"))},
                               {at("2026-12-05T00:00:00Z"), 30, 30});
  EXPECT_EQ(lines(list), (std::vector<std::string>{"2026-11-28 met New - first interaction",
                                                  "2026-12-07 met Old 5 first interaction 5 years ago"}));
}

TEST(Milestones, CardDates) {
  EXPECT_TRUE(parse_card_date("1984-04-12"));
  EXPECT_EQ(parse_card_date("--04-12")->year, 0);
  EXPECT_TRUE(parse_card_date("--02-29"));
  EXPECT_FALSE(parse_card_date("2023-02-29"));
  EXPECT_FALSE(parse_card_date("1984-13-01"));
  EXPECT_FALSE(parse_card_date("1984-4-12"));
  EXPECT_FALSE(parse_card_date(""));
  EXPECT_EQ(position_text("Acme", "CTO"), "CTO at Acme");
  EXPECT_EQ(position_text("Acme", ""), "Acme");
  EXPECT_EQ(position_text("", "CTO"), "CTO");
}

}  // namespace milestones_test
}  // namespace kith::engine

// The strength score (relate/Strength.h): the published formula, term by
// term, and terms that add up to the score shown.
#include <gtest/gtest.h>

#include <cmath>

#include "relate/Strength.h"

namespace kith::engine {
namespace strength_test {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kAsOf = 1'780'000'000;

TimelineEntry at(InteractionKind kind, double days_before, std::uint32_t participants = 1) {
  return {kind, kAsOf - static_cast<UnixSeconds>(days_before * kDay), participants, 0};
}

double score_of(double raw) { return std::round(1000.0 * (1.0 - std::exp(-raw / 10.0))) / 10.0; }

TEST(Strength, TheFormula) {
  struct Case {
    const char* what;
    std::vector<TimelineEntry> timeline;
    double raw;
    double reciprocity;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, 0, 1},
      {"one mail sent today: one-way", {at(InteractionKind::EmailSent, 0)}, 0.5, 0.5},
      {"a mail sent 90 days ago counts half", {at(InteractionKind::EmailSent, 90)}, 0.25, 0.5},
      {"an exchange today", {at(InteractionKind::EmailSent, 0), at(InteractionKind::EmailReceived, 0)},
       // out 1, in 0.5: r = 0.5 + 0.5 / 1.5
       1.5 * (0.5 + 0.5 / 1.5), 0.5 + 0.5 / 1.5},
      {"an even exchange", {at(InteractionKind::EmailSent, 0), at(InteractionKind::EmailReceived, 0),
                            at(InteractionKind::EmailReceived, 0)}, 2.0, 1.0},
      {"a one-to-one meeting", {at(InteractionKind::Meeting, 0)}, 3.0, 1.0},
      {"a meeting with five other people shares its weight", {at(InteractionKind::Meeting, 0, 5)}, 0.6, 1.0},
      {"upcoming meetings count nothing yet", {at(InteractionKind::Meeting, -3)}, 0, 1.0},
      {"reciprocity leaves meetings alone", {at(InteractionKind::Meeting, 0), at(InteractionKind::MessageReceived, 0)},
       3.0 + 0.5 * 0.5, 0.5},
      {"a year-old meeting", {at(InteractionKind::Meeting, 180)}, 0.75, 1.0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const Strength s = strength_of(c.timeline, kAsOf, 90);
    EXPECT_NEAR(s.raw, c.raw, 1e-9);
    EXPECT_NEAR(s.reciprocity, c.reciprocity, 1e-9);
    EXPECT_DOUBLE_EQ(s.score, score_of(c.raw));
  }
}

TEST(Strength, TheHalfLifeIsASetting) {
  const auto timeline = std::vector<TimelineEntry>{at(InteractionKind::Meeting, 30)};
  EXPECT_NEAR(strength_of(timeline, kAsOf, 30).raw, 1.5, 1e-9);
  EXPECT_NEAR(strength_of(timeline, kAsOf, 90).raw, 3 * std::exp2(-1.0 / 3), 1e-9);
}

TEST(Strength, TermsByKindAndWindow) {
  const std::vector<TimelineEntry> timeline = {
      at(InteractionKind::EmailSent, 1),      at(InteractionKind::EmailSent, 29.9), at(InteractionKind::EmailSent, 30),
      at(InteractionKind::EmailReceived, 89), at(InteractionKind::Meeting, 90),     at(InteractionKind::Meeting, 364),
      at(InteractionKind::EmailSent, 365),    at(InteractionKind::MessageReceived, 1000)};
  const Strength s = strength_of(timeline, kAsOf, 90);
  std::vector<std::tuple<std::string, std::string, std::size_t>> got;
  for (const auto& t : s.terms) got.emplace_back(to_string(t.kind), t.window, t.count);
  EXPECT_EQ(got, (std::vector<std::tuple<std::string, std::string, std::size_t>>{
                     {"email_sent", "30d", 2},
                     {"email_sent", "90d", 1},
                     {"email_received", "90d", 1},
                     {"meeting", "1y", 2},
                     {"email_sent", "older", 1},
                     {"message_received", "older", 1}}));
}

TEST(Strength, RoundedTermsAddUpToTheRoundedScore) {
  // Many small terms whose rounded shares would not add up on their own.
  for (int n = 1; n <= 40; ++n) {
    std::vector<TimelineEntry> timeline;
    for (int i = 0; i < n; ++i)
      timeline.push_back(at(i % 3 ? InteractionKind::EmailSent : InteractionKind::Meeting, i * 37.3, 1 + i % 4));
    const Strength s = strength_of(timeline, kAsOf, 90);
    long tenths = 0;
    for (const auto& t : s.terms) tenths += std::lround(t.contribution * 10);
    EXPECT_EQ(tenths, std::lround(s.score * 10)) << n;
    EXPECT_GE(s.score, 0);
    EXPECT_LE(s.score, 100);
  }
}

TEST(Strength, MoreContactScoresHigher) {
  std::vector<TimelineEntry> some = {at(InteractionKind::EmailSent, 10), at(InteractionKind::EmailReceived, 9)};
  std::vector<TimelineEntry> more = some;
  more.push_back(at(InteractionKind::Meeting, 2));
  EXPECT_LT(strength_of(some, kAsOf, 90).score, strength_of(more, kAsOf, 90).score);
  EXPECT_GT(strength_of(some, kAsOf, 90).score, strength_of(some, kAsOf + 200 * kDay, 90).score) << "it decays";
}

}  // namespace strength_test
}  // namespace kith::engine

// The keep-in-touch rules (relate/KeepInTouch.h), table by table, on a
// fixed as-of.
#include <gtest/gtest.h>

#include "relate/KeepInTouch.h"
#include "relate/Relationships.h"
#include "util/Duration.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

constexpr UnixSeconds kDay = 86400;
const UnixSeconds kAsOf = *parse_moment("2026-06-01T12:00:00Z");

TimelineEntry at(InteractionKind kind, double days_before, std::uint32_t participants = 1) {
  static std::int64_t next_id = 1;
  return {kind, kAsOf - static_cast<UnixSeconds>(days_before * kDay), participants, next_id++};
}

constexpr auto kSent = InteractionKind::EmailSent;
constexpr auto kReceived = InteractionKind::EmailReceived;
constexpr auto kMeeting = InteractionKind::Meeting;
constexpr auto kMsgSent = InteractionKind::MessageSent;
constexpr auto kMsgReceived = InteractionKind::MessageReceived;

TEST(KeepInTouch, WhatIsATouch) {
  EXPECT_TRUE(is_touch(kSent));
  EXPECT_TRUE(is_touch(kMeeting));
  EXPECT_TRUE(is_touch(kMsgSent));
  EXPECT_FALSE(is_touch(kReceived));
  EXPECT_FALSE(is_touch(kMsgReceived));
}

TEST(KeepInTouch, CadenceResolution) {
  struct Case {
    const char* what;
    std::optional<int> own;
    std::vector<std::string> tags;
    std::optional<int> default_days;
    std::optional<int> expected;
  };
  const std::map<std::string, int> tag_cadences = {{"mentor", 60}, {"close", 14}, {"muted", 0}};
  const std::vector<Case> cases = {
      {"nothing applies", std::nullopt, {}, std::nullopt, std::nullopt},
      {"the default", std::nullopt, {}, 90, 90},
      {"a tag wins over the default", std::nullopt, {"mentor"}, 90, 60},
      {"the shortest tag wins", std::nullopt, {"mentor", "close"}, 90, 14},
      {"a tag without a cadence is no tag", std::nullopt, {"unknown"}, 90, 90},
      {"a tag set to none, alone: none", std::nullopt, {"muted"}, 90, std::nullopt},
      {"none beside a real tag cadence: the real one", std::nullopt, {"muted", "mentor"}, 90, 60},
      {"the person's own wins over tags", 30, {"close"}, 90, 30},
      {"the person's own none wins over everything", 0, {"close"}, 90, std::nullopt},
      {"a longer own cadence still wins", 365, {"close"}, 7, 365},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Person p;
    p.cadence_days = c.own;
    p.tags = c.tags;
    EXPECT_EQ(effective_cadence(p, tag_cadences, c.default_days), c.expected);
  }
}

TEST(KeepInTouch, DueAtAndOverdueDays) {
  struct Case {
    const char* what;
    std::vector<TimelineEntry> timeline;
    int cadence;
    std::optional<UnixSeconds> snoozed_until;
    UnixSeconds due_at;
    long overdue_days;
    bool planned;
  };
  const std::vector<Case> cases = {
      {"sent 40 days ago, 30-day cadence", {at(kSent, 40)}, 30, std::nullopt, kAsOf - 10 * kDay, 10, false},
      {"received mail is no touch", {at(kSent, 40), at(kReceived, 2)}, 30, std::nullopt, kAsOf - 10 * kDay, 10, false},
      {"a past meeting is a touch", {at(kSent, 40), at(kMeeting, 5)}, 30, std::nullopt, kAsOf + 25 * kDay, -25, false},
      {"a message sent is a touch", {at(kMsgSent, 31.5)}, 30, std::nullopt, kAsOf - static_cast<UnixSeconds>(1.5 * kDay), 1, false},
      {"a message received is not", {at(kSent, 50), at(kMsgReceived, 1)}, 30, std::nullopt, kAsOf - 20 * kDay, 20, false},
      {"no touch at all: due at once", {at(kReceived, 3)}, 30, std::nullopt, kAsOf, 0, false},
      {"nothing at all: due at once", {}, 30, std::nullopt, kAsOf, 0, false},
      {"whole days, toward zero", {at(kSent, 30.9)}, 30, std::nullopt, kAsOf - static_cast<UnixSeconds>(0.9 * kDay), 0, false},
      {"not yet due: negative", {at(kSent, 20)}, 30, std::nullopt, kAsOf + 10 * kDay, -10, false},
      {"a meeting before due_at: planned", {at(kSent, 20), at(kMeeting, -5)}, 30, std::nullopt, kAsOf + 10 * kDay, -10, true},
      {"a meeting after due_at: not planned", {at(kSent, 20), at(kMeeting, -15)}, 30, std::nullopt, kAsOf + 10 * kDay, -10, false},
      {"overdue with a meeting booked: still due", {at(kSent, 40), at(kMeeting, -3)}, 30, std::nullopt, kAsOf - 10 * kDay, 10, false},
      {"snoozed past due_at", {at(kSent, 40)}, 30, kAsOf + 14 * kDay, kAsOf + 14 * kDay, -14, false},
      {"a snooze older than a newer touch's due_at changes nothing", {at(kSent, 5)}, 30, kAsOf - kDay, kAsOf + 25 * kDay, -25, false},
      {"an upcoming meeting is no touch yet", {at(kSent, 40), at(kMeeting, -40)}, 30, std::nullopt, kAsOf - 10 * kDay, 10, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto f = keep_in_touch_facts(c.timeline, c.cadence, c.snoozed_until, kAsOf);
    ASSERT_TRUE(f.due_at);
    EXPECT_EQ(*f.due_at, c.due_at);
    EXPECT_EQ(*f.overdue_days, c.overdue_days);
    EXPECT_EQ(f.planned, c.planned);
  }
  EXPECT_FALSE(keep_in_touch_facts({at(kSent, 40)}, std::nullopt, std::nullopt, kAsOf).due_at) << "no cadence, no due";
}

TEST(KeepInTouch, Awaiting) {
  struct Case {
    const char* what;
    std::vector<TimelineEntry> timeline;
    int window_days;
    bool awaiting;
  };
  const std::vector<Case> cases = {
      {"they wrote after your last touch", {at(kSent, 10), at(kReceived, 5)}, 30, true},
      {"you answered", {at(kReceived, 5), at(kSent, 4)}, 30, false},
      {"a meeting since counts as an answer", {at(kReceived, 5), at(kMeeting, 1)}, 30, false},
      {"an upcoming meeting does not", {at(kReceived, 5), at(kMeeting, -1)}, 30, true},
      {"they wrote, you never did", {at(kReceived, 5)}, 30, true},
      {"outside the window", {at(kReceived, 31)}, 30, false},
      {"at the window's edge", {at(kReceived, 30)}, 30, true},
      {"a conversation message waits too", {at(kSent, 10), at(kMsgReceived, 2)}, 30, true},
      {"mail dated after as-of is not yet seen", {at(kSent, 10), at(kReceived, -1)}, 30, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto f = keep_in_touch_facts(c.timeline, std::nullopt, std::nullopt, kAsOf);
    EXPECT_EQ(is_awaiting(f, kAsOf, c.window_days), c.awaiting);
  }
}

TEST(KeepInTouch, Drift) {
  struct Case {
    const char* what;
    std::vector<TimelineEntry> timeline;
    std::optional<double> usual_gap;
    std::optional<long> days_since;
    std::optional<double> ratio;
  };
  const std::vector<Case> cases = {
      {"three days is too few", {at(kSent, 30), at(kSent, 20), at(kSent, 10)}, std::nullopt, 10, std::nullopt},
      {"four days, gaps 10 10 10", {at(kSent, 70), at(kReceived, 60), at(kMeeting, 50), at(kSent, 40)}, 10.0, 40, 4.0},
      {"same-day interactions are one day",
       {at(kSent, 70), at(kReceived, 70), at(kSent, 60), at(kSent, 50), at(kSent, 50), at(kSent, 40)}, 10.0, 40, 4.0},
      {"median of an even count: the two middle ones",
       {at(kSent, 100), at(kSent, 98), at(kSent, 90), at(kSent, 80), at(kSent, 50)}, 9.0, 50, 50.0 / 9},
      {"only the last 730 days count",
       {at(kSent, 900), at(kSent, 800), at(kSent, 720), at(kSent, 700), at(kSent, 690), at(kSent, 680)}, 10.0, 680, 68.0},
      {"upcoming meetings do not count", {at(kSent, 30), at(kSent, 20), at(kSent, 10), at(kMeeting, -5)}, std::nullopt, 10,
       std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto f = keep_in_touch_facts(c.timeline, std::nullopt, std::nullopt, kAsOf);
    EXPECT_EQ(f.usual_gap_days, c.usual_gap);
    EXPECT_EQ(f.days_since_last, c.days_since);
    ASSERT_EQ(f.drift_ratio.has_value(), c.ratio.has_value());
    if (c.ratio) {
      EXPECT_DOUBLE_EQ(*f.drift_ratio, *c.ratio);
    }
  }
}

TEST(KeepInTouch, DriftDaysAreUtcDays) {
  // 23:30 and 00:30 the next day are two interaction days an hour apart.
  const UnixSeconds midnight = *parse_moment("2026-05-01");
  std::vector<TimelineEntry> t = {{kSent, midnight - 1800, 1, 1}, {kSent, midnight + 1800, 1, 2},
                                  {kSent, midnight + 2 * kDay, 1, 3}, {kSent, midnight + 3 * kDay, 1, 4}};
  const auto f = keep_in_touch_facts(t, std::nullopt, std::nullopt, kAsOf);
  EXPECT_EQ(f.usual_gap_days, 1.0);
}

PersonView view(std::int64_t id, std::vector<TimelineEntry> timeline, std::optional<int> cadence,
                std::vector<std::string> tags = {}) {
  PersonView v;
  v.person.id = id;
  v.person.tags = std::move(tags);
  v.facts = keep_in_touch_facts(timeline, cadence, std::nullopt, kAsOf);
  v.strength = strength_of(timeline, kAsOf, 90).score;
  return v;
}

std::vector<std::int64_t> ids(const std::vector<const PersonView*>& list) {
  std::vector<std::int64_t> out;
  for (const auto* v : list) out.push_back(v->person.id);
  return out;
}

TEST(KeepInTouch, DueListOrder) {
  const std::vector<PersonView> views = {
      view(1, {at(kSent, 40)}, 30),                         // 10 days over a 30-day cadence: 0.33
      view(2, {at(kSent, 10)}, 7),                          // 3 days over a week: 0.43
      view(3, {at(kSent, 400)}, 365, {"mentor"}),           // 35 days over a year: 0.10
      view(4, {at(kSent, 20)}, 30),                         // due in 10 days
      view(5, {at(kSent, 25)}, 30),                         // due in 5 days
      view(6, {at(kSent, 5)}, 30),                          // due in 25 days: outside 14
      view(7, {at(kSent, 20), at(kMeeting, -3)}, 30),       // planned
      view(8, {at(kSent, 400)}, std::nullopt),              // no cadence
  };
  EXPECT_EQ(ids(due_list(views, kAsOf, 14, "")), (std::vector<std::int64_t>{2, 1, 3, 5, 4}));
  EXPECT_EQ(ids(due_list(views, kAsOf, 0, "")), (std::vector<std::int64_t>{2, 1, 3}));
  EXPECT_EQ(ids(due_list(views, kAsOf, 14, "mentor")), (std::vector<std::int64_t>{3}));
}

TEST(KeepInTouch, AwaitingListIsOldestFirst) {
  const std::vector<PersonView> views = {
      view(1, {at(kSent, 10), at(kReceived, 2)}, std::nullopt),
      view(2, {at(kReceived, 20)}, std::nullopt),
      view(3, {at(kReceived, 5), at(kSent, 1)}, std::nullopt),
      view(4, {at(kReceived, 40)}, std::nullopt),
  };
  EXPECT_EQ(ids(awaiting_list(views, kAsOf, 30)), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(ids(awaiting_list(views, kAsOf, 60)), (std::vector<std::int64_t>{4, 2, 1}));
}

TEST(KeepInTouch, DriftListRanksByStrengthTimesRatio) {
  std::vector<TimelineEntry> regular;  // every 10 days, then silence for 40: ratio 4
  for (int d = 150; d >= 40; d -= 10) regular.push_back(at(kMeeting, d));
  std::vector<TimelineEntry> light = {at(kReceived, 130), at(kReceived, 120), at(kReceived, 110), at(kReceived, 100)};
  const std::vector<PersonView> views = {view(1, light, std::nullopt), view(2, regular, std::nullopt),
                                         view(3, {at(kSent, 3), at(kSent, 2), at(kSent, 1), at(kSent, 0)}, std::nullopt)};
  // 1: ratio 10 but weak; 2: ratio 4 and strong; 3: not drifting.
  EXPECT_EQ(ids(drift_list(views, 2)), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(ids(drift_list(views, 5)), (std::vector<std::int64_t>{1}));
}

TEST(Duration, Forms) {
  struct Case {
    const char* text;
    std::optional<int> days;
  };
  for (const Case& c : std::vector<Case>{{"30d", 30}, {"6w", 42}, {"3m", 90}, {"1y", 365}, {"0d", std::nullopt},
                                         {"-3d", std::nullopt}, {"d", std::nullopt}, {"30", std::nullopt},
                                         {"3x", std::nullopt}, {"999999y", std::nullopt}, {"", std::nullopt},
                                         {"1.5w", std::nullopt}}) {
    SCOPED_TRACE(c.text);
    auto days = parse_days(c.text);
    EXPECT_EQ(days ? std::optional<int>(*days) : std::nullopt, c.days);
    if (!days) {
      EXPECT_NE(days.status().message().find(c.text), std::string::npos);
    }
  }
  EXPECT_EQ(*parse_cadence("none"), 0);
}

TEST(Moment, AsOfForms) {
  EXPECT_EQ(parse_moment("2026-06-01"), parse_rfc3339("2026-06-01T00:00:00Z"));
  EXPECT_EQ(parse_moment("2026-06-01T12:00:00Z"), parse_rfc3339("2026-06-01T12:00:00Z"));
  EXPECT_EQ(parse_moment("2026-06-01T14:00:00+02:00"), parse_rfc3339("2026-06-01T12:00:00Z"));
  EXPECT_EQ(parse_moment("2026-06-01T07:30:00.250-04:30"), parse_rfc3339("2026-06-01T12:00:00Z"));
  for (const char* bad : {"2026-06-01T12:00:00", "2026-02-30", "2026-6-1", "yesterday", "2026-06-01T25:00:00Z",
                          "2026-06-01T12:00:00+2", "2026-06-01T12:00:00Zjunk", ""})
    EXPECT_FALSE(parse_moment(bad)) << bad;
}

}  // namespace
}  // namespace kith::engine

// The event rules (relate/Events.h), table-driven at a fixed moment.
#include <gtest/gtest.h>

#include "relate/Events.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

UnixSeconds at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
constexpr UnixSeconds kHour = 3600;

OccurrenceRow occurrence(const char* uid, const char* start, UnixSeconds length, std::uint32_t others,
                         std::vector<std::int64_t> people = {}) {
  OccurrenceRow o;
  o.event_uid = uid;
  o.start = at(start);
  o.end = o.start + length;
  o.others = others;
  o.people = std::move(people);
  o.title = uid;
  o.collection = "/dav/calendars/me/work/";
  return o;
}

TEST(Events, WhatMakesAnOccurrenceAnEvent) {
  EventRules rules;
  rules.calendars = {"Conferences", "meetups"};
  struct Case {
    const char* what;
    std::function<void(OccurrenceRow&)> shape;
    bool event;
  };
  const std::vector<Case> cases = {
      {"five others: a meeting", [](OccurrenceRow& o) { o.others = 5; }, false},
      {"six others: an event", [](OccurrenceRow& o) { o.others = 6; }, true},
      {"all day, no location", [](OccurrenceRow& o) { o.all_day = true; }, false},
      {"all day with a location", [](OccurrenceRow& o) { o.all_day = true; o.has_location = true; }, true},
      {"23 hours with a location", [](OccurrenceRow& o) { o.end = o.start + 23 * kHour; o.has_location = true; }, false},
      {"two days with a location", [](OccurrenceRow& o) { o.end = o.start + 48 * kHour; o.has_location = true; }, true},
      {"two days, no location", [](OccurrenceRow& o) { o.end = o.start + 48 * kHour; }, false},
      {"an events calendar by display name, any case",
       [](OccurrenceRow& o) { o.calendar_name = "conferences"; }, true},
      {"an events calendar by the path's last segment",
       [](OccurrenceRow& o) { o.collection = "/dav/calendars/me/Meetups/"; }, true},
      {"another calendar", [](OccurrenceRow& o) { o.calendar_name = "Conference calls"; }, false},
  };
  for (const Case& c : cases) {
    OccurrenceRow o = occurrence("x", "2026-09-03T09:00:00Z", kHour, 1);
    c.shape(o);
    EXPECT_EQ(is_event(o, rules), c.event) << c.what;
  }
  rules.min_attendees = 2;
  EXPECT_TRUE(is_event(occurrence("x", "2026-09-03T09:00:00Z", kHour, 2), rules)) << "min_attendees is read";
}

TEST(Events, IdsAreStableAndDeclaredOnesAreNumbered) {
  EXPECT_EQ(event_id("cal:abc|"), event_id("cal:abc|"));
  EXPECT_NE(event_id("cal:abc|"), event_id("cal:abc|2026-09-03T09:00:00Z"));
  EXPECT_EQ(event_id("cal:abc|").size(), 11u);
  EXPECT_EQ(event_id("cal:abc|")[0], 'c');
  EXPECT_EQ(event_id("declared:12"), "d12");
}

TEST(Events, FindEventsSortsCalendarAndDeclaredTogether) {
  EventRules rules;
  const auto events = find_events(
      {occurrence("conf", "2026-09-03T09:00:00Z", kHour, 8, {1, 2}), occurrence("1on1", "2026-09-01T09:00:00Z", kHour, 1)},
      {{4, "RustConf 2026", at("2026-09-02T00:00:00Z"), at("2026-09-05T00:00:00Z"), "rustconf"}}, rules);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].title, "RustConf 2026");
  EXPECT_TRUE(events[0].declared);
  EXPECT_EQ(events[0].id, "d4");
  EXPECT_EQ(events[0].key, "declared:4");
  EXPECT_EQ(events[1].key, "cal:conf|");
  EXPECT_EQ(events[1].participants, (std::vector<std::int64_t>{1, 2}));
}

struct MetCase {
  const char* what;
  std::optional<const char*> first;       // first interaction
  std::optional<const char*> last_touch;  // last touch
  bool participant;
  std::optional<bool> decision;  // confirmed / rejected
  // Expected: listed?, met, new, followed up.
  bool listed;
  Met met;
  bool is_new;
  bool followed_up;
};

TEST(Events, WhoWasMetThere) {
  // The event: 3 to 5 September; the window runs 14 days after its end.
  Event e;
  e.key = "cal:conf|";
  e.start = at("2026-09-03T09:00:00Z");
  e.end = at("2026-09-05T18:00:00Z");
  EventRules rules;  // met_window_days 14
  const std::vector<MetCase> cases = {
      {"a participant never met before", std::nullopt, std::nullopt, true, std::nullopt, true, Met::Confirmed, true, false},
      {"a participant known for years, written since", "2020-01-01T00:00:00Z", "2026-09-10T10:00:00Z", true,
       std::nullopt, true, Met::Confirmed, false, true},
      {"a participant touched only during the event", "2026-09-03T09:00:00Z", "2026-09-03T09:00:00Z", true,
       std::nullopt, true, Met::Confirmed, true, false},
      {"first mail on the event's first day", "2026-09-03T09:00:00Z", std::nullopt, false, std::nullopt, true,
       Met::Likely, true, false},
      {"first mail 14 days after its end, to the second", "2026-09-19T18:00:00Z", "2026-09-20T08:00:00Z", false,
       std::nullopt, true, Met::Likely, true, true},
      {"first mail a second after the window", "2026-09-19T18:00:01Z", std::nullopt, false, std::nullopt, false,
       Met::Likely, false, false},
      {"first mail a second before the event", "2026-09-03T08:59:59Z", std::nullopt, false, std::nullopt, false,
       Met::Likely, false, false},
      {"likely, confirmed by the user", "2026-09-06T10:00:00Z", std::nullopt, false, true, true, Met::Confirmed, true,
       false},
      {"likely, rejected by the user", "2026-09-06T10:00:00Z", std::nullopt, false, false, false, Met::Likely, false,
       false},
      {"a participant the user rejected", std::nullopt, std::nullopt, true, false, false, Met::Likely, false, false},
      {"someone else the user confirmed", "2019-05-01T00:00:00Z", "2026-09-05T18:00:00Z", false, true, true,
       Met::Confirmed, false, false},
  };
  std::unordered_map<std::int64_t, MetFacts> people;
  MetDecisions decisions;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    MetFacts f;
    if (cases[i].first) f.first = at(*cases[i].first);
    if (cases[i].last_touch) f.last_touch = at(*cases[i].last_touch);
    people[id] = f;
    if (cases[i].participant) e.participants.push_back(id);
    if (cases[i].decision) decisions[{e.key, id}] = *cases[i].decision;
  }
  decisions[{"cal:other|", 4}] = false;  // another event's decision changes nothing here
  const auto met = people_met(e, people, decisions, rules);
  std::map<std::int64_t, MetPerson> by_id;
  for (const MetPerson& m : met) by_id[m.person] = m;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const MetCase& c = cases[i];
    const auto it = by_id.find(static_cast<std::int64_t>(i + 1));
    ASSERT_EQ(it != by_id.end(), c.listed) << c.what;
    if (!c.listed) continue;
    EXPECT_EQ(it->second.met, c.met) << c.what;
    EXPECT_EQ(it->second.is_new, c.is_new) << c.what;
    EXPECT_EQ(it->second.followed_up, c.followed_up) << c.what;
  }
  const EventCounts n = count_met(met);
  EXPECT_EQ(n.people, 7u);
  EXPECT_EQ(n.new_people, 5u);
  EXPECT_EQ(n.followed_up, 2u);
  EXPECT_EQ(n.not_followed_up, 5u);
}

TEST(Events, FollowUpsOldestEventFirstWithinTheWindow) {
  EventRules rules;
  rules.met_window_days = 0;
  const UnixSeconds now = at("2026-10-01T12:00:00Z");
  const auto events = find_events(
      {occurrence("old", "2026-08-25T09:00:00Z", kHour, 6, {1}),        // ended 37 days ago: outside 30
       occurrence("late", "2026-09-20T09:00:00Z", kHour, 6, {2, 3, 4}),  // in the window
       occurrence("early", "2026-09-10T09:00:00Z", kHour, 6, {5}),       // in the window, older
       occurrence("soon", "2026-10-03T09:00:00Z", kHour, 6, {6})},       // not over yet
      {}, rules);
  std::unordered_map<std::int64_t, MetFacts> people;
  for (std::int64_t id = 1; id <= 6; ++id) people[id] = MetFacts{};
  people[3].last_touch = at("2026-09-25T10:00:00Z");  // followed up
  std::unordered_map<std::int64_t, UnixSeconds> snoozed{{4, at("2026-10-15T00:00:00Z")}};  // snoozed past now
  const auto list = follow_ups(events, people, {}, rules, now, 30, snoozed);
  std::vector<std::pair<std::string, std::int64_t>> got;
  for (const FollowUp& f : list) got.emplace_back(f.event->title, f.person);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::int64_t>>{{"early", 5}, {"late", 2}}));
  // A snooze that has run out lists them again.
  snoozed[4] = at("2026-09-30T00:00:00Z");
  EXPECT_EQ(follow_ups(events, people, {}, rules, now, 30, snoozed).size(), 3u);
}

TEST(Events, VirtualCoffees) {
  EventRules rules;  // at most 3 people, the user included
  const UnixSeconds now = at("2026-10-01T12:00:00Z");
  struct Case {
    const char* what;
    bool video;
    std::uint32_t others;
    const char* start;
    bool coffee;
  };
  const std::vector<Case> cases = {
      {"a video call with one other", true, 1, "2026-09-20T09:00:00Z", true},
      {"a video call with two others", true, 2, "2026-09-20T09:00:00Z", true},
      {"a video call with three others", true, 3, "2026-09-20T09:00:00Z", false},
      {"a video call alone", true, 0, "2026-09-20T09:00:00Z", false},
      {"an in-person meeting with one", false, 1, "2026-09-20T09:00:00Z", false},
      {"a video call still to come", true, 1, "2026-10-02T09:00:00Z", false},
  };
  std::vector<OccurrenceRow> rows;
  for (const Case& c : cases) {
    OccurrenceRow o = occurrence(c.what, c.start, kHour, c.others, {7});
    o.video = c.video;
    EXPECT_EQ(is_coffee(o, rules, now), c.coffee) << c.what;
    rows.push_back(o);
  }
  const auto by_person = coffees_by_person(rows, rules, now);
  ASSERT_EQ(by_person.count(7), 1u);
  EXPECT_EQ(by_person.at(7).count, 2u);
  EXPECT_EQ(by_person.at(7).last, at("2026-09-20T09:00:00Z"));
  rules.coffee_max_participants = 4;
  EXPECT_TRUE(is_coffee(rows[2], rules, now)) << "coffee_max_participants is read";
}

}  // namespace
}  // namespace kith::engine

// The caldav provider's decisions that need no server.
#include <gtest/gtest.h>

#include "sync/CalendarCursor.h"
#include "sync/Discovery.h"

namespace kith::caldav {
namespace {

TEST(CalendarCursor, SyncTokenRoundTrips) {
  CalendarCursor c;
  c.token = "http://radicale.org/ns/sync/abc123";
  const auto back = CalendarCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, CalendarCursor::Kind::SyncToken);
  EXPECT_EQ(back->token, c.token);
}

TEST(CalendarCursor, EtagListingRoundTrips) {
  CalendarCursor c;
  c.kind = CalendarCursor::Kind::Etags;
  c.token = "\"ctag-7\"";
  c.etags = {{"/alex/work/a b.ics", "\"e1\""}, {"/alex/work/b.ics", "W/\"e2\""}};
  const auto back = CalendarCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, CalendarCursor::Kind::Etags);
  EXPECT_EQ(back->token, "\"ctag-7\"");
  EXPECT_EQ(back->etags, c.etags);
  CalendarCursor empty;
  empty.kind = CalendarCursor::Kind::Etags;  // an empty calendar without a ctag
  ASSERT_TRUE(CalendarCursor::decode(empty.encode()));
  EXPECT_TRUE(CalendarCursor::decode(empty.encode())->etags.empty());
}

TEST(CalendarCursor, RejectsAnythingElse) {
  for (const char* bad : {"", "v1", "v1 token ", "v2 token x", "v1 etags x\nno-tab", "v1 etags x\n\"e\"\t", "garbage"})
    EXPECT_FALSE(CalendarCursor::decode(bad)) << bad;
}

TEST(CalendarSelection, ByDisplayNamePathOrLastSegment) {
  const std::vector<CalendarInfo> all = {{"http://h/alex/work/", "/alex/work", "Work", {}, true},
                                         {"http://h/alex/home/", "/alex/home", "Family", {}, true},
                                         {"http://h/alex/birthdays/", "/alex/birthdays", "Birthdays", {}, true}};
  CalDavSettings settings;
  EXPECT_EQ(select_calendars(all, settings).size(), 3u);
  settings.calendars = {"Work", "/alex/home/"};
  auto picked = select_calendars(all, settings);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[1].displayname, "Family");
  settings.calendars.clear();
  settings.exclude_calendars = {"birthdays"};
  picked = select_calendars(all, settings);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].path, "/alex/work");
}

}  // namespace
}  // namespace kith::caldav

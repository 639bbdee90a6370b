// The caldav provider's decisions that need no server.
#include <gtest/gtest.h>

#include "sync/CalendarDiscovery.h"

namespace kith::caldav {
namespace {

TEST(CalendarSelection, ByDisplayNamePathOrLastSegment) {
  const std::vector<dav::DavCollection> all = {{"http://h/alex/work/", "/alex/work", "Work", {}, true, {}},
                                         {"http://h/alex/home/", "/alex/home", "Family", {}, true, {}},
                                         {"http://h/alex/birthdays/", "/alex/birthdays", "Birthdays", {}, true, {}}};
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

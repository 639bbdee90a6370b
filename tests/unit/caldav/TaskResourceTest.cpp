// Task names and URLs: what put() and remove() may reach, and what read()
// reports. A name never leaves the task calendar.
#include <gtest/gtest.h>

#include "tasks/TaskResource.h"

namespace kith::caldav {
namespace {

const std::string kCalendar = "http://127.0.0.1:5232/alex/kith/";

std::string url(std::string_view name) {
  auto resolved = task_resource_url(kCalendar, name);
  EXPECT_TRUE(resolved) << name << ": " << resolved.status().message();
  return resolved ? *resolved : "";
}

void refused(std::string_view name) {
  SCOPED_TRACE(std::string(name));
  auto resolved = task_resource_url(kCalendar, name);
  ASSERT_FALSE(resolved) << *resolved;
  EXPECT_EQ(resolved.status().kind(), ErrorKind::Item);
}

TEST(TaskResource, ABareNameIsOneSegmentOfTheCalendar) {
  EXPECT_EQ(url("kith-3f2a.ics"), kCalendar + "kith-3f2a.ics");
  EXPECT_EQ(url("a b.ics"), kCalendar + "a%20b.ics");
  // Every byte that could mean something else in a URL is encoded: a
  // query, a fragment, a scheme, an escape.
  EXPECT_EQ(url("a?b#c.ics"), kCalendar + "a%3Fb%23c.ics");
  EXPECT_EQ(url("mailto:x.ics"), kCalendar + "mailto%3Ax.ics");
  EXPECT_EQ(url("%2e%2e"), kCalendar + "%252e%252e");
  EXPECT_EQ(url("back\\slash.ics"), kCalendar + "back%5Cslash.ics");
  EXPECT_EQ(url("caf\xc3\xa9.ics"), kCalendar + "caf%C3%A9.ics");
  // The calendar URL without its trailing slash names the same calendar.
  auto bare = task_resource_url("http://127.0.0.1:5232/alex/kith", "x.ics");
  ASSERT_TRUE(bare);
  EXPECT_EQ(*bare, kCalendar + "x.ics");
}

TEST(TaskResource, AnHrefOfAMemberIsUsedAsTheServerSentIt) {
  EXPECT_EQ(url("/alex/kith/kith-1.ics"), kCalendar + "kith-1.ics");
  EXPECT_EQ(url("/alex/kith/a%20b.ics"), kCalendar + "a%20b.ics");
  EXPECT_EQ(url("http://127.0.0.1:5232/alex/kith/x.ics"), kCalendar + "x.ics");
  EXPECT_EQ(url("/alex//kith/x.ics"), "http://127.0.0.1:5232/alex//kith/x.ics");  // a careless server's join
}

TEST(TaskResource, NamesThatWouldLeaveTheCalendarAreRefused) {
  refused("");
  refused(".");
  refused("..");
  refused("../work/x.ics");
  refused("./../x.ics");
  refused("/alex/work/x.ics");
  refused("/alex/kith/../work/x.ics");
  refused("/alex/kith/%2e%2e/work/x.ics");
  refused("/alex/kith/%2E%2E");
  refused("/alex/kith/a%2F..%2F..%2Fwork%2Fx.ics");
  refused("/alex/kith/sub/x.ics");  // a member's member
  refused("/alex/kith/");           // the calendar itself
  refused("/alex/kith");
  refused("/alex/kithx/y.ics");     // a sibling sharing the prefix
  refused("/etc/passwd");
  refused("//evil.example/alex/kith/x.ics");
  refused("http://evil.example/alex/kith/x.ics");
  refused("http://127.0.0.1:5233/alex/kith/x.ics");   // another port
  refused("https://127.0.0.1:5232/alex/kith/x.ics");  // another scheme
  refused("/alex/kith/x.ics?delete=all");
  refused("/alex/kith/x.ics#frag");
  refused("x\r\nX-Injected: 1.ics");
  refused(std::string("x\0y.ics", 7));
}

TEST(TaskResource, ReadReportsMembersByTheirAbsolutePath) {
  EXPECT_EQ(task_name(kCalendar, "/alex/kith/a.ics"), "/alex/kith/a.ics");
  EXPECT_EQ(task_name(kCalendar, "/alex/kith/a%20b.ics"), "/alex/kith/a%20b.ics");
  EXPECT_EQ(task_name(kCalendar, "http://127.0.0.1:5232/alex/kith/a.ics"), "/alex/kith/a.ics");
  EXPECT_EQ(task_name(kCalendar, "a.ics"), "/alex/kith/a.ics");  // relative to the calendar
  // What put() would refuse, read() does not report.
  EXPECT_EQ(task_name(kCalendar, "/alex/kith/"), std::nullopt);
  EXPECT_EQ(task_name(kCalendar, "/alex/work/a.ics"), std::nullopt);
  EXPECT_EQ(task_name(kCalendar, "http://evil.example/alex/kith/a.ics"), std::nullopt);
  EXPECT_EQ(task_name(kCalendar, "/alex/kith/%2e%2e"), std::nullopt);
  // Every name read() reports goes back to the same URL.
  for (const char* href : {"/alex/kith/a.ics", "/alex/kith/a%20b.ics", "http://127.0.0.1:5232/alex/kith/c.ics"}) {
    const auto name = task_name(kCalendar, href);
    ASSERT_TRUE(name) << href;
    auto back = task_resource_url(kCalendar, *name);
    ASSERT_TRUE(back) << back.status().message();
    EXPECT_EQ(back->substr(back->rfind('/')), name->substr(name->rfind('/')));
  }
}

}  // namespace
}  // namespace kith::caldav

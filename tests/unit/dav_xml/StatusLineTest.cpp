#include <gtest/gtest.h>

#include "dav/xml/StatusLine.h"

namespace kith::dav {
namespace {

TEST(StatusLine, ReadsTheCode) {
  EXPECT_EQ(parse_status_line("HTTP/1.1 200 OK"), 200);
  EXPECT_EQ(parse_status_line("HTTP/1.1 404 Not Found"), 404);
  EXPECT_EQ(parse_status_line("HTTP/1.0 507 Insufficient Storage"), 507);
  EXPECT_EQ(parse_status_line("HTTP/2 403"), 403);
  EXPECT_EQ(parse_status_line("\n    HTTP/1.1 424 Failed Dependency\n  "), 424);
  EXPECT_EQ(parse_status_line("http/1.1\t200\tok"), 200);
  EXPECT_EQ(parse_status_line("HTTP/1.1   302"), 302);
}

TEST(StatusLine, RefusesAnythingElse) {
  for (std::string_view line : {"", "200", "200 OK", "HTTP/1.1", "HTTP/1.1 ", "HTTP/1.1 20", "HTTP/1.1 2000 OK",
                                "HTTP/1.1 OK 200", "HTTP/ 200", "HTTP/1.1200 OK", "HTTPS/1.1 200 OK",
                                "HTTP/1.1 099 x", "HTTP/1.1 600 x", "HTTP/1.1 -20 x", "HTTP/1.1 2x0"}) {
    EXPECT_FALSE(parse_status_line(line).has_value()) << line;
  }
}

}  // namespace
}  // namespace kith::dav

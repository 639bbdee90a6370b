#include <gtest/gtest.h>

#include "util/Time.h"

namespace kith::engine {
namespace {

TEST(Time, FormatsRfc3339Utc) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1767323045), "2026-01-02T03:04:05Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(253402300800), "10000-01-01T00:00:00Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (UnixSeconds t : {0LL, 1767323045LL, 951782400LL /* 2000-02-29 */})
    EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-01-02 03:04:05"));
}

}  // namespace
}  // namespace kith::engine

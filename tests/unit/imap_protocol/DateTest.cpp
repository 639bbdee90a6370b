#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "protocol/ImapDate.h"

namespace {

using kith::imap::days_from_civil;
using kith::imap::format_search_date;
using kith::imap::parse_internal_date;
using kith::imap::UnixTime;

struct DateCase {
  const char* text;
  std::optional<UnixTime> expected;
};

TEST(ImapDate, ParsesInternalDates) {
  const DateCase cases[] = {
      {"17-Jul-1996 02:44:25 -0700", 837596665},  // RFC 3501's example
      {"01-Jan-1970 00:00:00 +0000", 0},
      {" 1-Jan-1970 00:00:00 +0000", 0},
      {"1-Jan-1970 00:00:00 +0000", 0},
      {"01-jan-1970 01:00:00 +0100", 0},
      {"01-JAN-1970 00:00:00 -0130", 5400},
      {"31-Dec-1969 23:59:59 +0000", -1},
      {"29-Feb-2000 12:00:00 +0000", 951825600},
      {"29-Feb-2024 00:00:00 +0000", 1709164800},
      {"01-Mar-2100 00:00:00 +0000", 4107542400},
      {"31-Dec-9999 23:59:59 +0000", 253402300799},
      {"01-Jan-0000 00:00:00 +0000", -62167219200},
      {"30-Jun-2015 23:59:60 +0000", 1435708800},  // leap second
      {"18-Jan-2038 03:14:08 +0000", 2147397248},
      {"19-Jan-2038 03:14:08 +0000", 2147483648},  // past 32-bit time_t
      // Invalid:
      {"29-Feb-1900 00:00:00 +0000", std::nullopt},
      {"31-Apr-2020 00:00:00 +0000", std::nullopt},
      {"00-Jan-2020 00:00:00 +0000", std::nullopt},
      {"01-Foo-2020 00:00:00 +0000", std::nullopt},
      {"01-Jan-20 00:00:00 +0000", std::nullopt},
      {"01-Jan-2020 24:00:00 +0000", std::nullopt},
      {"01-Jan-2020 00:60:00 +0000", std::nullopt},
      {"01-Jan-2020 00:00:61 +0000", std::nullopt},
      {"01-Jan-2020 00:00:00 +2400", std::nullopt},
      {"01-Jan-2020 00:00:00 +0060", std::nullopt},
      {"01-Jan-2020 00:00:00 0000", std::nullopt},
      {"01-Jan-2020 00:00:00", std::nullopt},
      {"01-Jan-2020 00:00:00 +0000 ", std::nullopt},
      {"01-Jan-2020 0:00:00 +0000", std::nullopt},
      {"123-Jan-2020 00:00:00 +0000", std::nullopt},
      {"", std::nullopt},
      {"-", std::nullopt},
      {"01-Ja", std::nullopt},
  };
  for (const DateCase& c : cases) EXPECT_EQ(parse_internal_date(c.text), c.expected) << c.text;
}

TEST(ImapDate, DaysFromCivilAgreesWithADayByDayWalk) {
  // Walk every day from 1900 to 2100 and check the count increments by one.
  std::int64_t expected = days_from_civil(1900, 1, 1);
  EXPECT_EQ(expected, -25567);
  const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int year = 1900; year <= 2100; ++year) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    for (int month = 1; month <= 12; ++month) {
      const int length = lengths[month - 1] + (month == 2 && leap ? 1 : 0);
      for (int day = 1; day <= length; ++day) {
        ASSERT_EQ(days_from_civil(year, month, day), expected) << year << "-" << month << "-" << day;
        ++expected;
      }
    }
  }
}

TEST(ImapDate, FormatsSearchDates) {
  EXPECT_EQ(format_search_date(0), "1-Jan-1970");
  EXPECT_EQ(format_search_date(-1), "31-Dec-1969");
  EXPECT_EQ(format_search_date(837596665), "17-Jul-1996");
  EXPECT_EQ(format_search_date(951825600), "29-Feb-2000");
  EXPECT_EQ(format_search_date(1709251199), "29-Feb-2024");
  EXPECT_EQ(format_search_date(1709251200), "1-Mar-2024");
  EXPECT_EQ(format_search_date(253402300799), "31-Dec-9999");
  EXPECT_EQ(format_search_date(-62135596800), "1-Jan-0001");
  EXPECT_FALSE(format_search_date(253402300800).has_value());
  EXPECT_FALSE(format_search_date(-62135596801).has_value());
  EXPECT_FALSE(format_search_date(INT64_MIN).has_value());
  EXPECT_FALSE(format_search_date(INT64_MAX).has_value());
}

TEST(ImapDate, FormatAndParseRoundTripAtMidnight) {
  // Every 997th day of the years 1..9999.
  for (UnixTime day = -719162; day <= 2932896; day += 997) {
    const UnixTime time = day * 86400;
    const auto text = format_search_date(time);
    ASSERT_TRUE(text) << time;
    EXPECT_EQ(parse_internal_date(*text + " 00:00:00 +0000"), time) << *text;
  }
}

}  // namespace

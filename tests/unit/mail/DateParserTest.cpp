// RFC 5322 dates: parse_date().
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>

#include "kith/mail/HeaderParser.h"

namespace {

using kith::UnixSeconds;
using kith::mail::parse_date;
using kith::mail::place_message;

// Fri, 05 Jan 2024 10:00:00 UTC
constexpr UnixSeconds kTenUtc = 1704448800;
constexpr UnixSeconds kHour = 3600;

struct DateCase {
  std::string input;
  std::optional<UnixSeconds> expected;
};

std::ostream& operator<<(std::ostream& out, const DateCase& c) { return out << '"' << c.input << '"'; }

class ParseDate : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDate, ReturnsUtcSeconds) {
  const DateCase& c = GetParam();
  EXPECT_EQ(parse_date(c.input), c.expected) << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5322, ParseDate,
    ::testing::Values(
        DateCase{"Fri, 05 Jan 2024 10:00:00 +0000", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 -0500", kTenUtc + 5 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +0100", kTenUtc - kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +0530", kTenUtc - 5 * kHour - 30 * 60},
        DateCase{"Fri, 5 Jan 2024 10:00:00 -0000", kTenUtc},
        // RFC 5322 appendix A examples.
        DateCase{"Fri, 21 Nov 1997 09:55:06 -0600", 880127706},
        DateCase{"Tue, 1 Jul 2003 10:52:37 +0200", 1057049557},
        DateCase{"Thu, 29 Feb 2024 12:00:00 +0000", 1709208000},
        DateCase{"Fri, 31 Dec 1999 23:59:59 +0000", 946684799},
        DateCase{"Thu, 01 Jan 1970 00:00:00 +0000", 0},
        DateCase{"Mon, 01 Jan 1900 00:00:00 +0000", -2208988800},
        DateCase{"Mon, 1 Mar 2100 00:00:00 +0000", 4107542400}));

INSTANTIATE_TEST_SUITE_P(
    OptionalParts, ParseDate,
    ::testing::Values(
        DateCase{"5 Jan 2024 10:00:00 +0000", kTenUtc},           // no day name
        DateCase{"Fri, 5 Jan 2024 10:00 +0000", kTenUtc},         // no seconds
        DateCase{"Fri 5 Jan 2024 10:00:00 +0000", kTenUtc},       // day name without comma
        DateCase{"Friday, 5 January 2024 10:00:00 +0000", kTenUtc},  // full names
        DateCase{"fri, 05 JAN 2024 10:00:00 gmt", kTenUtc},       // case
        DateCase{"Fri, 5 Jan 2024 10:00:00", kTenUtc},            // no zone: -0000
        DateCase{"Fri, 5 Jan 2024 10:00:00 CEST", kTenUtc},       // unknown zone: -0000
        DateCase{"Fri, 31 Dec 1999 23:59:60 +0000", 946684799}));  // leap second -> :59

// Not RFC 5322, but mail clients write it: a 12-hour clock before the zone.
INSTANTIATE_TEST_SUITE_P(
    TwelveHourClock, ParseDate,
    ::testing::Values(
        DateCase{"Wed, 29 May 2019 06:09:22 PM EDT", 1559167762},  // 22:09:22Z
        DateCase{"Wed, 29 May 2019 06:09:22 AM EDT", 1559167762 - 12 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 AM +0000", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 pm +0000", kTenUtc + 12 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00PM +0000", kTenUtc + 12 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00 PM +0000", kTenUtc + 12 * kHour},
        DateCase{"Fri, 5 Jan 2024 12:00:00 AM +0000", kTenUtc - 10 * kHour},  // midnight
        DateCase{"Fri, 5 Jan 2024 12:00:00 PM +0000", kTenUtc + 2 * kHour},   // noon
        DateCase{"Fri, 5 Jan 2024 10:00:00 (x) PM (y) -0500", kTenUtc + 17 * kHour},
        DateCase{"Fri, 5\r\n Jan 2024 10:00:00\r\n PM\r\n +0100", kTenUtc + 11 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 PM", kTenUtc + 12 * kHour},      // no zone: -0000
        DateCase{"Fri, 5 Jan 2024 22:00:00 PM +0000", kTenUtc + 12 * kHour},  // already 24-hour
        DateCase{"Fri, 5 Jan 2024 10:00:00 PMT +0000", kTenUtc}));  // a word, not the marker: a zone

INSTANTIATE_TEST_SUITE_P(
    Years, ParseDate,
    ::testing::Values(
        DateCase{"Fri, 05 Jan 24 10:00:00 +0000", kTenUtc},
        DateCase{"Tue, 15 Jun 49 00:00:00 GMT", 2507328000},   // < 50 -> 20xx
        DateCase{"Thu, 15 Jun 50 00:00:00 GMT", -616896000},   // >= 50 -> 19xx
        DateCase{"Fri, 5 Jan 124 10:00:00 +0000", kTenUtc}));  // 3 digits: + 1900

INSTANTIATE_TEST_SUITE_P(
    ObsoleteZones, ParseDate,
    ::testing::Values(
        DateCase{"Fri, 5 Jan 2024 10:00:00 UT", kTenUtc}, DateCase{"Fri, 5 Jan 2024 10:00:00 GMT", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 UTC", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 EST", kTenUtc + 5 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 EDT", kTenUtc + 4 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 CST", kTenUtc + 6 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 CDT", kTenUtc + 5 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 MST", kTenUtc + 7 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 MDT", kTenUtc + 6 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 PST", kTenUtc + 8 * kHour},
        DateCase{"Fri, 5 Jan 2024 10:00:00 PDT", kTenUtc + 7 * kHour},
        // Military letters: -0000 whatever the letter (RFC 5322 4.3).
        DateCase{"Fri, 5 Jan 2024 10:00:00 Z", kTenUtc}, DateCase{"Fri, 5 Jan 2024 10:00:00 A", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 M", kTenUtc}, DateCase{"Fri, 5 Jan 2024 10:00:00 N", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 Y", kTenUtc}));

INSTANTIATE_TEST_SUITE_P(
    CommentsAndWhitespace, ParseDate,
    ::testing::Values(
        DateCase{"Fri, 5 Jan 2024 10:00:00 +0100 (CET)", kTenUtc - kHour},
        DateCase{"(sent) Fri, (a (nested) comment) 5 Jan 2024 10:00:00 +0000", kTenUtc},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +0000 (with \\) escaped paren)", kTenUtc},
        DateCase{"  Fri ,  5   Jan   2024   10 : 00 : 00   +0000  ", kTenUtc},
        DateCase{"Fri, 5 Jan 2024\r\n 10:00:00\t+0000", kTenUtc}));

INSTANTIATE_TEST_SUITE_P(
    Garbage, ParseDate,
    ::testing::Values(
        DateCase{"", std::nullopt}, DateCase{"   ", std::nullopt}, DateCase{"garbage", std::nullopt},
        DateCase{"2024-01-05T10:00:00Z", std::nullopt},
        DateCase{"Blurday, 5 Jan 2024 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 32 Jan 2024 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 0 Jan 2024 10:00:00 +0000", std::nullopt},
        DateCase{"Wed, 29 Feb 2023 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Foo 2024 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10: +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 24:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10:60:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10:00:61 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +9999", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +00000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 10:00:00 +", std::nullopt},
        DateCase{"Fri, 5 Jan 1899 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 20245 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 99999999999999999999 10:00:00 +0000", std::nullopt},
        DateCase{"Fri, 5 Jan 2024 (unterminated comment 10:00:00 +0000", std::nullopt}));

}  // namespace

namespace {

// Extraction rule "Date": the server's date places a message whose Date is
// missing, unparseable or more than a day after it.
TEST(PlaceMessage, ADateMoreThanADayAfterTheServersDateIsUnusable) {
  constexpr UnixSeconds kServer = kTenUtc;
  constexpr UnixSeconds kDay = 24 * kHour;
  EXPECT_EQ(place_message(std::nullopt, kServer), kServer);
  EXPECT_EQ(place_message(std::nullopt, std::nullopt), std::nullopt);
  EXPECT_EQ(place_message(kServer - 400 * kDay, kServer), kServer - 400 * kDay);  // old mail: the Date stands
  EXPECT_EQ(place_message(kServer + kHour, kServer), kServer + kHour);            // a clock a little fast
  EXPECT_EQ(place_message(kServer + kDay, kServer), kServer + kDay);              // exactly a day: still usable
  EXPECT_EQ(place_message(kServer + kDay + 1, kServer), kServer);
  EXPECT_EQ(place_message(*parse_date("Wed, 01 Jan 2031 10:00:00 +0000"), kServer), kServer);
  EXPECT_EQ(place_message(kServer + 400 * kDay, std::nullopt), kServer + 400 * kDay);  // no server date: nothing to compare
}

}  // namespace

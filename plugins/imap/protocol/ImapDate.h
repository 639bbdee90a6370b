// IMAP date and date-time values (RFC 3501 date-time, as in INTERNALDATE,
// and date, as in SEARCH SINCE). The arithmetic is our own proleptic
// Gregorian calendar: no timegm(), no locale, no time zone database; IMAP
// carries a numeric UTC offset in every date-time, so none is needed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kith::imap {

// Seconds since 1970-01-01T00:00:00Z, like kith::UnixSeconds.
using UnixTime = std::int64_t;

// Parses the content of an INTERNALDATE string (without the quotes):
// "17-Jul-1996 02:44:25 -0700" -> 837596665. Accepts the day as " 7", "07"
// or "7" and month names in any case. nullopt for anything else, including
// impossible dates ("31-Feb-2020") and out-of-range fields.
std::optional<UnixTime> parse_internal_date(std::string_view text) noexcept;

// The IMAP `date` for the UTC day containing `time` ("1-Feb-2020"), as used
// by SEARCH SINCE/BEFORE. nullopt outside the years 1..9999.
std::optional<std::string> format_search_date(UnixTime time);

// Days from 1970-01-01 to the given civil date (negative before). Exposed
// for tests. Preconditions: 0 <= year <= 9999, 1 <= month <= 12, 1 <= day <= 31.
std::int64_t days_from_civil(int year, int month, int day) noexcept;

}  // namespace kith::imap

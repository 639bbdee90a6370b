// The date forms of BDAY, ANNIVERSARY and REV as exporters write them.
// Calendar arithmetic is <chrono>'s, so no date is hand-validated.
#pragma once

#include <optional>
#include <string_view>

#include "kith/Items.h"

namespace kith::contacts::detail {

// A birthday or anniversary: "19840415", "1984-04-15", "--0415", "--04-15",
// any of them followed by a time ("1984-04-15T00:00:00Z", 4.0
// date-and-or-time). A year equal to `omit_year` (Apple's
// X-APPLE-OMIT-YEAR=1604) or 0000 is unknown (year 0). nullopt for
// anything else, including dates that do not exist (month 13, Feb 30) and
// forms without a month and day ("1984", "---15").
std::optional<PartialDate> parse_partial_date(std::string_view value, int omit_year = 0);

// A REV timestamp in seconds since the epoch: "20240115T101500Z",
// "2024-01-15T10:15:00Z", with optional fractions of a second and a UTC
// offset ("+01:00", "-0500"; none = UTC), or a date alone (midnight UTC).
std::optional<UnixSeconds> parse_timestamp(std::string_view value);

}  // namespace kith::contacts::detail

// The date formats of LinkedIn's exports. A date format, not a grammar:
// read here with a month-name table and std::chrono, every form strict, so
// that a date that could mean two days is refused rather than guessed.
#pragma once

#include <optional>
#include <string_view>

#include "kith/Items.h"

namespace kith::linkedin {

// Connections.csv "Connected On": "12 Jan 2024" (a month's full English
// name too, any case).
std::optional<PartialDate> parse_day_month_year(std::string_view text);

// messages.csv "DATE": "2024-05-01 14:22:10 UTC" ("UTC" may be left off;
// no other zone is accepted).
std::optional<UnixSeconds> parse_utc_timestamp(std::string_view text);

// Invitations.csv "Sent At": "11/3/24, 6:04 PM", month first as LinkedIn
// writes it for every locale, a two-digit year in this century. The export
// gives no zone; the time is taken as UTC.
std::optional<UnixSeconds> parse_month_day_year_time(std::string_view text);

}  // namespace kith::linkedin

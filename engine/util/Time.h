// Time helpers: the store and the CLI speak UTC seconds and RFC 3339.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Items.h"

namespace kith::engine {

UnixSeconds now_utc();

// "2026-01-02T03:04:05Z"
std::string format_rfc3339(UnixSeconds t);
// The same into `out` (room for kRfc3339Max bytes), without allocating:
// lists write one per row. Returns the length.
inline constexpr std::size_t kRfc3339Max = 64;
std::size_t format_rfc3339(UnixSeconds t, char* out);

// Accepts "YYYY-MM-DDTHH:MM:SSZ" (what format_rfc3339 writes).
std::optional<UnixSeconds> parse_rfc3339(std::string_view text);

// What users write for a moment (`--as-of`): an RFC 3339 date-time with
// "Z" or a numeric offset and optional fractions of a second, or a date
// "YYYY-MM-DD" (its start, UTC).
std::optional<UnixSeconds> parse_moment(std::string_view text);

// "2026-01-02"
std::string format_date(UnixSeconds t);

// The UTC quarter `t` falls in, counted as year * 4 + (quarter - 1): how the
// store keeps interaction counts (schema 13; QuarterCounts.cpp) and the network reads them.
int utc_quarter(UnixSeconds t);

// The `count` UTC months ending with `t`'s, oldest first, as "YYYY-MM"
// (`kith history --months`, the dashboard's timeline).
std::vector<std::string> utc_months_ending(UnixSeconds t, int count);

inline constexpr UnixSeconds kSecondsPerDay = 86400;

}  // namespace kith::engine

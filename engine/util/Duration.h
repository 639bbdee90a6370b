// Durations as users write them: "30d", "6w", "3m", "1y" (a month is 30
// days, a year 365), and "none" for cadences.
#pragma once

#include <optional>
#include <string_view>

#include "kith/Status.h"

namespace kith::engine {

// Whole days, at least 1; an error names the text and the forms accepted.
Result<int> parse_days(std::string_view text);

// A window, which may be empty on one side ("--past 0d"), as a duration
// may not: 0 too.
Result<int> parse_window_days(std::string_view text);

// A cadence: days, or 0 for "none".
Result<int> parse_cadence(std::string_view text);

}  // namespace kith::engine

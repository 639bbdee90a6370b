// Time helpers: the store and the CLI speak UTC seconds and RFC 3339.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kith/Items.h"

namespace kith::engine {

UnixSeconds now_utc();

// "2026-01-02T03:04:05Z"
std::string format_rfc3339(UnixSeconds t);

// Accepts "YYYY-MM-DDTHH:MM:SSZ" (what format_rfc3339 writes).
std::optional<UnixSeconds> parse_rfc3339(std::string_view text);

}  // namespace kith::engine

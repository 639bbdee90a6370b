// Windows time zone names (what Outlook and Exchange put in TZID, often
// without a VTIMEZONE) mapped to IANA zone names.
#pragma once

#include <optional>
#include <string_view>

namespace kith::calendar::detail {

// The IANA zone for a Windows zone name such as "W. Europe Standard Time"
// (case-insensitive, surrounding blanks ignored); std::nullopt if unknown.
// The zone chosen is the one the name stands for when no country is known
// (the "001" territory in Unicode CLDR's windowsZones data).
std::optional<std::string_view> windows_zone_to_iana(std::string_view windows_name) noexcept;

}  // namespace kith::calendar::detail

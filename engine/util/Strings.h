// Small string helpers shared by the engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kith::engine {

// ASCII lower-case: addresses compare case-insensitively (RFC 5321 allows
// case-sensitive local parts, but no real provider uses them).
std::string ascii_lower(std::string_view s);

std::string_view trim(std::string_view s);

std::vector<std::string> split(std::string_view s, char separator);

}  // namespace kith::engine

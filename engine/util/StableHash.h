// A hash that is the same on every machine and in every release (unlike
// std::hash): for ids users see and keep, such as event ids and the UIDs
// of the reminder tasks. Not for anything secret.
#pragma once

#include <cstdint>
#include <string_view>

namespace kith::engine {

// FNV-1a, 64 bits.
inline std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace kith::engine

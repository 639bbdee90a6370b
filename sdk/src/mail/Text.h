// Small ASCII helpers shared by the kith::mail sources. Header syntax is
// ASCII; nothing here may depend on the C locale, so no <cctype>.
#pragma once

#include <string>
#include <string_view>

#include "kith/Ascii.h"

namespace kith::mail::detail {

// The project's one set of ASCII helpers (kith/Ascii.h), under the names
// the kith::mail sources use.
constexpr bool is_ascii_space(char c) noexcept { return kith::ascii::is_space(c); }
constexpr bool is_ascii_digit(char c) noexcept { return kith::ascii::is_digit(c); }
constexpr bool is_ascii_alpha(char c) noexcept { return kith::ascii::is_alpha(c); }
// C0 controls and DEL; bytes >= 0x80 are not controls (they are UTF-8 or
// some legacy charset).
constexpr bool is_ascii_control(char c) noexcept { return kith::ascii::is_control(c); }
constexpr char ascii_lower(char c) noexcept { return kith::ascii::to_lower(c); }
inline std::string ascii_lower(std::string_view text) { return kith::ascii::lower(text); }
using kith::ascii::iequals;
using kith::ascii::trim;

// Runs of whitespace and control characters become one space; the ends are
// trimmed. For display text that went through folding or odd encoders.
inline std::string collapse_whitespace(std::string_view text) {
  std::string collapsed;
  collapsed.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_ascii_space(c) || is_ascii_control(c)) {
      pending_space = !collapsed.empty();
      continue;
    }
    if (pending_space) collapsed += ' ';
    pending_space = false;
    collapsed += c;
  }
  return collapsed;
}

}  // namespace kith::mail::detail

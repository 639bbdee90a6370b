// The project's one set of ASCII helpers (kith/Ascii.h), under the names
// the kith::calendar sources use. iCalendar names, parameter values, e-mail
// schemes and host names are compared case-insensitively in ASCII only;
// the process locale must never change how a calendar is read.
#pragma once

#include <string>
#include <string_view>

#include "kith/Ascii.h"

namespace kith::calendar::detail {

constexpr char ascii_lower(char c) noexcept { return kith::ascii::to_lower(c); }
constexpr char ascii_upper(char c) noexcept { return kith::ascii::to_upper(c); }
constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept { return kith::ascii::iequals(a, b); }
constexpr bool ascii_istarts_with(std::string_view text, std::string_view prefix) noexcept {
  return kith::ascii::istarts_with(text, prefix);
}
// iCalendar's blanks: space, tab and line ends (no form feed).
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string ascii_to_lower(std::string_view s) { return kith::ascii::lower(s); }
inline std::string ascii_to_upper(std::string_view s) { return kith::ascii::upper(s); }

}  // namespace kith::calendar::detail

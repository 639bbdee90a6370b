#include "util/Strings.h"

namespace kith::engine {

namespace {

// The length of the control character at `i` (C0, DEL, or a C1 control in
// UTF-8), or 0.
std::size_t control_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
      static_cast<unsigned char>(s[i + 1]) <= 0x9F)
    return 2;  // U+0080..U+009F
  return 0;
}

}  // namespace

std::string terminal_safe(std::string_view s) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (const std::size_t n = control_at(s, i)) {
      out += kReplacement;
      i += n - 1;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string terminal_safe(std::string&& s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (control_at(s, i)) return terminal_safe(std::string_view(s));
  return std::move(s);
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = s.find(separator, start);
    if (end == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      break;
    }
    parts.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace kith::engine

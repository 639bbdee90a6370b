// Subjects, meeting titles and locations as Kith stores and prints them:
// valid UTF-8 on one line, bounded in size. Used by the SDK helpers that
// read them and again by the engine, which does not trust a plugin to.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kith/Items.h"

namespace kith {

namespace detail {
// The length of the valid UTF-8 sequence at text[i], or 0 if there is none
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) n = 3, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
  else if (b0 >= 0xF0 && b0 <= 0xF4) n = 4, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}
}  // namespace detail

// `text` with invalid UTF-8 replaced by U+FFFD, every run of whitespace and
// control characters made one blank, trimmed, and cut to at most
// `max_bytes` without splitting a character.
inline std::string clean_title(std::string_view text, std::size_t max_bytes = kMaxSubjectBytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  bool pending_blank = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      pending_blank = !out.empty();
      ++i;
      continue;
    }
    const std::size_t n = detail::utf8_sequence_length(text, i);
    const std::string_view piece = n ? text.substr(i, n) : std::string_view("\xEF\xBF\xBD");
    if (out.size() + (pending_blank ? 1 : 0) + piece.size() > max_bytes) break;
    if (pending_blank) out += ' ';
    pending_blank = false;
    out += piece;
    i += n ? n : 1;
  }
  return out;
}

}  // namespace kith

// Internal to kith_imap_protocol: ASCII character classes of RFC 3501's
// grammar. IMAP keywords are case-insensitive ASCII, so these never consult
// the locale (which could make "I" and "i" differ, e.g. in Turkish).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kith::imap::ascii {

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

inline char to_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_upper(a[i]) != to_upper(b[i])) return false;
  }
  return true;
}

inline bool istarts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

inline std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_upper(c);
  return out;
}

// CTL of RFC 3501: 0x00-0x1f and DEL.
inline bool is_ctl(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// ATOM-CHAR: any CHAR except atom-specials ( "(" ")" "{" SP CTL "%" "*"
// DQUOTE "\" "]" ). Bytes >= 0x80 are not CHARs; they are accepted when
// reading (servers with UTF8=ACCEPT or broken ones send them in mailbox
// names), never produced when writing.
inline bool is_atom_char(char c) noexcept {
  switch (c) {
    case '(': case ')': case '{': case ' ': case '%': case '*': case '"': case '\\': case ']':
      return false;
    default:
      return !is_ctl(c);
  }
}

// ASTRING-CHAR: ATOM-CHAR or "]".
inline bool is_astring_char(char c) noexcept { return c == ']' || is_atom_char(c); }

// A tag: ASTRING-CHAR except "+".
inline bool is_tag_char(char c) noexcept { return c != '+' && is_astring_char(c); }

inline bool is_7bit(char c) noexcept { return static_cast<unsigned char>(c) < 0x80; }

}  // namespace kith::imap::ascii

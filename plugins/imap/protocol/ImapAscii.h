// Internal to kith_imap_protocol: the character classes of RFC 3501's
// grammar, on top of kith/Ascii.h. IMAP keywords are case-insensitive ASCII, so these never consult
// the locale (which could make "I" and "i" differ, e.g. in Turkish).
#pragma once

#include "kith/Ascii.h"

namespace kith::imap::ascii {

// The generic helpers (one implementation for the whole project).
using kith::ascii::iequals;
using kith::ascii::is_7bit;
using kith::ascii::is_digit;
using kith::ascii::istarts_with;
using kith::ascii::to_upper;
using kith::ascii::upper;

// CTL of RFC 3501: 0x00-0x1f and DEL.
constexpr bool is_ctl(char c) noexcept { return kith::ascii::is_control(c); }

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

}  // namespace kith::imap::ascii

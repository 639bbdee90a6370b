// How a string argument goes on the wire. IMAP has three forms: an atom
// (bare word), a quoted string ("..." with \" and \\ escaped) and a literal
// ({n} CRLF then n raw bytes). Quoted strings cannot hold CR, LF or NUL, nor
// (without UTF8=ACCEPT) 8-bit bytes; literals hold anything but NUL (that
// would need BINARY's literal8, which we never send).
#pragma once

#include <string>
#include <string_view>

namespace kith::imap {

enum class StringForm {
  Quoted,
  Literal,
  Unrepresentable,  // contains NUL
};

// The most compact safe form of `value` as an astring/string argument.
// `utf8_accept`: UTF8=ACCEPT (RFC 6855) is enabled, so UTF-8 may be quoted.
StringForm string_form(std::string_view value, bool utf8_accept) noexcept;

// Appends `value` in double quotes with '"' and '\' escaped. Precondition:
// string_form(value, ...) == StringForm::Quoted.
void append_quoted(std::string& out, std::string_view value);

// True when `value` can be sent as a bare atom: non-empty, 7-bit,
// ATOM-CHARs only. Used for keywords we accept from callers (capability
// names, SASL mechanisms, header field names).
bool is_atom(std::string_view value) noexcept;

}  // namespace kith::imap

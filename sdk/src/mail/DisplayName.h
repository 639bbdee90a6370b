// A mailbox's display phrase as written -> the name shown to people.
#pragma once

#include <string>
#include <string_view>

namespace kith::mail::detail {

// Removes the quoting of quoted strings (and the surrounding 'single
// quotes' Outlook adds), decodes RFC 2047 words, reads undeclared 8-bit
// text as Windows-1252 unless it is valid UTF-8, and collapses whitespace
// and control characters to single spaces. Always returns valid UTF-8.
std::string display_name_from_phrase(std::string_view phrase);

}  // namespace kith::mail::detail

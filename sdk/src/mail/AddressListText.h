// Rewrites an address-list field value into the shape mimetic's
// AddressList parses correctly. This is not an address parser: it only
// tracks quoting, comments and angle brackets to work around mimetic bugs
// (each pinned by a regression test in MimeticQuirksTest.cpp).
#pragma once

#include <string>
#include <string_view>

namespace kith::mail::detail {

// - line breaks, tabs and other controls become spaces (mimetic keeps a
//   trailing tab or CRLF in the domain);
// - comments are removed (mimetic reads ':' or ';' in a comment as group
//   syntax);
// - obsolete source routes "<@a,@b:x@y>" are dropped (mimetic splits the
//   list at the route's comma);
// - blanks before ',' and at the end are removed (mimetic loses the whole
//   mailbox when blanks follow its '>');
// - a group left open gets its ';' (mimetic drops the last character of an
//   unterminated group);
// - a ';' outside any group becomes ',' (Outlook-style separators);
// - an unclosed '<' is closed (truncated headers).
std::string prepare_address_list_for_mimetic(std::string_view field_value);

}  // namespace kith::mail::detail

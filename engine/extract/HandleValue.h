// Handles as the store keeps them, so that one person's handle written two
// ways is one handle: an email address lower-cased (without "mailto:"), a
// URI with its scheme and host lower-cased, "www." and the query, fragment
// and trailing slash dropped (profile URLs carry tracking parameters), a
// phone number as "+" and digits (without "tel:").
#pragma once

#include <string>
#include <string_view>

#include "kith/Items.h"

namespace kith::engine {

// "" when nothing usable is left (the handle is then ignored).
std::string normalized_handle(HandleKind kind, std::string_view value);

// What the user typed to name a handle, as it would be stored: a URI or a
// phone number when it looks like one, else an address.
struct TypedHandle {
  HandleKind kind = HandleKind::Email;
  std::string value;  // normalized; "" when nothing usable is left
};
TypedHandle handle_from_user_text(std::string_view text);

// "example.com" for "ann@mail.example.com"'s ignore check: true when the
// handle is an address at `domain` or one of its subdomains.
bool address_in_domain(std::string_view address, std::string_view domain);

}  // namespace kith::engine

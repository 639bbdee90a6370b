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

}  // namespace kith::engine

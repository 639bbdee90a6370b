// The code of a DAV:status element, which holds an HTTP status line
// ("HTTP/1.1 200 OK", RFC 4918 14.28).
#pragma once

#include <optional>
#include <string_view>

namespace kith::dav {

// 100..599 from "HTTP/<version> <code>[ <reason>]", surrounding whitespace
// allowed; nullopt for anything else. The "HTTP/" prefix is matched without
// regard to case and any version is accepted (servers write 1.1, 1.0, 2).
std::optional<int> parse_status_line(std::string_view line) noexcept;

}  // namespace kith::dav

// The code of a DAV:status element, which holds an HTTP status line
// ("HTTP/1.1 200 OK", RFC 4918 14.28).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kith::dav {

// 100..599 from "HTTP/<version> <code>[ <reason>]", surrounding whitespace
// allowed; nullopt for anything else. The "HTTP/" prefix is matched without
// regard to case and any version is accepted (servers write 1.1, 1.0, 2).
std::optional<int> parse_status_line(std::string_view line) noexcept;

// "403 Forbidden": the code and its reason phrase (RFC 9110, RFC 4918 for
// 207 and 507), for messages; the code alone for one without a registered
// phrase. HTTP/2 answers carry no phrase, so it is never taken from the
// server.
std::string describe_status(long code);

}  // namespace kith::dav

// Whether a host name is this machine: decided by what it resolves to, not
// by how it is spelled ("127.mail.example.com" is not loopback; a name the
// resolver maps to 127.0.0.1 is).
#pragma once

#include <string>

namespace kith::net {

// True for "localhost" and names under it (RFC 6761), and when `host`
// resolves and every address it resolves to is a loopback address
// (127.0.0.0/8, ::1, or ::ffff:127.x.y.z). An IPv6 literal may come in
// brackets. False when it does not resolve.
bool resolves_to_loopback_only(const std::string& host);

}  // namespace kith::net

// Free TCP ports on the loopback interface, for servers started by tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "kith/Status.h"

namespace kith::testing {

// `count` distinct ports that were free on 127.0.0.1 a moment ago: sockets are
// bound to port 0 all at once (so the kernel hands out distinct ports), the
// ports are read back and the sockets closed. Another process may take a port
// before the server binds it: callers retry on "address in use".
kith::Result<std::vector<int>> free_loopback_ports(std::size_t count);

// True if a TCP connection to 127.0.0.1:port succeeds within `timeout`.
bool can_connect_loopback(int port, std::chrono::milliseconds timeout = std::chrono::milliseconds(500));

}  // namespace kith::testing

// Process-wide protections both programs set first thing.
#pragma once

namespace kith::engine {

// No core dumps: a crash while a password or token is in memory must not
// write it to a core file (RLIMIT_CORE 0, soft and hard). Where the
// platform refuses, nothing else changes.
void disable_core_dumps() noexcept;

}  // namespace kith::engine

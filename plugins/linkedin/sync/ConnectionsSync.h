// Connections.csv -> contact cards, only those that changed since the last
// import, and removals for connections a newer export no longer lists.
#pragma once

#include "sync/SyncPass.h"

namespace kith::linkedin {

// The cursor collection of the connections.
inline constexpr const char* kConnectionsCursor = "connections";

// Returns a non-OK status only when the pass must stop (cancelled, a
// failed commit); a file that cannot be read goes to pass.file_failed.
Status sync_connections(SyncPass& pass);

}  // namespace kith::linkedin

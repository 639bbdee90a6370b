// Files that hold personal data (the history database, its lock): created
// owner-only in owner-only folders, never through a symbolic link.
#pragma once

#include <filesystem>

#include "kith/Status.h"

namespace kith::engine {

// Creates `dir` and its missing parents; the folders it creates get mode
// 0700. An existing folder is left as it is.
Status make_private_dir(const std::filesystem::path& dir);

// Opens (creating if needed) `path` read-write with mode 0600, creating its
// folder as make_private_dir does. Refuses a symbolic link at `path`: a
// link would make Kith create or write its target somewhere else. An
// existing file readable by others is made 0600. Returns the descriptor
// (the caller closes it); errors name `what` ("database", "lock file").
Result<int> open_private_file(const std::filesystem::path& path, const char* what);

}  // namespace kith::engine

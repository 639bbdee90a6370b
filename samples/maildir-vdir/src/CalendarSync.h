// The calendar half of a sync pass: every calendar of the vdir, changed
// resources re-delivered, deleted ones reported as removals.
#pragma once

#include <filesystem>

#include "SyncPass.h"

namespace kith::local {

// Returns a non-OK status only for what stops the pass (the root cannot be
// read, a commit failed, cancellation); calendar errors go to
// pass.collection_failed and item errors to pass.item_failed.
Status sync_vdir(SyncPass& pass, const std::filesystem::path& root);

}  // namespace kith::local

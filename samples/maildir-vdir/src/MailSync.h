// The mail half of a sync pass: every folder of the Maildir tree, new files
// in mtime order, in batches each carrying the folder's cursor.
#pragma once

#include <filesystem>

#include "SyncPass.h"

namespace kith::local {

// Returns a non-OK status only for what stops the pass (the root cannot be
// read, a commit failed, cancellation); folder errors go to
// pass.collection_failed and item errors to pass.item_failed.
Status sync_maildir(SyncPass& pass, const std::filesystem::path& root);

}  // namespace kith::local

// The contacts half of a sync pass: every address book of the contacts
// vdir, changed .vcf files re-delivered, deleted ones reported as removals.
#pragma once

#include <filesystem>

#include "SyncPass.h"

namespace kith::local {

// Returns a non-OK status only for what stops the pass (the root cannot be
// read, a commit failed, cancellation); address book errors go to
// pass.collection_failed and item errors to pass.item_failed.
Status sync_contacts(SyncPass& pass, const std::filesystem::path& root);

}  // namespace kith::local

// The store's schema, created and migrated by version number
// (PRAGMA user_version). Each migration runs in its own transaction.
#pragma once

#include "kith/Status.h"
#include "store/SqliteDatabase.h"

namespace kith::engine {

inline constexpr int kSchemaVersion = 16;

// Brings `db` to kSchemaVersion; refuses a database from a newer Kith.
// `target` below kSchemaVersion is for tests that build an old store.
Status migrate_schema(SqliteDatabase& db, int target = kSchemaVersion);

}  // namespace kith::engine

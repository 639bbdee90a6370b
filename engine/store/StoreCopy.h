// Copies a SQLite history into an empty PostgreSQL store (`kith
// migrate-store`): every table of the SQLite schema, found in the file
// itself (sqlite_master, pragma table_info), so a table added later is
// never forgotten; parents before children (pragma foreign_key_list); ids
// kept; all in ONE PostgreSQL transaction that commits only when every
// table's row count and checksum agree with the source's.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kith/Status.h"
#include "store/PostgresDatabase.h"
#include "store/SqliteDatabase.h"

namespace kith::engine {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

struct StoreCopyReport {
  std::vector<CopiedTable> tables;  // in the order copied
  std::int64_t rows(const std::string& table) const;
};

// Called after each table is copied, with its name and row count.
using StoreCopyProgress = std::function<void(const CopiedTable&)>;

// `target` must be at kSchemaVersion (open_postgres_database made it so)
// and hold no row in any table; `source` at kSchemaVersion too. Refuses
// otherwise with one line naming the database. On any error the target is
// left as it was (the transaction is rolled back).
Result<StoreCopyReport> copy_sqlite_to_postgres(SqliteDatabase& source, PostgresDatabase& target,
                                                const StoreCopyProgress& progress = {});

}  // namespace kith::engine

// A team's store: the same SqlHistoryStore over one PostgreSQL database,
// which any number of kithd workers and kith commands share.
#pragma once

#include <memory>

#include "store/PostgresDatabase.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {

// Whether `location` names a PostgreSQL database rather than a file.
bool is_postgres_url(const std::string& location);

// Connects and brings the database's schema to kSchemaVersion: an empty
// database gets the whole schema at once (PostgresSchema.h); one from a
// newer Kith is refused. Several processes starting at once take turns.
Result<std::unique_ptr<PostgresDatabase>> open_postgres_database(const PostgresSettings& settings);
Result<std::unique_ptr<SqlHistoryStore>> open_postgres_store(const PostgresSettings& settings);

}  // namespace kith::engine

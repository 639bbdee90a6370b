// The store's schema for PostgreSQL 15 (issue 15). A new PostgreSQL
// database gets SQLite's version-11 schema in one script: it does not
// replay SQLite's migrations. The caller keeps the schema version.
#pragma once

#include <vector>

namespace kith::engine {

// DDL that creates, in an empty PostgreSQL database, the schema that
// SQLite reaches at version 11 (store/Schema.cpp). Many statements in one
// string: run it with one PQexec, inside a transaction. It creates no
// schema-version table.
const char* postgres_schema_v11();

// The migrations from version 11 on: the first takes a database from 11 to
// 12, and so on; each in the same transaction as the version it writes.
const std::vector<const char*>& postgres_migrations_after_v11();

}  // namespace kith::engine

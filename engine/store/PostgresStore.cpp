#include "store/PostgresStore.h"

#include "store/PostgresSchema.h"
#include "store/Schema.h"
#include "util/Try.h"

namespace kith::engine {

bool is_postgres_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

namespace {

// The schema's version lives in a table of its own (PostgreSQL has no
// user_version); the write turn (an advisory lock) makes workers starting
// together migrate one after another.
Status migrate_postgres(SqlDatabase& db) {
  KITH_TRY(tx, SqlTransaction::begin(db));
  if (auto s = db.exec("CREATE TABLE IF NOT EXISTS kith_schema (version BIGINT NOT NULL)"); !s) return s;
  KITH_TRY(read, db.prepare("SELECT version FROM kith_schema"));
  KITH_TRY(row, read.step());
  const std::int64_t version = row ? read.column_int(0) : 0;
  read.reset();
  if (version > kSchemaVersion)
    return Status::account("database '" + db.name() + "' has schema version " + std::to_string(version) +
                           ", newer than this kith understands (" + std::to_string(kSchemaVersion) + "); upgrade kith");
  if (version == kSchemaVersion) return tx.commit();
  if (version != 0 && version < 11)
    return Status::internal("database '" + db.name() + "' has schema version " + std::to_string(version) +
                            ", which no kith ever made on PostgreSQL");
  // A new database gets version 11 at once; then every later migration.
  if (version == 0)
    if (auto s = db.exec(postgres_schema_v11()); !s) return s.with_context("creating the schema");
  const auto& later = postgres_migrations_after_v11();
  static_assert(kSchemaVersion >= 11);
  if (later.size() != static_cast<std::size_t>(kSchemaVersion - 11))
    return Status::internal("PostgreSQL migrations do not reach schema " + std::to_string(kSchemaVersion));
  for (std::int64_t v = std::max<std::int64_t>(version, 11); v < kSchemaVersion; ++v)
    if (auto s = db.exec(later[static_cast<std::size_t>(v - 11)]); !s)
      return s.with_context("migrating to schema " + std::to_string(v + 1));
  if (auto s = db.exec("DELETE FROM kith_schema"); !s) return s;
  if (auto s = db.exec("INSERT INTO kith_schema (version) VALUES (" + std::to_string(kSchemaVersion) + ")"); !s)
    return s;
  return tx.commit();
}

}  // namespace

Result<std::unique_ptr<PostgresDatabase>> open_postgres_database(const PostgresSettings& settings) {
  KITH_TRY(db, PostgresDatabase::open(settings));
  if (auto s = migrate_postgres(*db); !s) return s;
  return std::move(db);
}

Result<std::unique_ptr<SqlHistoryStore>> open_postgres_store(const PostgresSettings& settings) {
  KITH_TRY(db, open_postgres_database(settings));
  return std::make_unique<SqlHistoryStore>(std::unique_ptr<SqlDatabase>(std::move(db)));
}

}  // namespace kith::engine

// The SQLite connection behind SqlDatabase: a thin RAII layer over the
// SQLite C API that reports errors as Status.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/SqlDatabase.h"

struct sqlite3;

namespace kith::engine {

// One connection, for one thread at a time: callers serialize their use
// (the connection is opened without SQLite's own mutex).
class SqliteDatabase final : public SqlDatabase {
 public:
  // Opens (creating when missing) `path`; a new file is created 0600.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);
  ~SqliteDatabase() override;

  SqlDialect dialect() const override { return SqlDialect::Sqlite; }
  const std::string& name() const override { return path_; }
  Status exec(std::string_view sql) override;
  Result<SqlStatement> prepare(std::string_view sql) override;
  std::int64_t changes() const override;
  Status begin_write() override;
  Status begin_read() override;
  Status commit() override;
  void rollback() override;

  const std::string& path() const { return path_; }

 private:
  SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace kith::engine

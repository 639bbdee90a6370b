// A thin RAII layer over the SQLite C API that reports errors as Status.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>

#include "kith/Status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kith::engine {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // 1-based, as in SQLite.
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  SqliteStatement& bind(int index, const std::optional<std::int64_t>& value);
  SqliteStatement& bind_null(int index);
  SqliteStatement& bind_blob(int index, std::string_view bytes);
  SqliteStatement& bind_double(int index, double value);

  // Next row: true = a row is ready, false = done; Status on error.
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Status run();
  void reset();

  std::int64_t column_int(int index) const;
  std::optional<std::int64_t> column_optional_int(int index) const;
  std::string column_text(int index) const;
  // Valid until the next step() or reset().
  std::string_view column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// One connection, for one thread at a time: callers serialize their use
// (the connection is opened without SQLite's own mutex).
class SqliteDatabase {
 public:
  // Opens (creating when missing) `path`; a new file is created 0600.
  static Result<SqliteDatabase> open(const std::string& path);

  SqliteDatabase(SqliteDatabase&& other) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  Status exec(std::string_view sql);
  Result<SqliteStatement> prepare(std::string_view sql);
  // A statement prepared once per connection and reset on every fetch: the
  // sync path runs the same few statements for every interaction.
  // Call reset_cached() when done so no statement keeps a read open.
  Result<SqliteStatement*> cached(const std::string& sql);
  void reset_cached();
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  const std::string& path() const { return path_; }

 private:
  SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

// Commits on commit(); rolls back when destroyed uncommitted.
class SqliteTransaction {
 public:
  static Result<SqliteTransaction> begin(SqliteDatabase& db);
  // Reads only: one snapshot for several statements, and the file locks
  // taken once instead of at every statement. Ends when destroyed.
  static Result<SqliteTransaction> begin_read(SqliteDatabase& db);
  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();
  Status commit();

 private:
  explicit SqliteTransaction(SqliteDatabase* db) : db_(db) {}
  SqliteDatabase* db_;
};

}  // namespace kith::engine

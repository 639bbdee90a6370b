// What the store's SQL runs on: one connection to SQLite (the embedded
// default) or PostgreSQL (a team's shared store), behind one small
// interface, so the store's code and its tests are written once.
//
// The store writes SQL that both accept (SQLite 3.40 and PostgreSQL 15
// share INSERT … ON CONFLICT, RETURNING, IS DISTINCT FROM, COALESCE):
// placeholders are `?` or `?N` (PostgreSQL's connection turns them into
// `$N`), and where the two differ the store asks dialect(). Errors are
// values; a busy or lost database is ErrorKind::Transient.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kith/Status.h"

namespace kith::engine {

enum class SqlDialect { Sqlite, Postgres };

// One backend's prepared statement (SqliteDatabase.cpp, PostgresDatabase.cpp).
class SqlStatementBackend {
 public:
  virtual ~SqlStatementBackend() = default;
  // 1-based.
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_double(int index, double value) = 0;
  // Next row: true = a row is ready, false = done; Status on error.
  virtual Result<bool> step() = 0;
  // Back to before the first step, with no value bound.
  virtual void reset() = 0;
  virtual std::int64_t column_int(int index) const = 0;
  virtual double column_double(int index) const = 0;
  virtual std::string column_text(int index) const = 0;
  // Valid until the next step() or reset().
  virtual std::string_view column_blob(int index) const = 0;
  virtual bool column_is_null(int index) const = 0;
};

// A prepared statement, by value: what the store's code holds.
class SqlStatement {
 public:
  SqlStatement() = default;
  explicit SqlStatement(std::unique_ptr<SqlStatementBackend> backend) : backend_(std::move(backend)) {}

  SqlStatement& bind(int index, std::int64_t value) {
    backend_->bind_int(index, value);
    return *this;
  }
  SqlStatement& bind(int index, std::string_view value) {
    backend_->bind_text(index, value);
    return *this;
  }
  // Out of line: inlined, GCC 12 warns of an optional read uninitialized.
  SqlStatement& bind(int index, const std::optional<std::int64_t>& value);
  SqlStatement& bind_null(int index) {
    backend_->bind_null(index);
    return *this;
  }
  SqlStatement& bind_blob(int index, std::string_view bytes) {
    backend_->bind_blob(index, bytes);
    return *this;
  }
  SqlStatement& bind_double(int index, double value) {
    backend_->bind_double(index, value);
    return *this;
  }

  Result<bool> step() { return backend_->step(); }
  // Runs to completion, ignoring rows, and resets.
  Status run();
  void reset() { backend_->reset(); }

  std::int64_t column_int(int index) const { return backend_->column_int(index); }
  double column_double(int index) const { return backend_->column_double(index); }
  std::optional<std::int64_t> column_optional_int(int index) const {
    if (column_is_null(index)) return std::nullopt;
    return column_int(index);
  }
  std::string column_text(int index) const { return backend_->column_text(index); }
  std::string_view column_blob(int index) const { return backend_->column_blob(index); }
  bool column_is_null(int index) const { return backend_->column_is_null(index); }

 private:
  std::unique_ptr<SqlStatementBackend> backend_;
};

// Steps an INSERT … RETURNING id (both databases have RETURNING; neither
// last-insert id is safe on the other) and returns the id, then resets it.
Result<std::int64_t> returned_id(SqlStatement& stmt);

// One connection, for one thread at a time: callers serialize their use.
class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  SqlDatabase() = default;
  SqlDatabase(const SqlDatabase&) = delete;
  SqlDatabase& operator=(const SqlDatabase&) = delete;

  virtual SqlDialect dialect() const = 0;
  // What errors name: the file, or the URL without any password.
  virtual const std::string& name() const = 0;

  // Statements without parameters, several separated by ';'.
  virtual Status exec(std::string_view sql) = 0;
  virtual Result<SqlStatement> prepare(std::string_view sql) = 0;
  // A statement prepared once per connection and reset on every fetch: the
  // sync path runs the same few statements for every interaction.
  // Call reset_cached() when done so no statement keeps a read open.
  Result<SqlStatement*> cached(const std::string& sql);
  void reset_cached();
  // Rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t changes() const = 0;

  // SqlTransaction's: a write transaction takes the store's one write turn
  // at once (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
  // advisory lock), so a batch never fails halfway for a concurrent
  // writer; a read transaction is one snapshot.
  virtual Status begin_write() = 0;
  virtual Status begin_read() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;

 protected:
  // A backend's destructor calls it first: statements go before the
  // connection they were prepared on.
  void drop_cached() { cache_.clear(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<SqlStatement>> cache_;
};

// Commits on commit(); rolls back when destroyed uncommitted.
class SqlTransaction {
 public:
  static Result<SqlTransaction> begin(SqlDatabase& db);
  // Reads only: one snapshot for several statements. Ends when destroyed.
  static Result<SqlTransaction> begin_read(SqlDatabase& db);
  SqlTransaction(SqlTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqlTransaction& operator=(SqlTransaction&&) = delete;
  ~SqlTransaction();
  Status commit();

 private:
  explicit SqlTransaction(SqlDatabase* db) : db_(db) {}
  SqlDatabase* db_;
};

}  // namespace kith::engine

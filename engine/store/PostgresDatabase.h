// The PostgreSQL connection behind SqlDatabase (libpq), for a team's
// shared store. Statements are prepared on the server once per connection
// and parameter types (PostgresSql.h rewrites the store's SQL); results
// come back as text and are read as SQLite's columns would be.
//
// A connection that drops (the server restarts, the network goes) is made
// again at the next statement outside a transaction; inside one, the
// statement fails as ErrorKind::Transient and the caller's transaction is
// lost as a whole, never half-committed.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/SqlDatabase.h"

struct pg_conn;
struct pg_result;

namespace kith::engine {

struct PostgresSettings {
  // libpq's connection URI or key=value string ("postgresql://user@host:5432/kith").
  std::string url;
  // From [store] password_command / password_env; else libpq's own
  // (PGPASSWORD, ~/.pgpass).
  std::optional<std::string> password;
  std::chrono::seconds connect_timeout{10};
};

class PostgresDatabase final : public SqlDatabase {
 public:
  static Result<std::unique_ptr<PostgresDatabase>> open(const PostgresSettings& settings);
  ~PostgresDatabase() override;

  SqlDialect dialect() const override { return SqlDialect::Postgres; }
  const std::string& name() const override { return name_; }
  Status exec(std::string_view sql) override;
  Result<SqlStatement> prepare(std::string_view sql) override;
  std::int64_t changes() const override { return changes_; }
  Status begin_write() override;
  Status begin_read() override;
  Status commit() override;
  void rollback() override;

  // PostgresStatement's: runs `sql` (already rewritten) with these
  // parameters, preparing it first on this connection when needed.
  struct Parameters {
    std::vector<unsigned int> types;  // Oids; 0 lets the server infer
    std::vector<std::optional<std::string>> values;
    std::vector<int> formats;  // 1: binary (bytea)
    std::vector<std::size_t> unused;  // numbers (0-based) the text never uses
  };
  Result<pg_result*> execute(const std::string& sql, const Parameters& parameters);

  // Runs `copy_sql` (COPY … FROM STDIN, text format) and sends what `next`
  // writes into its chunk (whole lines, escaped for COPY) until it returns
  // false. An error from `next` ends the COPY unfinished and is returned;
  // the server's own (a constraint, a bad value) names the database. For a
  // tool copying a whole store (StoreCopy.h), inside a transaction.
  Status copy_in(const std::string& copy_sql, const std::function<Result<bool>(std::string& chunk)>& next);

 private:
  PostgresDatabase(pg_conn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  // Makes the connection again when it dropped, outside a transaction.
  Status ensure_connected();
  Status error(const std::string& what, pg_result* result) const;

  pg_conn* conn_ = nullptr;
  std::string name_;
  bool in_transaction_ = false;
  std::int64_t changes_ = 0;
  // Server-side prepared statements of this connection, by types and text.
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace kith::engine

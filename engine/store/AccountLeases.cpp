#include "store/AccountLeases.h"

#include <random>

#include "util/Try.h"

namespace kith::engine {

namespace {

constexpr const char* kTables =
    "CREATE TABLE IF NOT EXISTS kith_workers ("
    " id TEXT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, heartbeat_at TIMESTAMPTZ NOT NULL);"
    "CREATE TABLE IF NOT EXISTS account_leases ("
    " account TEXT PRIMARY KEY, worker TEXT NOT NULL, host TEXT NOT NULL, pid BIGINT NOT NULL,"
    " expires_at TIMESTAMPTZ NOT NULL);"
    "CREATE INDEX IF NOT EXISTS account_leases_worker ON account_leases (worker)";

Result<std::vector<std::string>> first_column(SqlStatement& stmt) {
  std::vector<std::string> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back(stmt.column_text(0));
  }
  stmt.reset();
  return out;
}

}  // namespace

Status AccountLeases::create_tables(SqlDatabase& db) {
  if (db.dialect() != SqlDialect::Postgres)
    return Status::internal("account leases need a PostgreSQL store, not '" + db.name() + "'");
  KITH_TRY(tx, SqlTransaction::begin(db));
  if (auto s = db.exec(kTables); !s) return s.with_context("creating the lease tables");
  return tx.commit();
}

Result<std::unique_ptr<AccountLeases>> AccountLeases::open(std::unique_ptr<SqlDatabase> db, std::string worker,
                                                           std::string host, std::int64_t pid,
                                                           std::chrono::seconds lease) {
  if (lease.count() < 1) return Status::account("[daemon] lease_seconds must be at least 1");
  if (auto s = create_tables(*db); !s) return s;
  return std::unique_ptr<AccountLeases>(
      new AccountLeases(std::move(db), std::move(worker), std::move(host), pid, lease));
}

std::string AccountLeases::new_worker_id(const std::string& host, std::int64_t pid) {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = host;
  id.append(":").append(std::to_string(pid)).append(":");
  for (int i = 0; i < 8; ++i) id.push_back(kHex[random() % 16]);
  return id;
}

std::string AccountLeases::lease_interval() const {
  std::string out = "interval '";
  out.append(std::to_string(lease_.count())).append(" seconds'");
  return out;
}

Status AccountLeases::heartbeat() {
  KITH_TRY(stmt, db_->prepare(
                     "INSERT INTO kith_workers (id, host, pid, heartbeat_at) VALUES (?1, ?2, ?3, clock_timestamp()) "
                     "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at"));
  stmt.bind(1, std::string_view(worker_)).bind(2, std::string_view(host_)).bind(3, pid_);
  if (auto s = stmt.run(); !s) return s.with_context("recording this worker's heartbeat");
  // Workers gone for a day leave no trace.
  return db_->exec("DELETE FROM kith_workers WHERE heartbeat_at < clock_timestamp() - interval '1 day'");
}

Result<std::int64_t> AccountLeases::live_workers() {
  KITH_TRY(stmt, db_->prepare("SELECT count(*) FROM kith_workers WHERE heartbeat_at > clock_timestamp() - " +
                              lease_interval()));
  KITH_TRY(row, stmt.step());
  const std::int64_t live = row ? stmt.column_int(0) : 0;
  stmt.reset();
  return live;
}

Result<bool> AccountLeases::take(const std::string& account) {
  KITH_TRY(stmt, db_->prepare(
                     "INSERT INTO account_leases (account, worker, host, pid, expires_at) "
                     "VALUES (?1, ?2, ?3, ?4, clock_timestamp() + " + lease_interval() + ") "
                     "ON CONFLICT (account) DO UPDATE SET worker = excluded.worker, host = excluded.host, "
                     "pid = excluded.pid, expires_at = excluded.expires_at "
                     "WHERE account_leases.expires_at < clock_timestamp() OR account_leases.worker = excluded.worker "
                     "RETURNING account"));
  stmt.bind(1, std::string_view(account)).bind(2, std::string_view(worker_)).bind(3, std::string_view(host_)).bind(4, pid_);
  auto row = stmt.step();
  if (!row) return row.status().with_context("taking the lease on account " + account);
  const bool taken = *row;
  stmt.reset();
  return taken;
}

Result<std::vector<std::string>> AccountLeases::renew() {
  KITH_TRY(stmt, db_->prepare("UPDATE account_leases SET expires_at = clock_timestamp() + " + lease_interval() +
                              " WHERE worker = ?1 AND expires_at > clock_timestamp() RETURNING account"));
  stmt.bind(1, std::string_view(worker_));
  auto held = first_column(stmt);
  if (!held) return held.status().with_context("renewing the leases of worker " + worker_);
  return held;
}

Result<std::vector<std::string>> AccountLeases::held_by_anyone() {
  KITH_TRY(stmt, db_->prepare("SELECT account FROM account_leases WHERE expires_at > clock_timestamp()"));
  return first_column(stmt);
}

Status AccountLeases::release(const std::string& account) {
  KITH_TRY(stmt, db_->prepare("DELETE FROM account_leases WHERE account = ?1 AND worker = ?2"));
  stmt.bind(1, std::string_view(account)).bind(2, std::string_view(worker_));
  if (auto s = stmt.run(); !s) return s.with_context("releasing the lease on account " + account);
  return {};
}

Status AccountLeases::release_all() {
  KITH_TRY(leases, db_->prepare("DELETE FROM account_leases WHERE worker = ?1"));
  leases.bind(1, std::string_view(worker_));
  if (auto s = leases.run(); !s) return s.with_context("releasing the leases of worker " + worker_);
  KITH_TRY(workers, db_->prepare("DELETE FROM kith_workers WHERE id = ?1"));
  workers.bind(1, std::string_view(worker_));
  return workers.run();
}

Result<std::vector<LeaseHolder>> AccountLeases::holders(SqlDatabase& db) {
  std::vector<LeaseHolder> out;
  if (db.dialect() != SqlDialect::Postgres) return out;
  KITH_TRY(exists, db.prepare("SELECT CASE WHEN to_regclass('account_leases') IS NULL THEN 0 ELSE 1 END"));
  KITH_TRY(row, exists.step());
  const bool made = row && exists.column_int(0) == 1;
  exists.reset();
  if (!made) return out;
  KITH_TRY(stmt, db.prepare(
                     "SELECT account, worker, host, pid, CAST(floor(EXTRACT(EPOCH FROM expires_at)) AS BIGINT), "
                     "CASE WHEN expires_at < clock_timestamp() THEN 1 ELSE 0 END "
                     "FROM account_leases ORDER BY account"));
  for (;;) {
    KITH_TRY(more, stmt.step());
    if (!more) break;
    out.push_back({stmt.column_text(0), stmt.column_text(1), stmt.column_text(2), stmt.column_int(3),
                   stmt.column_int(4), stmt.column_int(5) == 1});
  }
  stmt.reset();
  return out;
}

}  // namespace kith::engine

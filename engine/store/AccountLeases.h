// Account leases on a PostgreSQL store: any number of kithd workers, on any
// machines, share one store, and each account is synced by at most one of
// them at a time, under a lease held in the database.
//
// Two tables, made at start when absent (PostgreSQL only; not part of the
// SQLite schema): kith_workers (a heartbeat per live worker) and
// account_leases (one row per account: its holder and when the lease
// expires). Every time is the database's clock (clock_timestamp()), so the
// workers' clocks never matter. A lease is taken atomically (INSERT … ON
// CONFLICT DO UPDATE … WHERE expired or mine), renewed only while unexpired,
// and released by deleting the holder's rows.
//
// The fence: SqlHistoryStore::set_lease_worker() makes every apply() lock
// its account's lease row (SELECT … FOR UPDATE) inside the batch's
// transaction and refuse to commit unless this worker holds it unexpired; a
// takeover waits on that row lock until the commit ends. So two workers
// never commit for one account at once, whatever their clocks or threads do.
//
// Runs on a connection of its own: the store's may be inside a long
// transaction. One thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kith/Items.h"
#include "store/SqlDatabase.h"

namespace kith::engine {

struct LeaseHolder {
  std::string account;
  std::string worker;
  std::string host;
  std::int64_t pid = 0;
  UnixSeconds expires_at = 0;
  bool expired = false;  // by the database's clock
};

class AccountLeases {
 public:
  // Makes the tables when absent (in the store's write turn, so workers
  // starting together take turns). `worker` names this worker uniquely
  // (new_worker_id()).
  static Result<std::unique_ptr<AccountLeases>> open(std::unique_ptr<SqlDatabase> db, std::string worker,
                                                     std::string host, std::int64_t pid,
                                                     std::chrono::seconds lease);
  static Status create_tables(SqlDatabase& db);
  // "host:pid:random" — unique across machines and restarts.
  static std::string new_worker_id(const std::string& host, std::int64_t pid);

  const std::string& worker() const { return worker_; }
  std::chrono::seconds lease() const { return lease_; }

  // This worker is alive (kith_workers.heartbeat_at = now).
  Status heartbeat();
  // Workers whose heartbeat is younger than one lease, this one included.
  Result<std::int64_t> live_workers();
  // Takes the account's lease when nobody holds it, its lease expired, or
  // this worker holds it already; true when this worker holds it now.
  Result<bool> take(const std::string& account);
  // Extends every unexpired lease of this worker; returns their accounts.
  Result<std::vector<std::string>> renew();
  // Accounts under an unexpired lease of any worker.
  Result<std::vector<std::string>> held_by_anyone();
  Status release(const std::string& account);
  // Every lease of this worker, and its heartbeat row.
  Status release_all();

  // Every lease row (expired ones too), by account; none when no worker
  // ever made the table. For `kith status`.
  static Result<std::vector<LeaseHolder>> holders(SqlDatabase& db);

 private:
  AccountLeases(std::unique_ptr<SqlDatabase> db, std::string worker, std::string host, std::int64_t pid,
                std::chrono::seconds lease)
      : db_(std::move(db)), worker_(std::move(worker)), host_(std::move(host)), pid_(pid), lease_(lease) {}
  // "interval 'N seconds'"
  std::string lease_interval() const;

  std::unique_ptr<SqlDatabase> db_;
  std::string worker_;
  std::string host_;
  std::int64_t pid_;
  std::chrono::seconds lease_;
};

}  // namespace kith::engine

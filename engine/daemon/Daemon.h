// kithd's core: one AccountWorker per configured account, replaced as the
// configuration changes.
//
// On a PostgreSQL store (with AccountLeases) a worker per account it holds
// the lease of, instead: a lease keeper thread heartbeats, renews the leases
// every lease/3, takes free or expired ones up to this worker's fair share
// (ceil(accounts / live workers)), releases idle ones above it, and stops an
// account's worker as soon as its lease is lost (renewal refused, or not
// renewed for a whole lease while the database is unreachable). stop()
// releases every lease.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>
#include <thread>

#include "config/Config.h"
#include "daemon/AccountWorker.h"
#include "plugin/PluginRegistry.h"
#include "store/AccountLeases.h"
#include "store/HistoryStore.h"

namespace kith::engine {

struct DaemonSettings {
  BackoffPolicy backoff;
  std::chrono::seconds failed_recheck{10};
};

class Daemon {
 public:
  // `leases`: a PostgreSQL store's (the store fences its commits with the
  // same worker id); none: every configured account, as on SQLite.
  Daemon(HistoryStore& store, Logger& logger, DaemonSettings settings,
         std::unique_ptr<AccountLeases> leases = nullptr);
  ~Daemon() { stop(); }

  // Starts workers for `config`'s accounts, or brings the running set in line
  // with it: added accounts start, removed ones stop (their history stays),
  // changed ones restart (which also clears a failed state).
  void apply_config(const Config& config);

  // Stops every worker: in-flight syncs are cancelled and joined; then
  // releases every lease.
  void stop();

  std::size_t running_accounts();
  std::size_t configured_accounts();
  // The accounts whose sync is in progress now (the dashboard's status).
  std::vector<std::string> syncing_accounts();

 private:
  // The lease keeper's loop and one round of it.
  void keep_leases();
  void lease_round();
  std::unique_ptr<AccountWorker> start_worker(const AccountConfig& account);

  std::mutex mutex_;  // workers_, config_, plugins_, held_
  std::unique_ptr<AccountLeases> leases_;
  std::set<std::string> held_;
  std::chrono::steady_clock::time_point renewed_at_;
  bool renew_failing_ = false;
  bool leases_released_ = false;
  std::mutex keeper_mutex_;
  std::condition_variable keeper_wake_;
  bool keeper_stopping_ = false;
  std::thread keeper_;
  HistoryStore& store_;
  Logger& logger_;
  DaemonSettings settings_;
  std::shared_ptr<const Config> config_;
  std::shared_ptr<const PluginRegistry> plugins_;
  std::map<std::string, std::unique_ptr<AccountWorker>> workers_;
};

// Same provider and same settings (values, not where they were written).
bool same_account_settings(const AccountConfig& a, const AccountConfig& b);

// An account's `interval` setting, or 5 minutes.
std::chrono::seconds account_interval(const AccountConfig& account);

}  // namespace kith::engine

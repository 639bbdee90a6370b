// Keeps one account's history current on its own thread: syncs it every
// `interval`, backs off after transient failures, stops trying after an
// account error until the user acts. A slow or dead server only ever holds
// up its own worker.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "config/Config.h"
#include "daemon/Backoff.h"
#include "host/AccountContext.h"
#include "plugin/PluginRegistry.h"
#include "store/HistoryStore.h"

namespace kith::engine {

struct WorkerSettings {
  std::chrono::seconds interval{300};
  BackoffPolicy backoff;
  // How often a failed account checks whether the user has since synced it
  // successfully by hand (`kith sync ACCOUNT`), which clears the failure.
  std::chrono::seconds failed_recheck{10};
  // Synced under a lease (PostgreSQL store): another worker may hold the
  // account next, so stopping records no "stopped" state over its own.
  bool leased = false;
};

class AccountWorker {
 public:
  AccountWorker(std::shared_ptr<const Config> config, const AccountConfig& account,
                std::shared_ptr<const PluginRegistry> plugins, HistoryStore& store, Logger& logger,
                WorkerSettings settings);
  ~AccountWorker();  // stops and joins
  AccountWorker(const AccountWorker&) = delete;
  AccountWorker& operator=(const AccountWorker&) = delete;

  // Asks the thread to finish: a sync in progress is cancelled (providers
  // poll the flag between round trips; nothing half-done is committed).
  void request_stop();
  void join();
  const AccountConfig& account() const { return account_; }
  // Whether a sync is in progress (the lease keeper releases idle accounts
  // first).
  bool syncing() const { return syncing_.load(); }

 private:
  void run();
  // Sleeps until `deadline` or a stop request; false when stopping.
  bool sleep_until(std::chrono::steady_clock::time_point deadline);
  void set_state(const std::string& state, std::optional<std::chrono::milliseconds> until, const std::string& reason);
  void refresh_relationships();
  // After a sync pass that changed something: `kith remind`'s work.
  void write_reminders();

  std::shared_ptr<const Config> config_;
  AccountConfig account_;
  std::shared_ptr<const PluginRegistry> plugins_;
  HistoryStore& store_;
  Logger& logger_;
  WorkerSettings settings_;
  CancellationFlag cancel_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> syncing_{false};
  std::mt19937_64 rng_;
  std::thread thread_;
};

}  // namespace kith::engine

// Runs one sync pass of one account: provider -> extraction -> store,
// recording the run for `kith status`.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/Config.h"
#include "kith/Host.h"
#include "plugin/PluginRegistry.h"
#include "store/HistoryStore.h"
#include "sync/SyncObserver.h"

namespace kith::engine {


struct AccountSyncReport {
  std::string account;
  Status status;  // OK, or why the pass stopped
  RunOutcome outcome;
  std::size_t interactions_removed = 0;
};

class SyncRunner {
 public:
  SyncRunner(const Config& config, HistoryStore& store, const PluginRegistry& plugins, Logger& logger,
             const Cancellation& cancellation)
      : config_(config), store_(store), plugins_(plugins), logger_(logger), cancellation_(cancellation) {}

  AccountSyncReport sync_account(const AccountConfig& account, SyncObserver* observer = nullptr);

  // Waits for the account's server to report a change (Provider::watch) on
  // a provider instance of its own; Unsupported for plugins built before
  // ABI 1.1 or without push.
  Result<WatchOutcome> watch(const AccountConfig& account, std::chrono::milliseconds max_wait);

 private:
  const Config& config_;
  HistoryStore& store_;
  const PluginRegistry& plugins_;
  Logger& logger_;
  const Cancellation& cancellation_;
};

}  // namespace kith::engine

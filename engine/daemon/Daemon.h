// kithd's core: one AccountWorker per configured account, replaced as the
// configuration changes.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "config/Config.h"
#include "daemon/AccountWorker.h"
#include "plugin/PluginRegistry.h"
#include "store/HistoryStore.h"

namespace kith::engine {

struct DaemonSettings {
  BackoffPolicy backoff;
  std::chrono::seconds failed_recheck{10};
};

class Daemon {
 public:
  Daemon(HistoryStore& store, Logger& logger, DaemonSettings settings)
      : store_(store), logger_(logger), settings_(settings) {}
  ~Daemon() { stop(); }

  // Starts workers for `config`'s accounts, or brings the running set in line
  // with it: added accounts start, removed ones stop (their history stays),
  // changed ones restart (which also clears a failed state).
  void apply_config(const Config& config);

  // Stops every worker: in-flight syncs are cancelled and joined.
  void stop();

  std::size_t running_accounts() const { return workers_.size(); }

 private:
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

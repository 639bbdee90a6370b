#include "daemon/Daemon.h"

namespace kith::engine {

bool same_account_settings(const AccountConfig& a, const AccountConfig& b) {
  if (a.provider != b.provider || a.settings.size() != b.settings.size()) return false;
  for (const auto& [key, setting] : a.settings) {
    auto it = b.settings.find(key);
    if (it == b.settings.end() || it->second.value != setting.value) return false;
  }
  return true;
}

std::chrono::seconds account_interval(const AccountConfig& account) {
  if (auto it = account.settings.find("interval"); it != account.settings.end())
    if (const auto* seconds = std::get_if<std::int64_t>(&it->second.value)) return std::chrono::seconds(*seconds);
  return std::chrono::seconds(300);
}

Daemon::Daemon(HistoryStore& store, Logger& logger, DaemonSettings settings, std::unique_ptr<AccountLeases> leases)
    : leases_(std::move(leases)), store_(store), logger_(logger), settings_(settings) {}

std::unique_ptr<AccountWorker> Daemon::start_worker(const AccountConfig& account) {
  WorkerSettings ws;
  ws.interval = account_interval(account);
  ws.backoff = settings_.backoff;
  ws.failed_recheck = settings_.failed_recheck;
  ws.leased = leases_ != nullptr;
  logger_.log(LogLevel::Info, "[" + account.name + "] starting (every " + std::to_string(ws.interval.count()) + " s)");
  return std::make_unique<AccountWorker>(config_, account, plugins_, store_, logger_, ws);
}

void Daemon::apply_config(const Config& config) {
  auto next_config = std::make_shared<const Config>(config);
  auto plugins = std::make_shared<PluginRegistry>();
  plugins->scan(PluginRegistry::search_path(config.plugin_dirs));

  std::unique_lock lock(mutex_);
  // Stop what is gone or changed first, all at once, then wait for them.
  std::vector<std::unique_ptr<AccountWorker>> stopping;
  for (auto it = workers_.begin(); it != workers_.end();) {
    const auto* wanted = next_config->find_account(it->first);
    if (wanted && same_account_settings(*wanted, it->second->account())) {
      ++it;
      continue;
    }
    logger_.log(LogLevel::Info, "[" + it->first + "] " + (wanted ? "settings changed; restarting" : "removed; stopping"));
    it->second->request_stop();
    stopping.push_back(std::move(it->second));
    it = workers_.erase(it);
  }
  stopping.clear();  // joins

  config_ = next_config;
  plugins_ = plugins;
  for (const auto& account : config_->accounts) {
    if (workers_.count(account.name)) continue;
    // Under leases, only the accounts this worker holds; the keeper takes
    // the rest as its share allows.
    if (leases_ && !held_.count(account.name)) continue;
    workers_.emplace(account.name, start_worker(account));
  }
  lock.unlock();
  if (leases_ && !keeper_.joinable()) {
    renewed_at_ = std::chrono::steady_clock::now();
    keeper_ = std::thread([this] { keep_leases(); });
  }
}

std::size_t Daemon::running_accounts() {
  const std::lock_guard lock(mutex_);
  return workers_.size();
}

std::vector<std::string> Daemon::syncing_accounts() {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, worker] : workers_)
    if (worker->syncing()) out.push_back(name);
  return out;
}

std::size_t Daemon::configured_accounts() {
  const std::lock_guard lock(mutex_);
  return config_ ? config_->accounts.size() : 0;
}

void Daemon::stop() {
  if (keeper_.joinable()) {
    {
      const std::lock_guard lock(keeper_mutex_);
      keeper_stopping_ = true;
    }
    keeper_wake_.notify_all();
    keeper_.join();
  }
  const std::lock_guard lock(mutex_);
  for (auto& [name, worker] : workers_) worker->request_stop();
  workers_.clear();  // joins each
  if (leases_ && !leases_released_) {
    leases_released_ = true;
    if (auto s = leases_->release_all(); !s) {
      logger_.log(LogLevel::Warn, "leases not released (they expire by themselves): " + s.message());
    } else {
      for (const auto& account : held_) logger_.log(LogLevel::Info, "[" + account + "] lease released");
    }
    held_.clear();
  }
}

}  // namespace kith::engine

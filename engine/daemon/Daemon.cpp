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

void Daemon::apply_config(const Config& config) {
  auto next_config = std::make_shared<const Config>(config);
  auto plugins = std::make_shared<PluginRegistry>();
  plugins->scan(PluginRegistry::search_path(config.plugin_dirs));

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
    WorkerSettings ws;
    ws.interval = account_interval(account);
    ws.backoff = settings_.backoff;
    ws.failed_recheck = settings_.failed_recheck;
    logger_.log(LogLevel::Info, "[" + account.name + "] starting (every " + std::to_string(ws.interval.count()) + " s)");
    workers_.emplace(account.name,
                     std::make_unique<AccountWorker>(config_, account, plugins_, store_, logger_, ws));
  }
}

void Daemon::stop() {
  for (auto& [name, worker] : workers_) worker->request_stop();
  workers_.clear();  // joins each
}

}  // namespace kith::engine

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

std::size_t Daemon::configured_accounts() {
  const std::lock_guard lock(mutex_);
  return config_ ? config_->accounts.size() : 0;
}

void Daemon::keep_leases() {
  using namespace std::chrono;
  const auto tick = std::max(milliseconds(200), duration_cast<milliseconds>(leases_->lease()) / 3);
  // Announce this worker first and give workers starting together a moment
  // to see each other, so each takes its share rather than one taking all.
  if (auto s = leases_->heartbeat(); !s) logger_.log(LogLevel::Warn, "lease keeper: " + s.message());
  auto next = steady_clock::now() + std::min(tick, milliseconds(1000));
  for (;;) {
    {
      std::unique_lock lock(keeper_mutex_);
      keeper_wake_.wait_until(lock, next, [this] { return keeper_stopping_; });
      if (keeper_stopping_) return;
    }
    next = steady_clock::now() + tick;
    lease_round();
  }
}

void Daemon::lease_round() {
  using namespace std::chrono;
  const auto now = steady_clock::now();  // before the renewal is sent: earlier than the database's
  std::vector<std::unique_ptr<AccountWorker>> stopping;
  std::vector<std::string> to_release;
  auto stop_worker = [&](const std::string& account) {
    auto it = workers_.find(account);
    if (it == workers_.end()) return;
    it->second->request_stop();
    stopping.push_back(std::move(it->second));
    workers_.erase(it);
  };
  {
    const std::lock_guard lock(mutex_);
    if (auto s = leases_->heartbeat(); !s)
      logger_.log(LogLevel::Debug, "lease keeper: " + s.message());
    auto renewed = leases_->renew();
    if (!renewed) {
      if (!renew_failing_) logger_.log(LogLevel::Warn, "leases not renewed: " + renewed.status().message());
      renew_failing_ = true;
      if (now - renewed_at_ >= leases_->lease()) {
        // Maybe expired in the database by now: another worker may take
        // them over. The fence already refuses our commits; stop the work.
        for (const auto& account : held_) {
          logger_.log(LogLevel::Warn, "[" + account + "] lease lost (not renewed for " +
                                          std::to_string(leases_->lease().count()) + " s)");
          stop_worker(account);
        }
        held_.clear();
      }
    } else {
      if (renew_failing_) logger_.log(LogLevel::Info, "leases renewed again");
      renew_failing_ = false;
      renewed_at_ = now;
      const std::set<std::string> still(renewed->begin(), renewed->end());
      for (const auto& account : held_)
        if (!still.count(account)) {
          logger_.log(LogLevel::Warn, "[" + account + "] lease lost");
          stop_worker(account);
        }
      held_ = still;
      for (const auto& account : held_)
        if (!config_->find_account(account)) {
          stop_worker(account);
          to_release.push_back(account);
        }
      for (const auto& account : to_release) held_.erase(account);

      const auto total = static_cast<std::int64_t>(config_->accounts.size());
      auto live = leases_->live_workers();
      if (!live) logger_.log(LogLevel::Debug, "lease keeper: " + live.status().message());
      const std::int64_t workers = std::max<std::int64_t>(1, live ? *live : 1);
      const auto share = static_cast<std::size_t>((total + workers - 1) / workers);
      if (live && held_.size() < share) {
        auto busy = leases_->held_by_anyone();
        if (!busy) logger_.log(LogLevel::Debug, "lease keeper: " + busy.status().message());
        std::set<std::string> taken_somewhere;
        if (busy) taken_somewhere.insert(busy->begin(), busy->end());
        // Workers start their search at different accounts, so they seldom
        // race for the same one (the take is atomic either way).
        const auto n = config_->accounts.size();
        const std::size_t first = n ? std::hash<std::string>{}(leases_->worker()) % n : 0;
        for (std::size_t i = 0; busy && i < n && held_.size() < share; ++i) {
          const auto& account = config_->accounts[(first + i) % n];
          if (taken_somewhere.count(account.name) || held_.count(account.name)) continue;
          auto taken = leases_->take(account.name);
          if (!taken) {
            logger_.log(LogLevel::Debug, "lease keeper: " + taken.status().message());
            break;
          }
          if (!*taken) continue;
          logger_.log(LogLevel::Info, "[" + account.name + "] lease taken");
          held_.insert(account.name);
        }
      } else if (live && held_.size() > share) {
        // A new worker came: give up idle accounts above the fair share
        // (a sync in progress finishes first).
        std::vector<std::string> extra;
        for (const auto& account : held_) {
          if (held_.size() - extra.size() <= share) break;
          auto it = workers_.find(account);
          if (it != workers_.end() && it->second->syncing()) continue;
          extra.push_back(account);
        }
        for (const auto& account : extra) {
          stop_worker(account);
          held_.erase(account);
          to_release.push_back(account);
        }
      }
      // Every held account has its worker (apply_config restarts changed ones).
      for (const auto& account : held_)
        if (!workers_.count(account))
          if (const auto* configured = config_->find_account(account))
            workers_.emplace(account, start_worker(*configured));
    }
  }
  stopping.clear();  // joins: no commit of theirs can follow the release
  for (const auto& account : to_release) {
    if (auto s = leases_->release(account); !s)
      logger_.log(LogLevel::Warn, "[" + account + "] lease not released: " + s.message());
    else
      logger_.log(LogLevel::Info, "[" + account + "] lease released");
  }
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

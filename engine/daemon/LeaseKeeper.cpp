// kithd's lease keeper on a PostgreSQL store (Daemon::keep_leases, one
// thread): heartbeat, renew every lease/3, stop an account whose lease is
// lost before its next commit, take this worker's share of the accounts no
// one holds, give back extras, and release what it stops. Apart from
// Daemon.cpp, which runs the accounts a worker holds.
#include <algorithm>
#include <functional>

#include "daemon/Daemon.h"

namespace kith::engine {

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

}  // namespace kith::engine

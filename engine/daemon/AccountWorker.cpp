#include "daemon/AccountWorker.h"

#include "daemon/RuleSettings.h"
#include "remind/ReminderRun.h"
#include "relate/Relationships.h"
#include "sync/SyncRunner.h"
#include "util/Time.h"

namespace kith::engine {

using Clock = std::chrono::steady_clock;

AccountWorker::AccountWorker(std::shared_ptr<const Config> config, const AccountConfig& account,
                             std::shared_ptr<const PluginRegistry> plugins, HistoryStore& store, Logger& logger,
                             WorkerSettings settings)
    : config_(std::move(config)),
      account_(account),
      plugins_(std::move(plugins)),
      store_(store),
      logger_(logger),
      settings_(settings),
      rng_(std::random_device{}()) {
  thread_ = std::thread([this] { run(); });
}

AccountWorker::~AccountWorker() {
  request_stop();
  join();
}

void AccountWorker::request_stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancel_.request();
  wake_.notify_all();
}

void AccountWorker::join() {
  if (thread_.joinable()) thread_.join();
}

bool AccountWorker::sleep_until(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, deadline, [this] { return stopping_; });
  return !stopping_;
}

void AccountWorker::set_state(const std::string& state, std::optional<std::chrono::milliseconds> until,
                              const std::string& reason) {
  AccountState s{state, now_utc(), std::nullopt, reason};
  if (until) s.until = now_utc() + std::chrono::duration_cast<std::chrono::seconds>(*until).count();
  if (auto status = store_.set_account_state(account_.name, s); !status)
    logger_.log(LogLevel::Warn, "[" + account_.name + "] cannot record its state: " + status.message());
}

void AccountWorker::run() {
  SyncRunner runner(*config_, store_, *plugins_, logger_, cancel_);
  int failures = 0;
  bool can_watch = true;
  auto next = Clock::now();  // the first sync starts right away
  // Until `next`: push when the provider offers it, else sleep.
  auto wait_for_work = [&]() -> bool {
    while (can_watch && failures == 0 && Clock::now() < next) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now());
      auto outcome = runner.watch(account_, left);
      if (cancel_.requested()) return false;
      if (outcome && *outcome == WatchOutcome::Changed) {
        logger_.log(LogLevel::Info, "[" + account_.name + "] the server reported a change");
        return true;
      }
      if (outcome && *outcome == WatchOutcome::TimedOut) continue;
      if (!outcome) logger_.log(LogLevel::Debug, "[" + account_.name + "] push unavailable: " + outcome.status().message());
      can_watch = outcome.has_value() ? false : can_watch;
      break;  // unsupported, or an error: the schedule (and its backoff) takes over
    }
    return sleep_until(next);
  };
  while (wait_for_work()) {
    set_state("syncing", std::nullopt, "");
    logger_.log(LogLevel::Debug, "[" + account_.name + "] sync starts");
    syncing_ = true;
    const auto report = runner.sync_account(account_);
    syncing_ = false;
    const Status& status = report.status;
    if (status.kind() == ErrorKind::Cancelled) break;

    if (status.kind() == ErrorKind::Transient || status.kind() == ErrorKind::Internal) {
      ++failures;
      const auto delay = backoff_delay(settings_.backoff, failures, rng_);
      logger_.log(LogLevel::Warn, status.message() + "; retrying in " +
                                      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(delay).count()) + " s");
      set_state("backing_off", delay, status.message());
      next = Clock::now() + delay;
      continue;
    }

    if (status.kind() == ErrorKind::Account) {
      // Retrying a wrong password or a bad setting only fails again (and may
      // get the account locked): wait for the user.
      logger_.log(LogLevel::Error, status.message() + "; not retrying until the config changes or `kith sync " +
                                       account_.name + "` succeeds");
      set_state("failed", std::nullopt, status.message());
      const auto failed_at = now_utc();
      bool resumed = false;
      while (sleep_until(Clock::now() + settings_.failed_recheck)) {
        auto statuses = store_.account_status({account_.name});
        if (statuses && !statuses->empty() && statuses->front().last_success &&
            *statuses->front().last_success >= failed_at) {
          logger_.log(LogLevel::Info, "[" + account_.name + "] synced by hand; resuming its schedule");
          resumed = true;
          break;
        }
      }
      if (!resumed) break;
      failures = 0;
      next = Clock::now() + jittered(settings_.interval, rng_);
      set_state("idle", std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()), "");
      continue;
    }

    // OK, or one folder/calendar failing (reported, retried on schedule).
    if (!status) logger_.log(LogLevel::Warn, status.message());
    failures = 0;
    refresh_relationships();
    if (report.outcome.items > 0 || report.outcome.interactions_added > 0 || report.interactions_removed > 0)
      write_reminders();
    const auto delay = jittered(settings_.interval, rng_);
    logger_.log(LogLevel::Info, "[" + account_.name + "] " + std::to_string(report.outcome.items) + " items, " +
                                    std::to_string(report.outcome.interactions_added) + " new interactions");
    set_state("idle", delay, status ? "" : status.message());
    next = Clock::now() + delay;
  }
  if (!settings_.leased) set_state("stopped", std::nullopt, "");
}

void AccountWorker::refresh_relationships() {
  // The summaries of the people this sync changed are made now, so that
  // `kith due` and the other lists answer at once instead of on their first
  // run. Another process writing the store only defers it to that run.
  auto made = refresh_summaries(store_, relationship_settings(*config_));
  if (!made)
    logger_.log(made.status().kind() == ErrorKind::Transient ? LogLevel::Debug : LogLevel::Warn,
                "[" + account_.name + "] relationship summaries not updated: " + made.status().message());
  else if (*made)
    logger_.log(LogLevel::Debug, "[" + account_.name + "] " + std::to_string(*made) + " relationship summaries updated");
}

void AccountWorker::write_reminders() {
  // What changed may change who is due: the [reminders] tasks follow. Any
  // worker may run it; runs never overlap (ReminderRun.cpp).
  if (config_->reminders.account.empty()) return;
  const ProviderEnvironment env{*config_, *plugins_, logger_, cancel_};
  auto report = run_reminders(env, store_, now_utc(), /*dry_run=*/false);
  if (!report) {
    logger_.log(LogLevel::Warn, "[" + account_.name + "] reminders not written: " + report.status().message());
    return;
  }
  for (const auto& problem : report->problems) logger_.log(LogLevel::Warn, "reminders: " + problem);
  if (report->done)
    logger_.log(LogLevel::Info, "[" + account_.name + "] reminders: " + std::to_string(report->done) + " changes in \"" +
                                    report->list + "\"");
}

}  // namespace kith::engine

#include "sync/SyncRunner.h"

#include "extract/InteractionExtractor.h"
#include "host/AccountContext.h"
#include "sync/StoreBatchSink.h"
#include "sync/WithProvider.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

RunState state_for(const Status& status) {
  if (status) return RunState::Ok;
  return status.kind() == ErrorKind::Cancelled ? RunState::Cancelled : RunState::Failed;
}

}  // namespace

Result<WatchOutcome> SyncRunner::watch(const AccountConfig& account, std::chrono::milliseconds max_wait) {
  return with_provider<WatchOutcome>({config_, plugins_, logger_, cancellation_}, account, 0, WatchOutcome::Unsupported,
                                     [&](Provider& provider) { return provider.watch(max_wait.count()); });
}

AccountSyncReport SyncRunner::sync_account(const AccountConfig& configured, SyncObserver* observer) {
  AccountSyncReport report;
  report.account = configured.name;

  auto run_id = store_.begin_run(configured.name, now_utc());
  if (!run_id) {
    report.status = run_id.status();
    report.outcome.state = RunState::Failed;
    return report;
  }

  auto finish = [&](Status status) {
    report.status = std::move(status);
    report.outcome.state = state_for(report.status);
    if (!report.status) {
      report.outcome.error_kind = to_string(report.status.kind());
      report.outcome.error_message = report.status.message();
    }
    if (auto s = store_.finish_run(*run_id, now_utc(), report.outcome); !s)
      logger_.log(LogLevel::Error, "cannot record the sync run: " + s.message());
    return report;
  };

  const auto plugin = plugins_.find(configured.provider);
  if (!plugin)
    return finish(Status::account("account '" + configured.name + "': no plugin provides '" + configured.provider +
                                  "' (see `kith plugins`)"));

  // Path settings are resolved into this copy; the config stays as read.
  AccountConfig account = configured;
  const auto& d = plugin->descriptor();
  if (auto s = validate_account(account, d, config_.file); !s) return finish(s);

  for (const auto& warning : account_warnings(account))
    logger_.log(LogLevel::Warn, "account '" + account.name + "': " + warning);
  const AccountContext context(config_, account, logger_, cancellation_);
  auto provider = plugin->create(context);
  if (!provider) return finish(provider.status());

  auto state = store_.load_sync_state(account.name);
  if (!state) return finish(state.status());

  const InteractionExtractor extractor({context.owner_addresses(), owner_handles_for(config_, account),
                                        config_.max_recipients, config_.max_meeting_participants,
                                        config_.max_event_occurrences, config_.store_subjects,
                                        static_cast<std::size_t>(config_.events.max_participants)});
  StoreBatchSink sink(store_, extractor, account.name, *run_id, observer, &logger_);
  Status status = (*provider)->sync(*state, sink);
  provider->reset();  // the provider goes before its context does
  // The last batch may still be in the store's hands. A provider that
  // failed on its own keeps its error; the store's is logged beside it.
  if (auto stored = sink.finish(); !stored) {
    if (status)
      status = stored;
    else
      logger_.log(LogLevel::Error, "account '" + account.name + "': " + stored.message());
  }

  report.outcome.items = sink.items();
  report.outcome.interactions_added = sink.interactions_added();
  report.outcome.item_errors = sink.item_errors();
  report.interactions_removed = sink.interactions_removed();
  if (!status && status.message().rfind("account '", 0) != 0)
    status = status.with_context("account '" + account.name + "'");
  return finish(status);
}

}  // namespace kith::engine

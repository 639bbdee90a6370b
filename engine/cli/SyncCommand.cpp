#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "host/SignalCancellation.h"
#include "sync/SyncRunner.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

// Progress goes to a terminal only, as one line rewritten in place: in logs
// and pipes the summary line says it all.
class ConsoleSyncObserver final : public SyncObserver {
 public:
  ConsoleSyncObserver() : tty_(::isatty(STDERR_FILENO) != 0) {}

  void on_progress(std::string_view account, std::string_view collection, std::uint64_t done,
                   std::uint64_t total) override {
    std::string line = std::string(account) + ": " + std::string(collection) + " " + std::to_string(done);
    if (total) {
      line += '/';
      line += std::to_string(total);
    }
    if (!tty_) return;
    std::fprintf(stderr, "\r\033[K%s", terminal_safe(line).c_str());
    dirty_ = true;
  }

  void on_item_error(const ItemError& error) override {
    clear();
    const std::string line = error.account + ": skipped " + error.collection + "/" + error.item + ": " + error.message;
    std::fprintf(stderr, "warning: %s\n", terminal_safe(line).c_str());
  }

  void clear() {
    if (dirty_) std::fprintf(stderr, "\r\033[K");
    dirty_ = false;
  }

 private:
  bool tty_;
  bool dirty_ = false;
};

}  // namespace

int run_sync(Session& session, const std::vector<std::string>& names, bool full) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());

  auto selected = select_accounts(**config, names);
  if (!selected) return report_error(selected.status());
  const auto& accounts = *selected;
  if (accounts.empty()) {
    std::fprintf(stderr, "kith: no accounts configured%s; nothing to sync\n",
                 (*config)->file.empty() ? (" (no config file at " + default_config_path().string() + ")").c_str() : "");
    return 1;
  }

  SignalCancellation cancellation;
  SyncRunner runner(**config, **store, session.plugins(), session.logger(), cancellation);
  ConsoleSyncObserver observer;
  nlohmann::json out = nlohmann::json::array();
  bool failed = false;
  for (const auto* account : accounts) {
    if (cancellation.requested()) break;
    if (full)
      if (auto s = (*store)->forget_cursors(account->name); !s) return report_error(s);
    const auto started = std::chrono::steady_clock::now();
    auto report = runner.sync_account(*account, &observer);
    observer.clear();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    failed = failed || !report.status;
    if (!report.status) std::fprintf(stderr, "kith: %s\n", terminal_safe(report.status.message()).c_str());
    out.push_back({{"account", report.account},
                   {"result", to_string(report.outcome.state)},
                   {"items", report.outcome.items},
                   {"interactions_added", report.outcome.interactions_added},
                   {"interactions_removed", report.interactions_removed},
                   {"item_errors", report.outcome.item_errors},
                   {"seconds", seconds},
                   {"error", report.status ? nlohmann::json(nullptr) : nlohmann::json(report.status.message())}});
    if (!session.options().json) {
      char line[512];
      std::snprintf(line, sizeof line, "%s: %s: %zu items, %zu new interactions, %zu removed, %zu skipped (%.1f s)",
                    report.account.c_str(), to_string(report.outcome.state), report.outcome.items,
                    report.outcome.interactions_added, report.interactions_removed, report.outcome.item_errors, seconds);
      std::cout << line << std::endl;
    }
  }
  if (session.options().json) print_json(out);
  if (cancellation.requested()) {
    std::fprintf(stderr, "kith: interrupted; everything committed so far is kept\n");
    return 130;
  }
  return failed ? 1 : 0;
}

}  // namespace kith::engine

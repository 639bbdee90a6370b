// kithd: the background sync daemon. For now it runs one sync pass of every
// configured account and exits; scheduling, push and backoff come later.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/CliSession.h"
#include "host/SignalCancellation.h"
#include "sync/SyncRunner.h"

int main(int argc, char** argv) {
  using namespace kith::engine;
  CLI::App app{"kithd: keeps your Kith history current (currently: one sync pass, then exit)"};
  app.set_version_flag("--version", std::string("kithd ") + KITH_VERSION);
  GlobalOptions global;
  global.log_level = "info";
  app.add_option("--config", global.config_file, "config file (default: $XDG_CONFIG_HOME/kith/config.toml)");
  app.add_option("--db", global.db_file, "history database");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "warning", "error"}));
  CLI11_PARSE(app, argc, argv);

  try {
    CliSession session(global);
    auto config = session.config();
    if (!config) return report_error(config.status());
    auto store = session.store();
    if (!store) return report_error(store.status());
    SignalCancellation cancellation;
    SyncRunner runner(**config, **store, session.plugins(), session.logger(), cancellation);
    bool failed = false;
    for (const auto& account : (*config)->accounts) {
      if (cancellation.requested()) break;
      auto report = runner.sync_account(account);
      if (report.status) {
        session.logger().log(kith::LogLevel::Info,
                             account.name + ": " + std::to_string(report.outcome.items) + " items, " +
                                 std::to_string(report.outcome.interactions_added) + " new interactions");
      } else {
        failed = true;
        session.logger().log(kith::LogLevel::Error, report.status.message());
      }
    }
    return failed ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kithd: internal error: %s\n", e.what());
    return 70;
  }
}

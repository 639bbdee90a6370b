// kithd: keeps every configured account's history current, for months.
// Foreground, systemd style: logs to stderr, stops on SIGTERM/SIGINT,
// re-reads its config on SIGHUP.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <csignal>
#include <ctime>
#include <filesystem>
#include <memory>
#include <cstdio>

#include "session/Session.h"
#include "cli/KithCli.h"
#include "daemon/Daemon.h"
#include "daemon/StoreLock.h"
#include "dashboard/DashboardFiles.h"
#include "dashboard/DashboardServer.h"
#include "host/ProcessHardening.h"
#include "host/SignalCancellation.h"
#include "store/AccountLeases.h"
#include "store/PostgresStore.h"
#include "sync/SyncRunner.h"
#include "util/Time.h"
#include "util/Try.h"

namespace {

using namespace kith::engine;

DaemonSettings daemon_settings(const Config& config) {
  DaemonSettings s;
  s.backoff.initial = std::chrono::seconds(config.daemon.backoff_initial_seconds);
  s.backoff.max = std::chrono::seconds(config.daemon.backoff_max_seconds);
  s.failed_recheck = std::chrono::seconds(config.daemon.failed_recheck_seconds);
  return s;
}

// A PostgreSQL store: this worker's leases, on a connection of their own,
// and the store's commits fenced by them.
kith::Result<std::unique_ptr<AccountLeases>> open_leases(Session& session, const Config& config, HistoryStore& store) {
  auto* sql_store = dynamic_cast<SqlHistoryStore*>(&store);
  if (sql_store == nullptr) return kith::Status::internal("the PostgreSQL store is not an SqlHistoryStore");
  KITH_TRY(settings, session.postgres_settings());
  KITH_TRY(db, open_postgres_database(settings));
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  const auto pid = static_cast<std::int64_t>(getpid());
  const std::string worker = AccountLeases::new_worker_id(host, pid);
  KITH_TRY(leases, AccountLeases::open(std::unique_ptr<SqlDatabase>(std::move(db)), worker, host, pid,
                                       std::chrono::seconds(config.daemon.lease_seconds)));
  sql_store->set_lease_worker(worker);
  return std::move(leases);
}

// The old behaviour, for scripts and cron: every account once, then exit.
int run_once(Session& session, const Config& config, HistoryStore& store) {
  SignalCancellation cancellation;
  SyncRunner runner(config, store, session.plugins(), session.logger(), cancellation);
  bool failed = false;
  for (const auto& account : config.accounts) {
    if (cancellation.requested()) break;
    auto report = runner.sync_account(account);
    if (!report.status) {
      failed = true;
      session.logger().log(kith::LogLevel::Error, report.status.message());
    }
  }
  return failed ? 1 : 0;
}

// The dashboard, when --http or [dashboard] listen asks for it; its link
// (with the token) goes to the file `kith dashboard` reads.
kith::Result<std::unique_ptr<DashboardServer>> start_dashboard(Session& session, const Config& config,
                                                                 const GlobalOptions& global, const std::string& http,
                                                                 std::optional<kith::UnixSeconds> as_of, Daemon& daemon,
                                                                 std::time_t started) {
  DashboardSettings settings;
  settings.listen = http.empty() ? config.dashboard.listen : http;
  if (settings.listen.empty()) return std::unique_ptr<DashboardServer>();
  settings.allow_remote = config.dashboard.allow_remote;
  const auto files = dashboard_files(session.store_path());
  KITH_TRY(token, load_or_create_token(files.token));
  settings.token = std::move(token);
  settings.kith.program = kith_beside_this_program();
  if (!global.config_file.empty()) settings.kith.global_arguments.insert(settings.kith.global_arguments.end(), {"--config", global.config_file});
  if (!global.db_file.empty()) settings.kith.global_arguments.insert(settings.kith.global_arguments.end(), {"--db", global.db_file});
  if (as_of) {
    settings.as_of = as_of;
    settings.kith.global_arguments.insert(settings.kith.global_arguments.end(), {"--as-of", format_rfc3339(*as_of)});
  }
  settings.daemon_now = [&daemon, started] {
    char text[32];
    std::tm tm{};
    gmtime_r(&started, &tm);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return nlohmann::json{{"pid", static_cast<long>(getpid())},
                          {"started", text},
                          {"configured", daemon.configured_accounts()},
                          {"running", daemon.running_accounts()},
                          {"syncing", daemon.syncing_accounts()}};
  };
  KITH_TRY(server, DashboardServer::start(std::move(settings), session.logger()));
  if (auto s = write_link(files.link, server->link()); !s) return s;
  session.logger().log(kith::LogLevel::Info, "dashboard on http://" + std::string(server->link().substr(7, server->link().find('/', 7) - 7)) +
                                                  "/ (`kith dashboard` prints the link with its token)");
  return std::move(server);
}

}  // namespace

int main(int argc, char** argv) {
  disable_core_dumps();  // secrets are in memory during every sync
  KithdCommandLine cli;
  CLI11_PARSE(cli.app, argc, argv);
  // Only the dashboard's queries take --as-of; the workers keep the clock.
  std::optional<kith::UnixSeconds> dashboard_as_of;
  if (!cli.as_of.empty()) {
    dashboard_as_of = parse_moment(cli.as_of);
    if (!dashboard_as_of) {
      std::fprintf(stderr, "kithd: --as-of '%s' is neither RFC 3339 (2026-03-01T09:00:00Z) nor a date (2026-03-01)\n",
                   cli.as_of.c_str());
      return 2;
    }
  }
  const GlobalOptions& global = cli.global;
  const bool once = cli.once;

  try {
    Session session(global);
    auto config = session.config();
    if (!config) return report_error(config.status());
    // One kithd per SQLite file; a PostgreSQL store takes any number,
    // each account under a lease in the database instead.
    std::optional<StoreLock> lock;
    if (session.store_url().empty()) {
      auto taken = StoreLock::acquire(session.store_path());
      if (!taken) return report_error(taken.status());
      lock.emplace(std::move(*taken));
    }
    auto store = session.store();
    if (!store) return report_error(store.status());
    if (once) return run_once(session, **config, **store);

    // Signals are taken synchronously by this thread only; workers never
    // see them.
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto& log = session.logger();
    std::unique_ptr<AccountLeases> leases;
    std::string as_worker;
    if (!session.store_url().empty()) {
      auto opened = open_leases(session, **config, **store);
      if (!opened) return report_error(opened.status());
      leases = std::move(*opened);
      as_worker = " as worker " + leases->worker() + ", each account under a lease of " +
                  std::to_string((*config)->daemon.lease_seconds) + " s";
    }
    Daemon daemon(**store, log, daemon_settings(**config), std::move(leases));
    daemon.apply_config(**config);
    const std::time_t started = std::time(nullptr);
    auto dashboard = start_dashboard(session, **config, global, cli.http, dashboard_as_of, daemon, started);
    if (!dashboard) {
      daemon.stop();
      return report_error(dashboard.status());
    }
    std::unique_ptr<DashboardServer> server = std::move(*dashboard);
    DashboardConfig serving = (*config)->dashboard;  // what `server` was started from
    // The link names a server that is gone once kithd stops.
    const std::filesystem::path link_file = dashboard_files(session.store_path()).link;
    struct RemoveLink {
      const std::filesystem::path& path;
      const std::unique_ptr<DashboardServer>& server;
      ~RemoveLink() {
        std::error_code ec;
        if (server) std::filesystem::remove(path, ec);
      }
    } remove_link{link_file, server};
    // [dashboard] changed by a SIGHUP: the server moves (or stops, or
    // starts). `kithd --http` named the address itself: it stays.
    auto follow_dashboard = [&](const Config& reloaded) {
      if (!cli.http.empty() ||
          (reloaded.dashboard.listen == serving.listen && reloaded.dashboard.allow_remote == serving.allow_remote))
        return;
      serving = reloaded.dashboard;
      if (server) {
        server.reset();  // stops taking requests, finishes those it has
        std::error_code ec;
        std::filesystem::remove(link_file, ec);
        log.log(kith::LogLevel::Info, "dashboard stopped ([dashboard] changed)");
      }
      auto restarted = start_dashboard(session, reloaded, global, "", dashboard_as_of, daemon, started);
      if (!restarted) {
        log.log(kith::LogLevel::Error, "dashboard not started: " + restarted.status().message());
        return;
      }
      server = std::move(*restarted);
    };
    log.log(kith::LogLevel::Info, "kithd running with " + std::to_string(daemon.configured_accounts()) +
                                      " accounts on " + session.store_name() + as_worker);
    const bool explicit_config = !global.config_file.empty();
    const auto config_path = explicit_config ? std::filesystem::path(global.config_file) : default_config_path();
    for (;;) {
      int signo = 0;
      if (sigwait(&signals, &signo) != 0) continue;
      if (signo == SIGHUP) {
        auto reloaded = load_config(config_path, explicit_config);
        if (!reloaded) {
          log.log(kith::LogLevel::Error, "config not reloaded, keeping the old one: " + reloaded.status().message());
          continue;
        }
        log.log(kith::LogLevel::Info, "config reloaded");
        daemon.apply_config(*reloaded);
        follow_dashboard(*reloaded);
        continue;
      }
      log.log(kith::LogLevel::Info, "stopping");
      daemon.stop();
      log.log(kith::LogLevel::Info, "stopped");
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kithd: internal error: %s\n", e.what());
    return 70;
  }
}

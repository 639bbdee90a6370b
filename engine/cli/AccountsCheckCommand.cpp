// `kith accounts --check`: logs in to each account and lists the folders or
// calendars a sync would read. Opens no store and stores nothing.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "host/SignalCancellation.h"
#include "sync/AccountCheck.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

struct CheckOutcome {
  std::string account;
  std::string provider;
  Result<CheckReport> report;
};

nlohmann::json to_json(const CheckOutcome& outcome) {
  nlohmann::json collections = nlohmann::json::array();
  nlohmann::json ok = true;
  nlohmann::json reason = nullptr;
  if (!outcome.report) {
    ok = false;
    reason = outcome.report.status().message();
  } else if (!outcome.report->supported) {
    ok = nullptr;  // not known: the provider cannot tell without a sync
    reason = "the '" + outcome.provider + "' provider cannot check an account without syncing it";
  } else {
    for (const auto& c : outcome.report->collections) {
      collections.push_back({{"name", c.name},
                             {"role", c.role.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.role)},
                             {"synced", c.synced}});
    }
  }
  return {{"account", outcome.account},
          {"provider", outcome.provider},
          {"ok", ok},
          {"reason", reason},
          {"collections", collections}};
}

void print_text(const CheckOutcome& outcome) {
  if (!outcome.report) {
    std::cout << outcome.account << ": FAILED: " << terminal_safe(outcome.report.status().message()) << "\n";
    return;
  }
  if (!outcome.report->supported) {
    std::cout << outcome.account << ": not checked: the '" << outcome.provider
              << "' provider cannot check an account without syncing it\n";
    return;
  }
  const auto& collections = outcome.report->collections;
  std::size_t synced = 0;
  for (const auto& c : collections) synced += c.synced ? 1 : 0;
  std::cout << outcome.account << ": ok: " << collections.size() << " found, " << synced << " synced\n";
  if (collections.empty()) return;
  std::vector<std::vector<std::string>> rows = {{"  COLLECTION", "ROLE", "SYNC"}};
  for (const auto& c : collections)
    rows.push_back({"  " + c.name, c.role.empty() ? "-" : c.role, c.synced ? "yes" : "skipped"});
  print_table(rows);
}

}  // namespace

int run_accounts_check(Session& session, const std::vector<std::string>& names) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto selected = select_accounts(**config, names);
  if (!selected) return report_error(selected.status());
  if (selected->empty()) {
    std::fprintf(stderr, "kith: no accounts configured%s; nothing to check (try `kith init`)\n",
                 (*config)->file.empty() ? (" (no config file at " + default_config_path().string() + ")").c_str() : "");
    return 1;
  }

  SignalCancellation cancellation;
  const ProviderEnvironment env{**config, session.plugins(), session.logger(), cancellation};
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  nlohmann::json out = nlohmann::json::array();
  bool failed = false;
  for (const auto* account : *selected) {
    if (cancellation.requested()) break;
    if (tty) std::fprintf(stderr, "\r\033[Kchecking %s ...", account->name.c_str());
    CheckOutcome outcome{account->name, account->provider, check_account(env, *account)};
    if (tty) std::fprintf(stderr, "\r\033[K");
    failed = failed || !outcome.report;
    if (session.options().json) {
      out.push_back(to_json(outcome));
    } else {
      print_text(outcome);
    }
  }
  if (session.options().json) print_json(out);
  if (cancellation.requested()) {
    std::fprintf(stderr, "kith: interrupted\n");
    return 130;
  }
  return failed ? 1 : 0;
}

}  // namespace kith::engine

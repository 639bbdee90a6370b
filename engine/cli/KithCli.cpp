#include "cli/KithCli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/Commands.h"

namespace kith::engine {

int run_kith_cli(int argc, char** argv) {
  CLI::App app{"kith: your relationship history, from your own mail and calendar"};
  app.set_version_flag("--version", std::string("kith ") + KITH_VERSION);
  app.require_subcommand(1);

  GlobalOptions global;
  app.add_option("--config", global.config_file, "config file (default: $XDG_CONFIG_HOME/kith/config.toml)");
  app.add_option("--db", global.db_file, "history database (default: [store] path, else $XDG_DATA_HOME/kith/history.db)");
  app.add_flag("--json", global.json, "print JSON instead of tables");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "warning", "error"}));

  bool verbose = false;
  auto* plugins = app.add_subcommand("plugins", "list the provider plugins found, with any load error");
  plugins->add_flag("-v,--verbose", verbose, "also list each plugin's settings");

  auto* accounts = app.add_subcommand("accounts", "list configured accounts and check their settings");

  std::vector<std::string> sync_accounts;
  auto* sync = app.add_subcommand("sync", "run one sync pass (all accounts, or those named)");
  sync->add_option("ACCOUNT", sync_accounts, "account names from the config");

  auto* status = app.add_subcommand("status", "per account: last run, result, items, last error");

  ContactsOptions contacts_options;
  std::size_t limit = 0;
  auto* contacts = app.add_subcommand("contacts", "people you interacted with");
  contacts->add_option("--sort", contacts_options.sort, "last (default), count or name")
      ->check(CLI::IsMember({"last", "count", "name"}));
  auto* limit_option = contacts->add_option("--limit", limit, "show at most N contacts")->check(CLI::PositiveNumber);

  std::string who;
  auto* history = app.add_subcommand("history", "one contact's interactions, newest first");
  history->add_option("ADDRESS_OR_ID", who, "an address of the contact, or its id")->required();

  // --json is accepted after the subcommand too: `kith contacts --json`.
  for (auto* sub : {plugins, accounts, sync, status, contacts, history}) {
    sub->add_flag("--json", global.json, "print JSON instead of tables");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    CliSession session(global);
    if (*plugins) return run_plugins(session, verbose);
    if (*accounts) return run_accounts(session);
    if (*sync) return run_sync(session, sync_accounts);
    if (*status) return run_status(session);
    if (*contacts) {
      if (*limit_option) contacts_options.limit = limit;
      return run_contacts(session, contacts_options);
    }
    if (*history) return run_history(session, who);
  } catch (const std::exception& e) {
    // A bug, not a user error; still one line, never a stack dump.
    std::fprintf(stderr, "kith: internal error: %s\n", e.what());
    return 70;
  }
  return 2;
}

}  // namespace kith::engine

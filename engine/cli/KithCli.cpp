#include "cli/KithCli.h"

#include <cstdio>
#include <exception>

namespace kith::engine {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& global) {
  app.add_option("--config", global.config_file, "config file (default: $XDG_CONFIG_HOME/kith/config.toml)");
  app.add_option("--db", global.db_file, "history database (default: [store] path, else $XDG_DATA_HOME/kith/history.db)");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "warning", "error"}));
}

}  // namespace

KithCommandLine::KithCommandLine() : app("kith: your relationship history, from your own mail and calendar", "kith") {
  app.set_version_flag("--version", std::string("kith ") + KITH_VERSION);
  app.require_subcommand(1);
  add_global_options(app, global);
  app.add_flag("--json", global.json, "print JSON instead of tables");

  init_command = app.add_subcommand("init", "write a commented starter config (asks on a terminal; flags for scripts)");
  init_command->add_option("--address", init.addresses, "one of your own email addresses (repeatable)");
  init_command->add_option("--imap-url", init.imap_url, "add an IMAP account: imaps://host[:port] or imap://host[:port]");
  init_command->add_option("--caldav-url", init.caldav_url, "add a CalDAV account: https://host[/path]");
  init_command->add_option("--username", init.username, "login name for the accounts (default: the first --address)");
  auto* command = init_command->add_option("--password-command", init.password_command,
                                           "command that prints the password (never the password itself)");
  auto* env = init_command->add_option("--password-env", init.password_env, "environment variable that holds the password");
  command->excludes(env);

  plugins = app.add_subcommand("plugins", "list the provider plugins found, with any load error");
  plugins->add_flag("-v,--verbose", verbose, "also list each plugin's settings");

  accounts = app.add_subcommand("accounts", "list configured accounts and check their settings");
  accounts->add_flag("--check", check, "log in to each account and list what a sync would read, storing nothing");
  accounts->add_option("ACCOUNT", account_names, "with --check: the accounts to check (default: all)");

  sync = app.add_subcommand("sync", "run one sync pass (all accounts, or those named)");
  sync->add_option("ACCOUNT", account_names, "account names from the config");

  status = app.add_subcommand("status", "per account: last run, result, items, last error");

  contacts = app.add_subcommand("contacts", "people you interacted with");
  contacts->add_option("--sort", contacts_options.sort, "last (default), count or name")
      ->check(CLI::IsMember({"last", "count", "name"}));
  limit_option = contacts->add_option("--limit", limit, "show at most N contacts")->check(CLI::PositiveNumber);

  history = app.add_subcommand("history", "one contact's interactions, newest first");
  history->add_option("HANDLE_OR_ID", who, "one of the contact's handles (an address, a profile URL, a phone number), or its id")
      ->required();

  // --json is accepted after the subcommand too: `kith contacts --json`.
  for (auto* sub : {init_command, plugins, accounts, sync, status, contacts, history}) {
    sub->add_flag("--json", global.json, "print JSON instead of tables");
  }
}

KithdCommandLine::KithdCommandLine() : app("kithd: keeps your Kith history current", "kithd") {
  app.set_version_flag("--version", std::string("kithd ") + KITH_VERSION);
  global.log_level = "info";
  add_global_options(app, global);
  app.add_flag("--once", once, "sync every account once, then exit");
}

int run_kith_cli(int argc, char** argv) {
  KithCommandLine cli;
  try {
    cli.app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!cli.account_names.empty() && *cli.accounts && !cli.check) {
    std::fprintf(stderr, "kith: accounts: account names go with --check\n");
    return 2;
  }

  try {
    Session session(cli.global);
    if (*cli.init_command) return run_init(session, cli.init);
    if (*cli.plugins) return run_plugins(session, cli.verbose);
    if (*cli.accounts) return cli.check ? run_accounts_check(session, cli.account_names) : run_accounts(session);
    if (*cli.sync) return run_sync(session, cli.account_names);
    if (*cli.status) return run_status(session);
    if (*cli.contacts) {
      if (*cli.limit_option) cli.contacts_options.limit = cli.limit;
      return run_contacts(session, cli.contacts_options);
    }
    if (*cli.history) return run_history(session, cli.who);
  } catch (const std::exception& e) {
    // A bug, not a user error; still one line, never a stack dump.
    std::fprintf(stderr, "kith: internal error: %s\n", e.what());
    return 70;
  }
  return 2;
}

}  // namespace kith::engine

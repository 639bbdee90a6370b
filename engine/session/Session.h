// The composition root both programs share (`kith` commands and `kithd`):
// the global options, and the config, store and plugins, each loaded on
// first use. Part of the runtime layer, below cli and daemon.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/Config.h"
#include "host/StderrLogger.h"
#include "plugin/PluginRegistry.h"
#include "store/HistoryStore.h"
#include "store/PostgresDatabase.h"

namespace kith::engine {

struct GlobalOptions {
  std::string config_file;  // empty: the default path
  std::string db_file;      // empty: the config's or the default
  bool json = false;
  std::string log_level = "warn";
  // --as-of: every query is evaluated as if it were this moment.
  std::optional<UnixSeconds> as_of;
};

class Session {
 public:
  explicit Session(GlobalOptions options);

  const GlobalOptions& options() const { return options_; }
  StderrLogger& logger() { return logger_; }
  // The moment queries are evaluated at: --as-of, else the clock.
  UnixSeconds now() const;

  Result<const Config*> config();
  Result<HistoryStore*> store();
  // The SQLite file (--db, [store] path, or the default); meaningless when
  // store_url() is set.
  std::filesystem::path store_path();
  // The PostgreSQL store's URL (--db postgresql://…, or [store] url), or "".
  std::string store_url();
  // What errors and status name: the URL or the file.
  std::string store_name();
  // The PostgreSQL connection settings, the password resolved from
  // [store] password_command / password_env (else libpq finds its own).
  Result<PostgresSettings> postgres_settings();
  const PluginRegistry& plugins();
  std::vector<std::filesystem::path> plugin_search_path();

 private:
  GlobalOptions options_;
  StderrLogger logger_;
  std::optional<Result<Config>> config_;
  std::unique_ptr<HistoryStore> store_;
  std::optional<PluginRegistry> plugins_;
};

// The accounts named on the command line, in that order; every account when
// `names` is empty. An error names an account the config does not have.
Result<std::vector<const AccountConfig*>> select_accounts(const Config& config, const std::vector<std::string>& names);

// Prints "kith: <message>" on stderr and returns the exit code for it.
int report_error(const Status& status);

}  // namespace kith::engine

#include "session/Session.h"
#include "util/Time.h"

#include <cstdio>

#include "host/SecretResolverImpl.h"
#include "store/PostgresStore.h"
#include "store/SqlHistoryStore.h"
#include "util/Strings.h"

namespace kith::engine {

Session::Session(GlobalOptions options) : options_(std::move(options)) {
  logger_.set_threshold(log_level_from_string(options_.log_level).value_or(LogLevel::Warn));
}

Result<const Config*> Session::config() {
  if (!config_) {
    const bool explicit_path = !options_.config_file.empty();
    config_ = load_config(explicit_path ? std::filesystem::path(options_.config_file) : default_config_path(), explicit_path);
  }
  if (!*config_) return config_->status();
  return &config_->value();
}

std::string Session::store_url() {
  if (is_postgres_url(options_.db_file)) return options_.db_file;
  if (!options_.db_file.empty()) return "";
  if (auto c = config(); c && !(*c)->store_server.url.empty()) return (*c)->store_server.url;
  return "";
}

std::string Session::store_name() {
  const std::string url = store_url();
  return url.empty() ? store_path().string() : url;
}

Result<PostgresSettings> Session::postgres_settings() {
  PostgresSettings settings;
  settings.url = store_url();
  auto c = config();
  if (!c) return c.status();
  const auto& server = (*c)->store_server;
  if (!server.password_command.empty()) {
    auto password = run_secret_command(server.password_command, "[store] password_command");
    if (!password) return password.status();
    settings.password = *password;
  } else if (!server.password_env.empty()) {
    const char* value = std::getenv(server.password_env.c_str());
    if (!value || !*value)
      return Status::account("[store] password_env: the environment variable " + server.password_env + " is not set");
    settings.password = value;
  }
  return settings;
}

std::filesystem::path Session::store_path() {
  if (!options_.db_file.empty()) return options_.db_file;
  if (auto c = config(); c && (*c)->store_path) return *(*c)->store_path;
  return default_store_path();
}

UnixSeconds Session::now() const { return options_.as_of ? *options_.as_of : now_utc(); }

Result<HistoryStore*> Session::store() {
  if (!store_) {
    Result<std::unique_ptr<SqlHistoryStore>> opened = Status::internal("no store");
    if (store_url().empty()) {
      opened = SqlHistoryStore::open(store_path().string());
    } else {
      auto settings = postgres_settings();
      if (!settings) return settings.status();
      opened = open_postgres_store(*settings);
    }
    if (!opened) return opened.status();
    // [identity] ignore is the config's word on what the store keeps:
    // entries new since the last run remove their interactions now.
    if (auto c = config()) {
      auto removed = (*opened)->set_config_ignores((*c)->identity_ignore);
      if (!removed) return removed.status();
      if (*removed)
        logger_.log(LogLevel::Info, "[identity] ignore removed " + std::to_string(*removed) + " interactions");
    }
    store_ = std::move(*opened);
  }
  return store_.get();
}

std::vector<std::filesystem::path> Session::plugin_search_path() {
  std::vector<std::filesystem::path> config_dirs;
  if (auto c = config()) config_dirs = (*c)->plugin_dirs;
  return PluginRegistry::search_path(config_dirs);
}

const PluginRegistry& Session::plugins() {
  if (!plugins_) {
    plugins_.emplace();
    plugins_->scan(plugin_search_path());
  }
  return *plugins_;
}

Result<std::vector<const AccountConfig*>> select_accounts(const Config& config, const std::vector<std::string>& names) {
  std::vector<const AccountConfig*> accounts;
  if (names.empty()) {
    for (const auto& a : config.accounts) accounts.push_back(&a);
    return accounts;
  }
  for (const auto& name : names) {
    const auto* a = config.find_account(name);
    if (!a) return Status::account("no account named '" + name + "' in the config");
    accounts.push_back(a);
  }
  return accounts;
}

int report_error(const Status& status) {
  std::fprintf(stderr, "kith: %s\n", terminal_safe(status.message()).c_str());
  return 1;
}

}  // namespace kith::engine

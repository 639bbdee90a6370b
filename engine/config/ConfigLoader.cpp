#include <cstdlib>
#include <set>
#include <toml++/toml.h>

#include "config/Config.h"
#include "config/ConfigKeys.h"
#include "store/IgnoreSet.h"
#include "util/Duration.h"
#include "kith/Ascii.h"
#include "kith/kit/Settings.h"
#include "util/Strings.h"

namespace kith::engine {
namespace fs = std::filesystem;

namespace {

// Account names appear in logs, in file names of the store and on every
// command line: a short word. (A std::regex once checked this, and
// libstdc++'s recursive matcher overflowed the stack on a 30 KB name, a
// finding of the config fuzzer.)
constexpr std::size_t kMaxAccountNameLength = 64;

bool is_valid_account_name(std::string_view name) {
  auto alnum = [](char c) { return kith::ascii::is_alpha(c) || kith::ascii::is_digit(c); };
  if (name.empty() || !alnum(name.front())) return false;
  for (char c : name)
    if (!alnum(c) && c != '.' && c != '_' && c != '@' && c != '-') return false;
  return true;
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// "config.toml:12: ..."
Status config_error(const fs::path& file, int line, const std::string& message) {
  std::string where = file.string();
  if (line > 0) {
    where += ':';
    where += std::to_string(line);
  }
  where += ": ";
  where += message;
  return Status::account(where);
}

bool is_secret_key(const std::string& key) {
  static const std::set<std::string> secrets = {"password", "pass", "passwd", "secret", "token", "oauth_token", "api_key"};
  return secrets.count(ascii_lower(key)) > 0;
}

std::string type_name(SettingType type) {
  switch (type) {
    case SettingType::String: return "a string";
    case SettingType::Integer: return "an integer";
    case SettingType::Boolean: return "true or false";
    case SettingType::StringList: return "a list of strings";
    case SettingType::Path: return "a path (string)";
    case SettingType::Secret: return "a secret (never written in the config)";
  }
  return "?";
}

fs::path home_dir() {
  const char* home = std::getenv("HOME");
  return home && *home ? fs::path(home) : fs::path("/");
}

fs::path expand_path(const std::string& value, const fs::path& config_file) {
  fs::path p;
  if (value == "~")
    p = home_dir();
  else if (value.rfind("~/", 0) == 0)
    p = home_dir() / value.substr(2);
  else
    p = value;
  if (p.is_relative()) {
    const fs::path base = config_file.empty() ? fs::current_path() : fs::absolute(config_file).parent_path();
    p = base / p;
  }
  return p.lexically_normal();
}

// Reads a scalar or list of strings as a Setting, or says why not.
Result<Setting> read_setting(const toml::node& node, const std::string& key, const fs::path& file) {
  const int line = line_of(node);
  if (auto v = node.value<std::string>(); v && node.is_string()) return Setting{*v, line};
  if (node.is_integer()) return Setting{*node.value<std::int64_t>(), line};
  if (node.is_boolean()) return Setting{*node.value<bool>(), line};
  if (const auto* array = node.as_array()) {
    std::vector<std::string> items;
    for (const auto& element : *array) {
      if (!element.is_string()) return config_error(file, line, "'" + key + "' must be a list of strings");
      items.push_back(*element.value<std::string>());
    }
    return Setting{std::move(items), line};
  }
  return config_error(file, line, "'" + key + "' has an unsupported type (use a string, integer, boolean or list of strings)");
}

Result<std::vector<std::string>> string_list(const toml::node& node, const std::string& key, const fs::path& file) {
  const auto* array = node.as_array();
  if (!array) return config_error(file, line_of(node), "'" + key + "' must be a list of strings");
  std::vector<std::string> out;
  for (const auto& element : *array) {
    if (!element.is_string()) return config_error(file, line_of(element), "'" + key + "' must be a list of strings");
    out.push_back(*element.value<std::string>());
  }
  return out;
}

Status check_known_keys(const toml::table& table, const std::set<std::string>& known, const std::string& section,
                        const fs::path& file) {
  for (const auto& [key, node] : table) {
    const std::string k(key.str());
    if (!known.count(k))
      return config_error(file, line_of(node), "unknown key '" + k + "'" + (section.empty() ? "" : " in [" + section + "]"));
  }
  return {};
}

Status read_identities(const toml::table& table, const std::string& where, const fs::path& file,
                       std::vector<std::string>& addresses_out, std::vector<std::string>& handles_out) {
  if (const auto* addresses = table.get("addresses")) {
    auto list = string_list(*addresses, "addresses", file);
    if (!list) return list.status();
    for (auto& a : *list) {
      if (a.find('@') == std::string::npos)
        return config_error(file, line_of(*addresses), "'" + a + "' in " + where + " addresses is not an email address");
      addresses_out.push_back(ascii_lower(trim(a)));
    }
  }
  if (const auto* handles = table.get("handles")) {
    auto list = string_list(*handles, "handles", file);
    if (!list) return list.status();
    for (auto& h : *list) {
      const std::string handle(trim(h));
      const bool uri = handle.find(':') != std::string::npos;
      const bool phone = !handle.empty() && handle.front() == '+';
      if (!uri && !phone)
        return config_error(file, line_of(*handles),
                            "'" + h + "' in " + where + " handles is neither a URI (https://..., xmpp:..., tel:...) "
                                                        "nor a phone number starting with +");
      handles_out.push_back(handle);
    }
  }
  return {};
}

Result<MemberConfig> read_member(const toml::table& table, const fs::path& file) {
  MemberConfig member;
  member.line = static_cast<int>(table.source().begin.line);
  if (auto s = check_known_keys(table, known_config_keys("member"), "[member]", file); !s) return s;
  if (const auto* name = table.get("name")) {
    if (!name->is_string()) return config_error(file, line_of(*name), "'name' in [[member]] must be a string");
    member.name = std::string(trim(*name->value<std::string>()));
  }
  if (member.name.empty()) return config_error(file, member.line, "[[member]] needs a non-empty 'name'");
  std::string where = "[[member]] '";
  where += terminal_safe(member.name);
  where += "'";
  if (auto s = read_identities(table, where, file, member.addresses, member.handles); !s) return s;
  return member;
}

Result<AccountConfig> read_account(const toml::table& table, const fs::path& file) {
  AccountConfig account;
  account.line = static_cast<int>(table.source().begin.line);
  for (const auto& [key, node] : table) {
    const std::string k(key.str());
    if (is_secret_key(k))
      return config_error(file, line_of(node),
                          "'" + k + "' is not allowed: secrets never go in the config file; use " +
                              (k == "pass" || k == "passwd" || k == "secret" ? std::string("password") : k) +
                              "_command or " +
                              (k == "pass" || k == "passwd" || k == "secret" ? std::string("password") : k) + "_env");
    if (k == "owner") {
      if (!node.is_string()) return config_error(file, line_of(node), "'owner' must be a string (a [[member]] name)");
      account.owner = *node.value<std::string>();
      account.owner_line = line_of(node);
      continue;
    }
    if (k == "name" || k == "provider") {
      if (!node.is_string()) return config_error(file, line_of(node), "'" + k + "' must be a string");
      (k == "name" ? account.name : account.provider) = *node.value<std::string>();
      continue;
    }
    auto setting = read_setting(node, k, file);
    if (!setting) return setting.status();
    account.settings.emplace(k, std::move(*setting));
  }
  if (account.name.empty()) return config_error(file, account.line, "[[account]] needs a 'name'");
  if (account.name.size() > kMaxAccountNameLength)
    return config_error(file, account.line,
                        "account name of " + std::to_string(account.name.size()) + " characters is longer than " +
                            std::to_string(kMaxAccountNameLength));
  if (!is_valid_account_name(account.name))
    return config_error(file, account.line,
                        "account name '" + terminal_safe(account.name) +
                            "' may only hold letters, digits, '.', '_', '-', '@' and must start with a letter or digit");
  if (account.provider.empty())
    return config_error(file, account.line, "account '" + account.name + "' needs a 'provider'");
  return account;
}

}  // namespace

std::optional<std::string> AccountConfig::string_setting(const std::string& key) const {
  auto it = settings.find(key);
  if (it == settings.end()) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&it->second.value)) return *s;
  return std::nullopt;
}

std::optional<bool> AccountConfig::bool_setting(const std::string& key) const {
  auto it = settings.find(key);
  if (it == settings.end()) return std::nullopt;
  if (const auto* b = std::get_if<bool>(&it->second.value)) return *b;
  return std::nullopt;
}

std::vector<std::string> account_warnings(const AccountConfig& account) {
  std::vector<std::string> warnings;
  if (account.bool_setting("tls_verify") == false)
    warnings.push_back("TLS certificate checks are off (tls_verify = false): anyone between you and the server can "
                       "read your password and mail headers");
  return warnings;
}

const AccountConfig* Config::find_account(const std::string& name) const {
  for (const auto& a : accounts)
    if (a.name == name) return &a;
  return nullptr;
}

const MemberConfig* Config::find_member(const std::string& name) const {
  for (const auto& m : members)
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string> Config::accounts_of(const std::string& member) const {
  std::vector<std::string> out;
  for (const auto& a : accounts)
    if (!member.empty() && a.owner == member) out.push_back(a.name);
  return out;
}

const std::vector<SettingSpec>& common_account_settings() {
  static const std::vector<SettingSpec> specs = {
      {"interval", SettingType::Integer, "kithd: seconds between syncs of this account (default 300)"},
  };
  return specs;
}

const std::vector<SettingSpec>& legacy_network_settings() {
  static const std::vector<SettingSpec> specs = {
      {"url", SettingType::String, "server address, e.g. imaps://mail.example.org"},
      {"username", SettingType::String, "login name; counts as an owner identity when it is an address"},
      {"password", SettingType::Secret, "the login password"},
      {"oauth_token", SettingType::Secret, "an OAuth2 access token"},
  };
  return specs;
}

fs::path default_config_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "kith" / "config.toml";
  return home_dir() / ".config" / "kith" / "config.toml";
}

fs::path default_store_path() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "kith" / "history.db";
  return home_dir() / ".local" / "share" / "kith" / "history.db";
}

Result<Config> load_config(const fs::path& file, bool explicit_path) {
  Config config;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    if (explicit_path) return Status::account("config file '" + file.string() + "' does not exist");
    return config;
  }
  config.file = file;

  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return config_error(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  } catch (const std::exception& e) {
    return config_error(file, 0, e.what());
  }

  if (auto s = check_known_keys(root, known_config_keys(""), "", file); !s)
    return s;

  if (const auto* node = root.get("identity")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'identity' must be a table: [identity]");
    if (auto s = check_known_keys(*table, known_config_keys("identity"), "identity", file); !s) return s;
    if (auto s = read_identities(*table, "[identity]", file, config.identity_addresses, config.identity_handles); !s)
      return s;
    if (const auto* ignore = table->get("ignore")) {
      auto list = string_list(*ignore, "ignore", file);
      if (!list) return list.status();
      for (auto& text : *list) {
        std::string entry = ignore_entry_from_text(text);
        if (entry.empty())
          return config_error(file, line_of(*ignore),
                              "'" + text + "' in [identity] ignore is neither a handle nor an @domain");
        config.identity_ignore.push_back(std::move(entry));
      }
    }
  }

  if (const auto* node = root.get("cadence")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'cadence' must be a table: [cadence]");
    if (auto s = check_known_keys(*table, known_config_keys("cadence"), "cadence", file); !s) return s;
    if (const auto* value = table->get("default")) {
      if (!value->is_string()) return config_error(file, line_of(*value), "'default' in [cadence] must be a string such as \"30d\" or \"none\"");
      auto days = parse_cadence(*value->value<std::string>());
      if (!days) return config_error(file, line_of(*value), "'default' in [cadence]: " + days.status().message());
      if (*days > 0) config.default_cadence_days = *days;
    }
  }

  if (const auto* node = root.get("scoring")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'scoring' must be a table: [scoring]");
    if (auto s = check_known_keys(*table, known_config_keys("scoring"), "scoring", file); !s) return s;
    if (const auto* value = table->get("half_life_days")) {
      if (!value->is_integer() || *value->value<std::int64_t>() < 1 || *value->value<std::int64_t>() > 3650)
        return config_error(file, line_of(*value), "'half_life_days' in [scoring] must be an integer from 1 to 3650");
      config.half_life_days = static_cast<int>(*value->value<std::int64_t>());
    }
  }

  if (const auto* node = root.get("organizations")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'organizations' must be a table: [organizations]");
    if (auto s = check_known_keys(*table, known_config_keys("organizations"), "organizations", file); !s) return s;
    if (const auto* value = table->get("free_mail")) {
      auto list = string_list(*value, "free_mail", file);
      if (!list) return list.status();
      for (std::string domain : *list) {
        domain = ascii_lower(domain);
        if (!domain.empty() && domain.front() == '@') domain.erase(0, 1);
        if (domain.empty() || domain.find('@') != std::string::npos)
          return config_error(file, line_of(*value), "'free_mail' in [organizations]: '" + domain +
                                                         "' is not a mail domain (e.g. \"example.net\" or \"mail.*\")");
        config.free_mail_domains.push_back(std::move(domain));
      }
    }
  }

  if (const auto* node = root.get("privacy")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'privacy' must be a table: [privacy]");
    if (auto s = check_known_keys(*table, known_config_keys("privacy"), "privacy", file); !s) return s;
    if (const auto* value = table->get("store_subjects")) {
      if (!value->is_boolean()) return config_error(file, line_of(*value), "'store_subjects' in [privacy] must be true or false");
      config.store_subjects = *value->value<bool>();
    }
  }

  if (const auto* node = root.get("store")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'store' must be a table: [store]");
    if (auto s = check_known_keys(*table, known_config_keys("store"), "store", file); !s) return s;
    if (const auto* path = table->get("path")) {
      if (!path->is_string()) return config_error(file, line_of(*path), "'path' in [store] must be a string");
      config.store_path = expand_path(*path->value<std::string>(), file);
    }
    for (auto [key, target] : {std::pair{"url", &config.store_server.url},
                               std::pair{"password_command", &config.store_server.password_command},
                               std::pair{"password_env", &config.store_server.password_env}}) {
      const auto* value = table->get(key);
      if (!value) continue;
      if (!value->is_string() || value->value<std::string>()->empty())
        return config_error(file, line_of(*value), std::string("'") + key + "' in [store] must be a non-empty string");
      *target = *value->value<std::string>();
    }
    if (!config.store_server.url.empty()) {
      const std::string& url = config.store_server.url;
      if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
        return config_error(file, line_of(*table->get("url")), "'url' in [store] must start with postgresql://");
      // A password in the URL would sit in the config file: refused, as for accounts.
      const auto at = url.find('@');
      const auto colon = url.find(':', 13);
      if ((at != std::string::npos && colon != std::string::npos && colon < at) ||
          url.find("password=") != std::string::npos)
        return config_error(file, line_of(*table->get("url")),
                            "'url' in [store] holds a password; use password_command or password_env");
      if (table->get("path"))
        return config_error(file, line_of(*table->get("path")), "[store] has both 'path' and 'url': choose one");
    }
    if (config.store_server.url.empty() &&
        (!config.store_server.password_command.empty() || !config.store_server.password_env.empty()))
      return config_error(file, line_of(*node), "[store] password_command and password_env need a 'url'");
  }

  if (const auto* node = root.get("plugin_dirs")) {
    auto list = string_list(*node, "plugin_dirs", file);
    if (!list) return list.status();
    for (const auto& d : *list) config.plugin_dirs.push_back(expand_path(d, file));
  }

  if (const auto* node = root.get("extraction")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'extraction' must be a table: [extraction]");
    if (auto s = check_known_keys(*table, known_config_keys("extraction"), "extraction", file); !s) return s;
    for (auto [key, target] : {std::pair{"max_recipients", &config.max_recipients},
                               std::pair{"max_meeting_participants", &config.max_meeting_participants},
                               std::pair{"max_event_occurrences", &config.max_event_occurrences}}) {
      if (const auto* max = table->get(key)) {
        if (!max->is_integer() || *max->value<std::int64_t>() < 1)
          return config_error(file, line_of(*max), std::string("'") + key + "' in [extraction] must be a positive integer");
        *target = static_cast<std::size_t>(*max->value<std::int64_t>());
      }
    }
  }

  if (const auto* node = root.get("events")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'events' must be a table: [events]");
    if (auto s = check_known_keys(*table, known_config_keys("events"), "events", file); !s) return s;
    for (auto [key, target, low, high] :
         {std::tuple{"min_attendees", &config.events.min_attendees, 1, 100000},
          std::tuple{"met_window_days", &config.events.met_window_days, 0, 3650},
          std::tuple{"coffee_max_participants", &config.events.coffee_max_participants, 2, 100},
          std::tuple{"max_participants", &config.events.max_participants, 1, 100000}}) {
      if (const auto* value = table->get(key)) {
        if (!value->is_integer() || *value->value<std::int64_t>() < low || *value->value<std::int64_t>() > high)
          return config_error(file, line_of(*value), std::string("'") + key + "' in [events] must be an integer from " +
                                                         std::to_string(low) + " to " + std::to_string(high));
        *target = *value->value<std::int64_t>();
      }
    }
    if (const auto* value = table->get("calendars")) {
      auto list = string_list(*value, "calendars", file);
      if (!list) return list.status();
      config.events.calendars = std::move(*list);
    }
  }

  if (const auto* node = root.get("reminders")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'reminders' must be a table: [reminders]");
    if (auto s = check_known_keys(*table, known_config_keys("reminders"), "reminders", file); !s) return s;
    config.reminders.line = line_of(*node);
    for (auto [key, target] : {std::pair{"account", &config.reminders.account},
                               std::pair{"calendar", &config.reminders.calendar}}) {
      if (const auto* value = table->get(key)) {
        if (!value->is_string() || value->value<std::string>()->empty())
          return config_error(file, line_of(*value), std::string("'") + key + "' in [reminders] must be a non-empty string");
        *target = *value->value<std::string>();
      }
    }
  }

  if (const auto* node = root.get("daemon")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'daemon' must be a table: [daemon]");
    if (auto s = check_known_keys(*table, known_config_keys("daemon"), "daemon", file);
        !s)
      return s;
    for (auto [key, target] : {std::pair{"backoff_initial_seconds", &config.daemon.backoff_initial_seconds},
                               std::pair{"backoff_max_seconds", &config.daemon.backoff_max_seconds},
                               std::pair{"failed_recheck_seconds", &config.daemon.failed_recheck_seconds},
                               std::pair{"lease_seconds", &config.daemon.lease_seconds}}) {
      if (const auto* value = table->get(key)) {
        if (!value->is_integer() || *value->value<std::int64_t>() < 1)
          return config_error(file, line_of(*value), std::string("'") + key + "' in [daemon] must be a positive integer");
        *target = *value->value<std::int64_t>();
      }
    }
  }

  if (const auto* node = root.get("dashboard")) {
    const auto* table = node->as_table();
    if (!table) return config_error(file, line_of(*node), "'dashboard' must be a table: [dashboard]");
    if (auto s = check_known_keys(*table, known_config_keys("dashboard"), "dashboard", file); !s) return s;
    config.dashboard.line = line_of(*node);
    if (const auto* value = table->get("listen")) {
      if (!value->is_string() || value->value<std::string>()->empty())
        return config_error(file, line_of(*value), "'listen' in [dashboard] must be a non-empty string: \"127.0.0.1:8417\"");
      config.dashboard.listen = *value->value<std::string>();
    }
    if (const auto* value = table->get("allow_remote")) {
      if (!value->is_boolean())
        return config_error(file, line_of(*value), "'allow_remote' in [dashboard] must be true or false");
      config.dashboard.allow_remote = *value->value<bool>();
    }
  }

  if (const auto* node = root.get("account")) {
    const auto* array = node->as_array();
    if (!array) return config_error(file, line_of(*node), "'account' must be written as [[account]] tables");
    std::set<std::string> names;
    for (const auto& element : *array) {
      const auto* table = element.as_table();
      if (!table) return config_error(file, line_of(element), "'account' must be written as [[account]] tables");
      auto account = read_account(*table, file);
      if (!account) return account.status();
      if (!names.insert(account->name).second)
        return config_error(file, account->line, "account name '" + account->name + "' is used twice");
      config.accounts.push_back(std::move(*account));
    }
  }
  if (const auto* node = root.get("member")) {
    const auto* array = node->as_array();
    if (!array) return config_error(file, line_of(*node), "'member' must be written as [[member]] tables");
    for (const auto& element : *array) {
      const auto* table = element.as_table();
      if (!table) return config_error(file, line_of(element), "'member' must be written as [[member]] tables");
      auto member = read_member(*table, file);
      if (!member) return member.status();
      if (config.find_member(member->name))
        return config_error(file, member->line, "member name '" + terminal_safe(member->name) + "' is used twice");
      config.members.push_back(std::move(*member));
    }
  }
  for (const auto& account : config.accounts)
    if (!account.owner.empty() && !config.find_member(account.owner))
      return config_error(file, account.owner_line,
                          "account '" + account.name + "': owner '" + terminal_safe(account.owner) +
                              "' is no [[member]] name");
  if (!config.reminders.account.empty() && !config.find_account(config.reminders.account))
    return config_error(file, config.reminders.line,
                        "'account' in [reminders] names '" + config.reminders.account + "', which is no [[account]]");
  return config;
}

namespace {

// A SettingSpec's default, written as in TOML, as the value the key would
// have had; nullopt when it does not fit the type (a plugin's bug).
std::optional<SettingValue> default_setting_value(const SettingSpec& spec, const fs::path& config_file) {
  const std::string text = spec.default_value;
  switch (spec.type) {
    case SettingType::String: return SettingValue(text);
    case SettingType::Path: return SettingValue(expand_path(text, config_file).string());
    case SettingType::Boolean:
      if (auto value = kit::bool_from_text(text)) return SettingValue(*value);
      return std::nullopt;
    case SettingType::Integer:
      if (auto value = kit::integer_from_text(spec, text)) return SettingValue(*value);
      return std::nullopt;
    case SettingType::StringList:
    case SettingType::Secret: break;
  }
  return std::nullopt;
}

std::string integer_range_text(std::int64_t minimum, std::int64_t maximum) {
  if (maximum == INT64_MAX) return "at least " + std::to_string(minimum);
  if (minimum == INT64_MIN) return "at most " + std::to_string(maximum);
  return "between " + std::to_string(minimum) + " and " + std::to_string(maximum);
}

}  // namespace

std::string setting_help(const SettingSpec& spec) {
  std::string text = spec.help ? spec.help : "";
  std::string extra;
  if (spec.default_value) extra = std::string("default ") + spec.default_value;
  if (spec.type == SettingType::Integer && (spec.minimum != INT64_MIN || spec.maximum != INT64_MAX)) {
    const std::string range = spec.maximum == INT64_MAX   ? "at least " + std::to_string(spec.minimum)
                              : spec.minimum == INT64_MIN ? "at most " + std::to_string(spec.maximum)
                                                          : std::to_string(spec.minimum) + " to " +
                                                                std::to_string(spec.maximum);
    extra += (extra.empty() ? "" : "; ") + range;
  }
  return extra.empty() ? text : text + " (" + extra + ")";
}

Status validate_account(AccountConfig& account, const ProviderDescriptor& provider, const fs::path& config_file) {
  return validate_account(account, provider.settings, provider.settings_count, config_file, provider.abi_minor);
}

Status validate_account(AccountConfig& account, const SettingSpec* specs, std::size_t count,
                        const fs::path& config_file, std::uint32_t abi_minor) {
  // What the account may set: the common keys, what the provider declares
  // (a Secret as <name>_command / <name>_env), and for plugins built before
  // ABI 2.2 the network keys every provider had then.
  std::vector<SettingSpec> declared(common_account_settings());
  if (abi_minor < 2) declared.insert(declared.end(), legacy_network_settings().begin(), legacy_network_settings().end());
  for (std::size_t i = 0; i < count; ++i)
    if (specs[i].key) declared.push_back(specs[i]);
  std::vector<std::string> secrets;
  for (const SettingSpec& spec : declared)
    if (spec.type == SettingType::Secret) secrets.push_back(spec.key);

  static const SettingSpec kSecretSource{"", SettingType::String, ""};
  auto find_spec = [&](const std::string& key) -> const SettingSpec* {
    for (const auto& spec : declared)
      if (key == spec.key) return &spec;
    for (const std::string& secret : secrets)
      if (key == secret + "_command" || key == secret + "_env") return &kSecretSource;
    return nullptr;
  };
  for (auto& [key, setting] : account.settings) {
    const SettingSpec* spec = find_spec(key);
    if (!spec)
      return config_error(config_file, setting.line,
                          "unknown key '" + key + "' for account '" + account.name + "' (provider '" +
                              account.provider + "')");
    bool ok = false;
    switch (spec->type) {
      case SettingType::Secret:
        return config_error(config_file, setting.line,
                            "'" + key + "' for account '" + account.name + "' is a secret and never written in " +
                                "the config: set " + key + "_command (a command that prints it) or " + key +
                                "_env (an environment variable holding it)");
      case SettingType::String: ok = std::holds_alternative<std::string>(setting.value); break;
      case SettingType::Path:
        ok = std::holds_alternative<std::string>(setting.value);
        if (ok) setting.value = expand_path(std::get<std::string>(setting.value), config_file).string();
        break;
      case SettingType::Integer: ok = std::holds_alternative<std::int64_t>(setting.value); break;
      case SettingType::Boolean: ok = std::holds_alternative<bool>(setting.value); break;
      case SettingType::StringList: ok = std::holds_alternative<std::vector<std::string>>(setting.value); break;
    }
    if (!ok)
      return config_error(config_file, setting.line,
                          "'" + key + "' for account '" + account.name + "' must be " + type_name(spec->type));
  }
  for (std::size_t i = 0; i < count; ++i) {
    const SettingSpec& spec = specs[i];
    if (!spec.key) continue;
    auto it = account.settings.find(spec.key);
    if (it == account.settings.end()) {
      if (!spec.default_value) continue;
      auto value = default_setting_value(spec, config_file);
      if (!value)
        return Status::account("provider '" + account.provider + "' declares a default for '" + spec.key +
                               "' that is not " + type_name(spec.type) + ": '" + spec.default_value + "'");
      account.settings.emplace(spec.key, Setting{std::move(*value), 0});
      continue;
    }
    const auto* number = std::get_if<std::int64_t>(&it->second.value);
    if (spec.type == SettingType::Integer && number && (*number < spec.minimum || *number > spec.maximum))
      return config_error(config_file, it->second.line,
                          "'" + it->first + "' for account '" + account.name + "' must be " +
                              integer_range_text(spec.minimum, spec.maximum) + ", not " + std::to_string(*number));
  }
  if (auto it = account.settings.find("interval"); it != account.settings.end()) {
    const auto* seconds = std::get_if<std::int64_t>(&it->second.value);
    if (seconds && *seconds < 1)
      return config_error(config_file, it->second.line, "'interval' for account '" + account.name + "' must be at least 1 (seconds)");
  }
  for (const std::string& secret : secrets)
    if (account.settings.count(secret + "_command") && account.settings.count(secret + "_env"))
      return config_error(config_file, account.line,
                          "account '" + account.name + "' sets both " + secret + "_command and " + secret +
                              "_env; keep one");
  return {};
}

}  // namespace kith::engine

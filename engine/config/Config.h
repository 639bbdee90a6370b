// The user's configuration (TOML), as the engine understands it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kith/Plugin.h"
#include "kith/Status.h"

namespace kith::engine {

using SettingValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

struct Setting {
  SettingValue value;
  int line = 0;  // where it was written, for error messages
};

struct AccountConfig {
  std::string name;
  std::string provider;
  int line = 0;
  // `owner`: the [[member]] whose account this is (a team's store); "" for
  // none. Its interactions are attributed to that member.
  std::string owner;
  int owner_line = 0;
  // Every key of the [[account]] table but name and provider: the common
  // keys (url, username, password_command, ...) and the provider's own.
  std::map<std::string, Setting> settings;

  std::optional<std::string> string_setting(const std::string& key) const;
  std::optional<bool> bool_setting(const std::string& key) const;
};

// What is unsafe about an account the user set up on purpose, for a warning
// on every sync and in `kith accounts`: today `tls_verify = false`.
std::vector<std::string> account_warnings(const AccountConfig& account);

// [daemon]: how kithd retries.
struct DaemonConfig {
  std::int64_t backoff_initial_seconds = 30;
  std::int64_t backoff_max_seconds = 3600;
  std::int64_t failed_recheck_seconds = 10;
  std::int64_t lease_seconds = 60;  // a PostgreSQL store's account leases
};

// [dashboard]: the web dashboard kithd serves (engine/dashboard/).
struct DashboardConfig {
  std::string listen;         // "host:port"; "" = not served (kithd --http also sets it)
  bool allow_remote = false;  // a listen address outside loopback needs this, and kithd warns
  int line = 0;               // where [dashboard] was written
};

// [store] url and its password: a PostgreSQL store instead of the file.
struct StoreServerConfig {
  std::string url;               // "" = the SQLite file
  std::string password_command;  // run to get the password; never stored
  std::string password_env;      // an environment variable holding it
};

// [events]: what counts as an event and as a virtual coffee (relate/Events.h).
struct EventsConfig {
  std::int64_t min_attendees = 6;        // other participants that make an occurrence an event
  std::int64_t met_window_days = 14;     // a first interaction this long after an event: likely met there
  std::vector<std::string> calendars;    // calendars whose every occurrence is an event (name or path)
  std::int64_t coffee_max_participants = 3;  // people on a video call, the user included, for a coffee
  std::int64_t max_participants = 500;   // people kept per occurrence (all are counted)
};

// [reminders]: where `kith remind` writes its tasks.
struct RemindersConfig {
  std::string account;           // the account whose provider holds them; "" = no reminders
  std::string calendar = "Kith"; // the task list (CalDAV calendar, vdir folder)
  int line = 0;                  // where [reminders] was written
};

// [[member]]: one person of a team sharing a store, with their own
// identities (as [identity]'s: never people, and they decide sent vs
// received in the accounts the member owns).
struct MemberConfig {
  std::string name;
  std::vector<std::string> addresses;  // lower case
  std::vector<std::string> handles;    // as written: URIs, phone numbers
  int line = 0;
};

struct Config {
  std::filesystem::path file;  // empty when no config file was read
  std::vector<std::string> identity_addresses;
  std::vector<std::string> identity_handles;  // as written: URIs, phone numbers
  // [identity] ignore: handles and "@domain"s, as the store keeps them (IgnoreSet.h)
  std::vector<std::string> identity_ignore;
  std::optional<int> default_cadence_days;  // [cadence] default; nullopt: "none"
  int half_life_days = 90;                  // [scoring] half_life_days
  bool store_subjects = true;               // [privacy] store_subjects
  // [organizations] free_mail: more domains ("example.net", "mail.*")
  // whose addresses say nothing about where a person works.
  std::vector<std::string> free_mail_domains;
  std::optional<std::filesystem::path> store_path;
  StoreServerConfig store_server;
  std::vector<std::filesystem::path> plugin_dirs;
  std::size_t max_recipients = 20;
  std::size_t max_meeting_participants = 20;
  std::size_t max_event_occurrences = 1000;
  DaemonConfig daemon;
  DashboardConfig dashboard;
  EventsConfig events;
  RemindersConfig reminders;
  std::vector<AccountConfig> accounts;
  std::vector<MemberConfig> members;  // [[member]] tables, in order

  const AccountConfig* find_account(const std::string& name) const;
  const MemberConfig* find_member(const std::string& name) const;
  // The accounts `member` owns, in config order.
  std::vector<std::string> accounts_of(const std::string& member) const;
};

// Keys every account may have, whatever its provider.
const std::vector<SettingSpec>& common_account_settings();
// The network keys every provider accepted before ABI 2.2, still accepted
// for plugins built for 2.0 and 2.1 (url, username, secrets password and
// oauth_token).
const std::vector<SettingSpec>& legacy_network_settings();

// A setting's help line with what the spec declares besides: "seconds per
// request (default 120; 1 to 86400)". For `kith plugins -v` and man pages.
std::string setting_help(const SettingSpec& spec);

// Reads `file`. `explicit_path`: the user named the file (--config), so a
// missing file is an error; otherwise a missing file means an empty config.
// Errors name the file, the key and the line.
Result<Config> load_config(const std::filesystem::path& file, bool explicit_path);

// The default config file: $XDG_CONFIG_HOME/kith/config.toml, else
// ~/.config/kith/config.toml.
std::filesystem::path default_config_path();
// The default store: $XDG_DATA_HOME/kith/history.db, else
// ~/.local/share/kith/history.db.
std::filesystem::path default_store_path();

// Checks an account's keys against the common keys plus what its provider
// declares; resolves Path settings (~ and relative to the config file).
// Errors name the key, the account and the line.
// `abi_minor` is the plugin's: before 2.2 the network keys (url, username,
// password_*, oauth_token_*) are accepted without being declared.
Status validate_account(AccountConfig& account, const SettingSpec* specs, std::size_t count,
                        const std::filesystem::path& config_file, std::uint32_t abi_minor = KITH_ABI_MINOR);
Status validate_account(AccountConfig& account, const ProviderDescriptor& provider,
                        const std::filesystem::path& config_file);

}  // namespace kith::engine

// Services the engine gives a provider. The engine owns them; they outlive
// the provider. A provider never keeps global state (no global logger).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Abi.h"
#include "kith/Status.h"

namespace kith {

enum class LogLevel : int { Trace, Debug, Info, Warn, Error };

// Thread-safe. Never pass secrets.
class KITH_SDK_VISIBLE Logger {
 public:
  virtual void log(LogLevel level, std::string_view message) noexcept = 0;

 protected:
  ~Logger() = default;
};

// Resolves a secret named in the account's configuration without it ever
// being written there: for a name the provider declares as
// SettingType::Secret, e.g. "password", it runs `password_command` (its
// first output line) or reads the environment variable named by
// `password_env`. Returns an Account error naming the setting on failure;
// the error never contains the secret.
class KITH_SDK_VISIBLE SecretResolver {
 public:
  virtual Result<std::string> resolve(std::string_view name) noexcept = 0;
  // True if the account configures any source for `name`.
  virtual bool has(std::string_view name) const noexcept = 0;

 protected:
  ~SecretResolver() = default;
};

// Polled by providers between network round trips; thread-safe.
class KITH_SDK_VISIBLE Cancellation {
 public:
  virtual bool requested() const noexcept = 0;

 protected:
  ~Cancellation() = default;
};

// The account's settings from the config file: the common keys (`url`,
// `username`, ...) and the provider's own, already checked against the
// provider's SettingSpec list. A getter returns nullopt when the key is
// absent (types are already validated).
class KITH_SDK_VISIBLE AccountSettings {
 public:
  virtual std::optional<std::string> get_string(std::string_view key) const = 0;
  virtual std::optional<std::int64_t> get_integer(std::string_view key) const = 0;
  virtual std::optional<bool> get_bool(std::string_view key) const = 0;
  virtual std::optional<std::vector<std::string>> get_string_list(std::string_view key) const = 0;

 protected:
  ~AccountSettings() = default;
};

// Everything a provider instance gets at creation.
class KITH_SDK_VISIBLE ProviderContext {
 public:
  virtual std::string_view account_name() const noexcept = 0;
  virtual const AccountSettings& settings() const noexcept = 0;
  // The owner's addresses ([identity] plus the account's username when it
  // is an address), lower-cased. Providers may use them (e.g. the calendar
  // user), but extraction rules stay in the engine.
  virtual const std::vector<std::string>& owner_addresses() const noexcept = 0;
  virtual Logger& logger() const noexcept = 0;
  virtual SecretResolver& secrets() const noexcept = 0;
  virtual const Cancellation& cancellation() const noexcept = 0;
  // "Now" in Unix seconds, UTC. Providers ask here instead of the system
  // clock (calendar windows, cursor ages), so that tests can fix time.
  virtual std::int64_t now() const noexcept = 0;

 protected:
  ~ProviderContext() = default;
};

}  // namespace kith

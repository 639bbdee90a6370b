// What one provider instance sees of the engine: its account's settings,
// the owner's identities, a tagged logger, its secrets and a stop flag.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "config/Config.h"
#include "host/SecretResolverImpl.h"
#include "host/StderrLogger.h"
#include "kith/Host.h"

namespace kith::engine {

class CancellationFlag final : public Cancellation {
 public:
  bool requested() const noexcept override { return flag_.load(std::memory_order_relaxed); }
  void request() noexcept { flag_.store(true, std::memory_order_relaxed); }

 private:
  std::atomic<bool> flag_{false};
};

class ConfigAccountSettings final : public AccountSettings {
 public:
  explicit ConfigAccountSettings(const AccountConfig& account) : account_(account) {}
  std::optional<std::string> get_string(std::string_view key) const override;
  std::optional<std::int64_t> get_integer(std::string_view key) const override;
  std::optional<bool> get_bool(std::string_view key) const override;
  std::optional<std::vector<std::string>> get_string_list(std::string_view key) const override;

 private:
  template <typename T>
  std::optional<T> get(std::string_view key) const;
  const AccountConfig& account_;
};

// The owner's identities for one account: the configured addresses, the
// addresses of the [[member]] that owns the account (if any), plus the
// account's username when it is an address (extraction rule 2).
std::vector<std::string> owner_addresses_for(const Config& config, const AccountConfig& account);

// The owner's other handles for one account (rule 11): [identity] handles,
// its owning [[member]]'s handles, plus the account's `profile_url` when it
// has one. Any provider that
// declares a `profile_url` setting (linkedin) means the owner's own profile
// by it, so the user need not write it twice.
std::vector<std::string> owner_handles_for(const Config& config, const AccountConfig& account);

class AccountContext final : public ProviderContext {
 public:
  AccountContext(const Config& config, const AccountConfig& account, Logger& logger, const Cancellation& cancellation);

  std::string_view account_name() const noexcept override { return account_.name; }
  const AccountSettings& settings() const noexcept override { return settings_; }
  const std::vector<std::string>& owner_addresses() const noexcept override { return owners_; }
  Logger& logger() const noexcept override { return logger_; }
  SecretResolver& secrets() const noexcept override { return secrets_; }
  const Cancellation& cancellation() const noexcept override { return cancellation_; }
  std::int64_t now() const noexcept override;

 private:
  const AccountConfig& account_;
  ConfigAccountSettings settings_;
  std::vector<std::string> owners_;
  mutable AccountLogger logger_;
  mutable AccountSecretResolver secrets_;
  const Cancellation& cancellation_;
};

}  // namespace kith::engine

// The host the conformance suite gives a provider: settings typed and
// checked the way the engine checks them (kith/Plugin.h SettingSpec), a
// logger that keeps what it is told, secrets from the command line, a
// cancellation the checks flip, and the real clock.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::conformance {

using SettingValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

class Settings final : public AccountSettings {
 public:
  // `raw` as given on the command line (key -> text), read by the types
  // `specs` declare, with their defaults and ranges. Fails naming the key.
  static Result<Settings> from_text(const std::map<std::string, std::string>& raw, const SettingSpec* specs,
                                    std::size_t count);

  std::optional<std::string> get_string(std::string_view key) const override { return get<std::string>(key); }
  std::optional<std::int64_t> get_integer(std::string_view key) const override { return get<std::int64_t>(key); }
  std::optional<bool> get_bool(std::string_view key) const override { return get<bool>(key); }
  std::optional<std::vector<std::string>> get_string_list(std::string_view key) const override {
    return get<std::vector<std::string>>(key);
  }

  void set(const std::string& key, SettingValue value) { values_[key] = std::move(value); }

 private:
  template <typename T>
  std::optional<T> get(std::string_view key) const {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    if (const T* v = std::get_if<T>(&it->second)) return *v;
    return std::nullopt;
  }
  std::map<std::string, SettingValue> values_;
};

class KeptLogger final : public Logger {
 public:
  void log(LogLevel level, std::string_view message) noexcept override;
  bool verbose = false;

 private:
  std::mutex mutex_;
};

class Secrets final : public SecretResolver {
 public:
  explicit Secrets(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  Result<std::string> resolve(std::string_view name) noexcept override;
  bool has(std::string_view name) const noexcept override { return values_.count(std::string(name)) > 0; }

 private:
  std::map<std::string, std::string> values_;
};

class Flag final : public Cancellation {
 public:
  bool requested() const noexcept override { return flag_.load(); }
  void request() { flag_.store(true); }
  void clear() { flag_.store(false); }

 private:
  std::atomic<bool> flag_{false};
};

class Context final : public ProviderContext {
 public:
  Context(Settings settings, std::vector<std::string> owners, Secrets& secrets, KeptLogger& logger)
      : settings_(std::move(settings)), owners_(std::move(owners)), secrets_(secrets), logger_(logger) {}

  std::string_view account_name() const noexcept override { return "conformance"; }
  const AccountSettings& settings() const noexcept override { return settings_; }
  const std::vector<std::string>& owner_addresses() const noexcept override { return owners_; }
  Logger& logger() const noexcept override { return logger_; }
  SecretResolver& secrets() const noexcept override { return secrets_; }
  const Cancellation& cancellation() const noexcept override { return cancel; }
  std::int64_t now() const noexcept override;

  Settings& mutable_settings() { return settings_; }
  Flag cancel;

 private:
  Settings settings_;
  std::vector<std::string> owners_;
  Secrets& secrets_;
  KeptLogger& logger_;
};

}  // namespace kith::conformance

// A ProviderContext for unit tests of providers: settings set by the test,
// a logger that records, no secrets, and a cancellation the test flips.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kith/Host.h"

namespace kith::test {

class FakeSettings final : public AccountSettings {
 public:
  using Value = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

  void set(const std::string& key, Value value) { values_[key] = std::move(value); }
  void erase(const std::string& key) { values_.erase(key); }

  std::optional<std::string> get_string(std::string_view key) const override { return get<std::string>(key); }
  std::optional<std::int64_t> get_integer(std::string_view key) const override { return get<std::int64_t>(key); }
  std::optional<bool> get_bool(std::string_view key) const override { return get<bool>(key); }
  std::optional<std::vector<std::string>> get_string_list(std::string_view key) const override {
    return get<std::vector<std::string>>(key);
  }

 private:
  template <typename T>
  std::optional<T> get(std::string_view key) const {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    if (const T* value = std::get_if<T>(&it->second)) return *value;
    return std::nullopt;
  }
  std::map<std::string, Value> values_;
};

class FakeLogger final : public Logger {
 public:
  void log(LogLevel level, std::string_view message) noexcept override {
    std::lock_guard lock(mutex_);
    entries_.emplace_back(level, std::string(message));
  }
  std::size_t count(LogLevel level) const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [l, m] : entries_) n += l == level;
    return n;
  }
  bool contains(LogLevel level, std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (const auto& [l, m] : entries_)
      if (l == level && m.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<LogLevel, std::string>> entries_;
};

// No secrets unless a test sets one.
class NoSecrets final : public SecretResolver {
 public:
  Result<std::string> resolve(std::string_view name) noexcept override {
    if (auto it = values.find(std::string(name)); it != values.end()) return it->second;
    return Status::account("no secret '" + std::string(name) + "' in tests");
  }
  bool has(std::string_view name) const noexcept override { return values.count(std::string(name)) > 0; }
  std::map<std::string, std::string> values;
};

class FakeCancellation final : public Cancellation {
 public:
  bool requested() const noexcept override { return flag.load(); }
  std::atomic<bool> flag{false};
};

class FakeContext final : public ProviderContext {
 public:
  std::string_view account_name() const noexcept override { return "test"; }
  const AccountSettings& settings() const noexcept override { return settings_; }
  const std::vector<std::string>& owner_addresses() const noexcept override { return owners_; }
  Logger& logger() const noexcept override { return logger_; }
  SecretResolver& secrets() const noexcept override { return secrets_; }
  const Cancellation& cancellation() const noexcept override { return cancellation_; }
  // The real clock unless a test fixes it with `fixed_now`.
  std::int64_t now() const noexcept override {
    if (fixed_now) return *fixed_now;
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::optional<std::int64_t> fixed_now;

  FakeSettings& mutable_settings() { return settings_; }
  void set_secret(const std::string& name, const std::string& value) { secrets_.values[name] = value; }
  FakeLogger& fake_logger() { return logger_; }
  void cancel() { cancellation_.flag = true; }

 private:
  FakeSettings settings_;
  std::vector<std::string> owners_{"alex@example.org", "alex.morgan@example.com"};
  mutable FakeLogger logger_;
  mutable NoSecrets secrets_;
  FakeCancellation cancellation_;
};

}  // namespace kith::test

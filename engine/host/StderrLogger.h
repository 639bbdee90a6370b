// The engine's logger: levelled lines on stderr, shared with providers.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "kith/Host.h"

namespace kith::engine {

std::optional<LogLevel> log_level_from_string(std::string_view name);

class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(LogLevel threshold = LogLevel::Warn, std::string prefix = {})
      : threshold_(threshold), prefix_(std::move(prefix)) {}
  void log(LogLevel level, std::string_view message) noexcept override;
  void set_threshold(LogLevel level) { threshold_ = level; }

 private:
  std::mutex mutex_;
  LogLevel threshold_;
  std::string prefix_;
};

// Tags every line with the account it concerns: "[work] ...".
class AccountLogger final : public Logger {
 public:
  AccountLogger(Logger& inner, std::string_view account) : inner_(inner), tag_(1, '[') {
    tag_ += account;
    tag_ += "] ";
  }
  void log(LogLevel level, std::string_view message) noexcept override;

 private:
  Logger& inner_;
  std::string tag_;
};

}  // namespace kith::engine

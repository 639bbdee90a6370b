#include "host/StderrLogger.h"

#include <cstdio>

#include "util/Strings.h"

namespace kith::engine {

std::optional<LogLevel> log_level_from_string(std::string_view name) {
  if (name == "trace") return LogLevel::Trace;
  if (name == "debug") return LogLevel::Debug;
  if (name == "info") return LogLevel::Info;
  if (name == "warn" || name == "warning") return LogLevel::Warn;
  if (name == "error") return LogLevel::Error;
  return std::nullopt;
}

namespace {
const char* label(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return "trace";
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warning";
    case LogLevel::Error: return "error";
  }
  return "log";
}
}  // namespace

void StderrLogger::log(LogLevel level, std::string_view message) noexcept {
  if (level < threshold_) return;
  try {
    const std::string line = terminal_safe(message);  // logs quote servers
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "%s%s: %s\n", prefix_.c_str(), label(level), line.c_str());
  } catch (...) {
    // Logging must never take a sync down.
  }
}

void AccountLogger::log(LogLevel level, std::string_view message) noexcept {
  try {
    std::string line = tag_;
    line += message;
    inner_.log(level, line);
  } catch (...) {
    // Logging must never take a sync down.
  }
}

}  // namespace kith::engine

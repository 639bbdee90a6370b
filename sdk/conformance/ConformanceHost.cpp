#include "ConformanceHost.h"

#include <chrono>
#include <iostream>

#include "kith/kit/Settings.h"

namespace kith::conformance {
namespace {

std::optional<SettingValue> parse_value(const SettingSpec& spec, const std::string& text) {
  switch (spec.type) {
    case SettingType::String:
    case SettingType::Path: return SettingValue(text);
    case SettingType::Boolean:
      if (auto value = kit::bool_from_text(text)) return SettingValue(*value);
      return std::nullopt;
    case SettingType::Integer:
      if (auto value = kit::integer_from_text(spec, text)) return SettingValue(*value);
      return std::nullopt;
    case SettingType::Secret: return std::nullopt;  // given with --secret, never as a setting
    case SettingType::StringList: {
      std::vector<std::string> items;
      std::size_t start = 0;
      while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::size_t end = comma == std::string::npos ? text.size() : comma;
        if (end > start) items.push_back(text.substr(start, end - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return SettingValue(std::move(items));
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Settings> Settings::from_text(const std::map<std::string, std::string>& raw, const SettingSpec* specs,
                                     std::size_t count) {
  Settings settings;
  for (const auto& [key, text] : raw) {
    const SettingSpec* spec = nullptr;
    for (std::size_t i = 0; i < count; ++i)
      if (specs[i].key && key == specs[i].key) spec = &specs[i];
    if (!spec) {
      // The engine's common keys (url, username, ...) are not declared by
      // providers in ABI 2.1; pass them through as text.
      settings.values_[key] = text;
      continue;
    }
    auto value = parse_value(*spec, text);
    if (!value) return Status::account("--setting " + key + "=" + text + ": not a valid value for this setting");
    settings.values_[key] = std::move(*value);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const SettingSpec& spec = specs[i];
    if (!spec.key || !spec.default_value || settings.values_.count(spec.key)) continue;
    auto value = parse_value(spec, spec.default_value);
    if (!value) return Status::account(std::string("the default of '") + spec.key + "' does not fit its type");
    settings.values_[spec.key] = std::move(*value);
  }
  return settings;
}

void KeptLogger::log(LogLevel level, std::string_view message) noexcept {
  if (!verbose && level < LogLevel::Warn) return;
  try {
    const std::lock_guard lock(mutex_);
    std::cerr << "  [provider] " << message << '\n';
  } catch (...) {
  }
}

Result<std::string> Secrets::resolve(std::string_view name) noexcept {
  try {
    auto it = values_.find(std::string(name));
    if (it == values_.end()) return Status::account("no secret '" + std::string(name) + "' (give --secret " +
                                                    std::string(name) + "=VALUE)");
    return it->second;
  } catch (...) {
    return Status::internal("out of memory");
  }
}

std::int64_t Context::now() const noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace kith::conformance

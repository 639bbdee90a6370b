// Provider kit: reading settings whose default lives in one place, the
// provider's SettingSpec list. The engine fills defaults and checks types
// and ranges before the provider is created; these also work under a host
// that did not (a unit test's settings), taking the default from the spec.
//
//   const kith::SettingSpec kSettings[] = {
//       {"batch_size", kith::SettingType::Integer, "items per batch", "500", 1, 10000}};
//   auto size = kith::kit::integer_setting(context.settings(), kSettings, "batch_size");
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::kit {

// A setting's integer written as text (a declared default, a command-line
// value), within the spec's range; nullopt otherwise. The one reading of
// such text, for hosts and providers alike.
inline std::optional<std::int64_t> integer_from_text(const SettingSpec& spec, std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < spec.minimum || value > spec.maximum) return std::nullopt;
  return value;
}

// "true" or "false", as TOML writes them; nullopt otherwise.
inline std::optional<bool> bool_from_text(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

namespace detail {
template <std::size_t N>
const SettingSpec& spec_of(const SettingSpec (&specs)[N], std::string_view key) {
  for (const SettingSpec& spec : specs)
    if (spec.key && key == spec.key) return spec;
  throw std::logic_error("setting '" + std::string(key) + "' is not declared");
}
}  // namespace detail

// The integer set for `key`, else its declared default. Throws
// std::logic_error when `key` has neither (a bug in the provider).
template <std::size_t N>
std::int64_t integer_setting(const AccountSettings& settings, const SettingSpec (&specs)[N], std::string_view key) {
  if (auto value = settings.get_integer(key)) return *value;
  const SettingSpec& spec = detail::spec_of(specs, key);
  if (auto value = integer_from_text(spec, spec.default_value ? spec.default_value : "")) return *value;
  throw std::logic_error("setting '" + std::string(key) + "' has no integer default");
}

// The boolean set for `key`, else its declared default ("true"/"false").
template <std::size_t N>
bool bool_setting(const AccountSettings& settings, const SettingSpec (&specs)[N], std::string_view key) {
  if (auto value = settings.get_bool(key)) return *value;
  const SettingSpec& spec = detail::spec_of(specs, key);
  if (auto value = bool_from_text(spec.default_value ? spec.default_value : "")) return *value;
  throw std::logic_error("setting '" + std::string(key) + "' has no boolean default");
}

}  // namespace kith::kit

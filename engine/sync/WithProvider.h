// Runs one call on a fresh provider instance of an account, outside a sync
// pass: kithd's watch() and `kith accounts --check`.
#pragma once

#include <cstdint>
#include <string>

#include "config/Config.h"
#include "host/AccountContext.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "plugin/PluginRegistry.h"

namespace kith::engine {

struct ProviderEnvironment {
  const Config& config;
  const PluginRegistry& plugins;
  Logger& logger;
  const Cancellation& cancellation;
};

// Validates the account's settings, creates its provider and returns
// use(provider). Plugins built before ABI 2.`min_abi_minor` get `fallback`
// instead: their vtable has no slot for the method `use` calls.
template <typename T, typename Use>
Result<T> with_provider(const ProviderEnvironment& env, const AccountConfig& configured, std::uint32_t min_abi_minor,
                        T fallback, Use use) {
  const auto plugin = env.plugins.find(configured.provider);
  if (!plugin)
    return Status::account("account '" + configured.name + "': no plugin provides '" + configured.provider +
                           "' (see `kith plugins`)");
  const auto& d = plugin->descriptor();
  if (d.abi_minor < min_abi_minor) return fallback;
  // Path settings are resolved into this copy; the config stays as read.
  AccountConfig account = configured;
  if (auto s = validate_account(account, d, env.config.file); !s) return s;
  const AccountContext context(env.config, account, env.logger, env.cancellation);
  auto provider = plugin->create(context);
  if (!provider) return provider.status();
  Result<T> result = use(**provider);
  provider->reset();  // the provider goes before its context does
  return result;
}

}  // namespace kith::engine

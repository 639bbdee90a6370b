// Resolves account secrets from a command or an environment variable,
// never from the config file itself.
#pragma once

#include "config/Config.h"
#include "kith/Host.h"

namespace kith::engine {

class AccountSecretResolver final : public SecretResolver {
 public:
  explicit AccountSecretResolver(const AccountConfig& account) : account_(account) {}
  Result<std::string> resolve(std::string_view name) noexcept override;
  bool has(std::string_view name) const noexcept override;

 private:
  const AccountConfig& account_;
};

// Runs `command` through /bin/sh and returns its first output line.
// Errors carry the exit status, never the output.
Result<std::string> run_secret_command(const std::string& command, const std::string& what);

}  // namespace kith::engine

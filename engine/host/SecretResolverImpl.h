// Resolves account secrets from a command or an environment variable,
// never from the config file itself.
#pragma once

#include <chrono>
#include <cstddef>

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

// Bounds on a password_command: what it may print and how long it may take.
struct SecretCommandLimits {
  std::size_t max_output_bytes = 64 * 1024;
  std::chrono::milliseconds timeout{60000};
};

// Runs `command` through /bin/sh in its own process group and returns its
// first output line. Output past the limit or a command past the timeout
// is an error, and the whole process group is killed. The command's own
// exit ends the wait even if a child it left behind keeps the pipe open.
// Errors carry the exit status, never the output.
Result<std::string> run_secret_command(const std::string& command, const std::string& what,
                                       const SecretCommandLimits& limits = {});

}  // namespace kith::engine

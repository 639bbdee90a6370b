#include "host/SecretResolverImpl.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

namespace kith::engine {

Result<std::string> run_secret_command(const std::string& command, const std::string& what) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return Status::account(what + " could not be started");
  std::string output;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string code = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status)) : "killed";
    return Status::account(what + " failed (" + code + ")");
  }
  const auto end = output.find_first_of("\r\n");
  std::string secret = output.substr(0, end);
  if (secret.empty()) return Status::account(what + " printed nothing");
  return secret;
}

bool AccountSecretResolver::has(std::string_view name) const noexcept {
  const std::string base(name);
  return account_.settings.count(base + "_command") || account_.settings.count(base + "_env");
}

Result<std::string> AccountSecretResolver::resolve(std::string_view name) noexcept {
  try {
    const std::string base(name);
    const std::string where = "account '" + account_.name + "': ";
    if (auto command = account_.string_setting(base + "_command"))
      return run_secret_command(*command, where + base + "_command");
    if (auto variable = account_.string_setting(base + "_env")) {
      const char* value = std::getenv(variable->c_str());
      if (!value || !*value)
        return Status::account(where + "environment variable '" + *variable + "' (" + base + "_env) is not set");
      return std::string(value);
    }
    return Status::account(where + "no " + base + " configured (set " + base + "_command or " + base + "_env)");
  } catch (const std::exception& e) {
    return Status::internal(e.what());
  }
}

}  // namespace kith::engine

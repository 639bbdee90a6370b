#include "host/SecretResolverImpl.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace kith::engine {

namespace {

// Waits up to `until` for `pid`; its wait status, or nullopt if still running.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point until) {
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    ::usleep(10000);
  }
}

}  // namespace

Result<std::string> run_secret_command(const std::string& command, const std::string& what,
                                       const SecretCommandLimits& limits) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::account(what + " could not be started: " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);  // its own group: a timeout kills everything it started
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, "/bin/sh", &actions, &attributes, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return Status::account(what + " could not be started: " + std::strerror(spawned));
  }

  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  std::string output;
  std::optional<int> exit_status;
  bool too_much = false;
  bool eof = false;
  while (!eof && !too_much) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd pfd{fds[0], POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 50)));
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      char buffer[4096];
      const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
      if (n > 0) {
        if (output.size() + static_cast<std::size_t>(n) > limits.max_output_bytes) too_much = true;
        else output.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        eof = true;
      }
      continue;
    }
    // Nothing to read: has the command itself finished (a child it left
    // behind may keep the pipe open)?
    if (!exit_status) exit_status = wait_until(pid, std::chrono::steady_clock::now());
    if (exit_status) break;
  }
  ::close(fds[0]);
  if (!exit_status) exit_status = wait_until(pid, too_much ? std::chrono::steady_clock::now() : deadline);
  if (!exit_status || too_much) {
    ::kill(-pid, SIGKILL);
    if (!exit_status) (void)wait_until(pid, std::chrono::steady_clock::now() + std::chrono::seconds(5));
    if (too_much)
      return Status::account(what + " printed more than " + std::to_string(limits.max_output_bytes) +
                             " bytes; a password is one line");
    return Status::account(what + " did not finish within " + std::to_string(limits.timeout.count() / 1000) + " s");
  }
  const int status = *exit_status;
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

#include "dashboard/KithRunner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

extern char** environ;

namespace kith::engine {

namespace {

std::string command_text(const std::vector<std::string>& arguments) {
  std::string text = "kith";
  for (const auto& a : arguments) text += " " + a;
  return text;
}

// The environment `kith` runs with: kithd's own, and unless that sets
// glibc's tunables itself, malloc's heap in transparent huge pages. A page
// of the dashboard reads everyone in a fraction of a second, tens of
// megabytes of small allocations: in 4 KiB pages that is thousands of page
// faults (a quarter of `kith network`'s time at 50,000 people, where a
// fault is dear, as in virtual machines). Where the system has no huge
// pages for madvise, glibc's advice changes nothing.
std::vector<char*> child_environment() {
  static std::string tunables = "GLIBC_TUNABLES=glibc.malloc.hugetlb=1";
  std::vector<char*> out;
  bool own = false;
  for (char** e = environ; *e; ++e) {
    own = own || std::strncmp(*e, "GLIBC_TUNABLES=", 15) == 0;
    out.push_back(*e);
  }
  if (!own) out.push_back(tunables.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

KithProcess::KithProcess(const KithRunnerSettings& settings, std::vector<std::string> arguments)
    : settings_(settings), arguments_(std::move(arguments)) {
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    start_error_ = std::strerror(errno);
    return;
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    start_error_ = std::strerror(errno);
    ::close(out[0]);
    ::close(out[1]);
    return;
  }
  std::vector<std::string> argv_text;
  argv_text.push_back(settings_.program.string());
  for (const auto& a : settings_.global_arguments) argv_text.push_back(a);
  argv_text.push_back("--json");
  for (const auto& a : arguments_) argv_text.push_back(a);
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  std::vector<char*> environment = child_environment();
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environment.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  if (spawned != 0) {
    start_error_ = std::strerror(spawned);
    ::close(out[0]);
    ::close(err[0]);
    return;
  }
  pid_ = pid;
  out_ = out[0];
  err_ = err[0];
}

KithProcess::~KithProcess() {
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

Result<std::string> KithProcess::finish() {
  const std::string what = command_text(arguments_);
  if (pid_ <= 0) return Status::internal(what + " could not be started: " + start_error_);
  const auto deadline = std::chrono::steady_clock::now() + settings_.timeout;
  std::string output;
  std::string errors;
  bool too_much = false;
  bool timed_out = false;
  while ((out_ >= 0 || err_ >= 0) && !too_much) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[65536];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        std::string& into = i == 0 ? output : errors;
        // Standard error is for one-line messages: only its end is kept.
        if (i == 1 && into.size() > 65536) into.erase(0, into.size() - 4096);
        if (i == 0 && output.size() + static_cast<std::size_t>(n) > settings_.max_output_bytes) too_much = true;
        else into.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        ::close(fds[i].fd);
        (i == 0 ? out_ : err_) = -1;
      }
    }
  }
  if (too_much || timed_out) {
    ::kill(pid_, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (too_much)
    return Status::internal(what + " printed more than " + std::to_string(settings_.max_output_bytes) + " bytes");
  if (timed_out)
    return Status::transient(what + " did not finish within " + std::to_string(settings_.timeout.count() / 1000) + " s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!errors.empty() && (errors.back() == '\n' || errors.back() == '\r')) errors.pop_back();
    const auto last_line = errors.rfind('\n');
    std::string message = last_line == std::string::npos ? errors : errors.substr(last_line + 1);
    if (message.rfind("kith: ", 0) == 0) message.erase(0, 6);
    if (message.empty()) message = what + (WIFEXITED(status) ? " failed" : " was killed");
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    // 2: a usage error, the request's fault; 1: a query that found nothing.
    return code == 2 || code == 1 ? Status::item(message) : Status::internal(message);
  }
  return output;
}

std::filesystem::path kith_beside_this_program() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "kith";
  return self.parent_path() / "kith";
}

}  // namespace kith::engine

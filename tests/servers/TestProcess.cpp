#include "servers/TestProcess.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace kith::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string errno_text(int err) { return std::strerror(err); }

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// An fd that closes itself.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = o.release();
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

kith::Status make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return kith::Status::internal("pipe2: " + errno_text(errno));
  read_end = Fd(fds[0]);
  write_end = Fd(fds[1]);
  return {};
}

// Marks every fd >= 3 close-on-exec. Async-signal-safe (runs between fork and exec).
void cloexec_from_3() {
#ifdef CLOSE_RANGE_CLOEXEC
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
  long max_fd = ::sysconf(_SC_OPEN_MAX);
  if (max_fd < 0 || max_fd > 65536) max_fd = 65536;
  for (int fd = 3; fd < max_fd; ++fd) {
    int flags = ::fcntl(fd, F_GETFD);
    if (flags >= 0) ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
  }
}

struct SpawnRequest {
  std::vector<std::string> argv;  // argv[0] absolute
  int stdout_fd = -1;
  int stderr_fd = -1;
  bool die_with_parent = false;
};

// fork + exec in a new process group. Reports exec failures through a
// close-on-exec pipe, so "not found" is an error here and not exit 127 later.
kith::Result<pid_t> spawn_raw(const SpawnRequest& req) {
  if (req.argv.empty()) return kith::Status::internal("spawn: empty argv");
  std::vector<char*> cargv;
  cargv.reserve(req.argv.size() + 1);
  for (const auto& a : req.argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  Fd devnull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (devnull.get() < 0) return kith::Status::internal("open /dev/null: " + errno_text(errno));
  Fd err_read, err_write;
  if (auto st = make_pipe(err_read, err_write); !st) return st;

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return kith::Status::internal("fork: " + errno_text(errno));
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on.
    ::setpgid(0, 0);
    if (req.die_with_parent) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(devnull.get(), 0);
    if (req.stdout_fd >= 0) ::dup2(req.stdout_fd, 1);
    if (req.stderr_fd >= 0) ::dup2(req.stderr_fd, 2);
    cloexec_from_3();
    ::execv(cargv[0], cargv.data());
    int err = errno;
    [[maybe_unused]] auto n = ::write(err_write.get(), &err, sizeof err);
    ::_exit(127);
  }
  // Parent. Also set the group from here, so it is in place whichever runs first.
  ::setpgid(pid, pid);
  err_write.reset();
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(err_read.get(), &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return kith::Status::internal("exec " + req.argv[0] + ": " + errno_text(child_errno));
  }
  return pid;
}

bool has_exited(pid_t pid) {
  siginfo_t info;
  std::memset(&info, 0, sizeof info);
  int rc;
  do {
    rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return true;  // ECHILD: not ours any more
  return info.si_pid != 0;
}

// Waits (bounded) until `pid` has exited, without reaping it.
bool wait_exited(pid_t pid, milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!has_exited(pid)) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

// A /proc file's contents; empty when the process has gone meanwhile.
// (Reading the file of a process that exited fails with ESRCH, which
// libstdc++'s filebuf throws from under an istreambuf_iterator.)
std::string read_proc_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

// Fields of /proc/<pid>/stat after the command name: state and pgrp.
bool read_stat(pid_t pid, char& state, pid_t& pgrp) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return false;
  auto close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(line.substr(close + 1));
  long ppid = 0, group = 0;
  if (!(rest >> state >> ppid >> group)) return false;
  pgrp = static_cast<pid_t>(group);
  return true;
}

template <typename F>
std::vector<pid_t> scan_proc(F&& keep) {
  std::vector<pid_t> found;
  DIR* dir = ::opendir("/proc");
  if (!dir) return found;
  while (dirent* e = ::readdir(dir)) {
    char* end = nullptr;
    long v = std::strtol(e->d_name, &end, 10);
    if (v <= 0 || *end != '\0') continue;
    auto pid = static_cast<pid_t>(v);
    char state = 0;
    pid_t pgrp = 0;
    if (!read_stat(pid, state, pgrp)) continue;
    if (state == 'Z' || state == 'X' || state == 'x') continue;
    if (keep(pid, pgrp)) found.push_back(pid);
  }
  ::closedir(dir);
  return found;
}

std::string pid_list(const std::vector<pid_t>& pids) {
  std::string s;
  for (pid_t p : pids) s += (s.empty() ? "" : " ") + std::to_string(p);
  return s;
}

}  // namespace

std::optional<std::string> find_executable(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (is_executable_file(name)) return name;
    return std::nullopt;
  }
  std::string path;
  if (const char* env = std::getenv("PATH")) path = env;
  path += ":/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin";
  std::istringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

std::optional<std::string> script_interpreter(const std::string& script) {
  std::ifstream in(script);
  std::string line;
  if (!in || !std::getline(in, line) || line.rfind("#!", 0) != 0) return std::nullopt;
  std::istringstream words(line.substr(2));
  std::string first, second;
  words >> first >> second;
  if (std::filesystem::path(first).filename() == "env" && !second.empty()) return find_executable(second);
  return find_executable(first);
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = ::strsignal(sig);
    return "signal " + std::to_string(sig) + " (" + (name ? name : "?") + ")";
  }
  return "status " + std::to_string(status);
}

kith::Result<ProcessResult> run_process(const std::vector<std::string>& argv, milliseconds timeout) {
  if (argv.empty()) return kith::Status::internal("run_process: empty argv");
  auto exe = find_executable(argv[0]);
  if (!exe) return kith::Status::internal("run_process: executable not found: " + argv[0]);
  Fd out_read, out_write, err_read, err_write;
  if (auto st = make_pipe(out_read, out_write); !st) return st;
  if (auto st = make_pipe(err_read, err_write); !st) return st;

  SpawnRequest req;
  req.argv = argv;
  req.argv[0] = *exe;
  req.stdout_fd = out_write.get();
  req.stderr_fd = err_write.get();
  req.die_with_parent = true;
  auto spawned = spawn_raw(req);
  if (!spawned) return spawned.status();
  const pid_t pid = *spawned;
  out_write.reset();
  err_write.reset();

  ProcessResult result;
  const auto deadline = Clock::now() + timeout;
  std::optional<Clock::time_point> exited_at;
  char buf[65536];
  while (out_read.get() >= 0 || err_read.get() >= 0) {
    auto now = Clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      break;
    }
    if (!exited_at && has_exited(pid)) exited_at = now;
    // A grandchild may hold the pipes open after the child exits: give up on them.
    if (exited_at && now - *exited_at > std::chrono::seconds(2)) break;
    pollfd fds[2];
    nfds_t n = 0;
    Fd* owners[2];
    for (Fd* f : {&out_read, &err_read}) {
      if (f->get() < 0) continue;
      fds[n] = pollfd{f->get(), POLLIN, 0};
      owners[n] = f;
      ++n;
    }
    int rc = ::poll(fds, n, 50);
    if (rc < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < n && rc > 0; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        (owners[i] == &out_read ? result.out : result.err).append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
        owners[i]->reset();
      }
    }
  }
  if (result.timed_out) {
    ::killpg(pid, SIGKILL);  // pid is not reaped yet, so the group id is still ours
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid, &status, 0);
  } while (rc < 0 && errno == EINTR);
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
  return result;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), wait_status_(other.wait_status_) {
  other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    (void)stop();
    pid_ = other.pid_;
    wait_status_ = other.wait_status_;
    other.pid_ = -1;
  }
  return *this;
}

ChildProcess::~ChildProcess() { (void)stop(); }

kith::Result<ChildProcess> ChildProcess::spawn(const std::vector<std::string>& argv,
                                               const std::string& output_path) {
  if (argv.empty()) return kith::Status::internal("spawn: empty argv");
  auto exe = find_executable(argv[0]);
  if (!exe) return kith::Status::internal("spawn: executable not found: " + argv[0]);
  Fd out(::open(output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (out.get() < 0) return kith::Status::internal("open " + output_path + ": " + errno_text(errno));
  SpawnRequest req;
  req.argv = argv;
  req.argv[0] = *exe;
  req.stdout_fd = out.get();
  req.stderr_fd = out.get();
  req.die_with_parent = true;
  auto pid = spawn_raw(req);
  if (!pid) return pid.status();
  ChildProcess child;
  child.pid_ = *pid;
  return child;
}

bool ChildProcess::running() const { return pid_ > 0 && !has_exited(pid_); }

kith::Status ChildProcess::stop(milliseconds grace) {
  if (pid_ <= 0) return {};
  if (!has_exited(pid_)) {
    // SIGTERM to the whole group, repeated: a Dovecot master waits up to 5 s
    // for children that did not get it (e.g. one it forked a moment later).
    const auto deadline = Clock::now() + grace;
    bool exited = false;
    while (!(exited = has_exited(pid_)) && Clock::now() < deadline) {
      ::killpg(pid_, SIGTERM);
      ::kill(pid_, SIGTERM);
      wait_exited(pid_, std::min<milliseconds>(milliseconds(100), grace));
    }
    if (!exited) {
      ::killpg(pid_, SIGKILL);
      ::kill(pid_, SIGKILL);
      if (!wait_exited(pid_, std::chrono::seconds(10))) {
        return kith::Status::internal("process " + std::to_string(pid_) + " survived SIGKILL");
      }
    }
  }
  return finish(std::chrono::seconds(3));
}

kith::Status ChildProcess::kill_hard() {
  if (pid_ <= 0) return {};
  ::killpg(pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  if (!wait_exited(pid_, std::chrono::seconds(10))) {
    return kith::Status::internal("process " + std::to_string(pid_) + " survived SIGKILL");
  }
  return finish(milliseconds(0));
}

// The leader has exited but is not reaped, so its PID (the group id) cannot be
// reused yet: killpg() can only hit what it started.
kith::Status ChildProcess::finish(milliseconds group_grace) {
  const pid_t pgid = pid_;
  auto deadline = Clock::now() + group_grace;
  while (!live_processes_in_group(pgid).empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  std::vector<pid_t> left;
  deadline = Clock::now() + std::chrono::seconds(5);
  while (!(left = live_processes_in_group(pgid)).empty() && Clock::now() < deadline) {
    ::killpg(pgid, SIGKILL);
    std::this_thread::sleep_for(milliseconds(10));
  }
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, 0);
  } while (rc < 0 && errno == EINTR);
  if (rc == pid_) wait_status_ = status;
  pid_ = -1;
  if (!left.empty()) {
    return kith::Status::internal("processes of group " + std::to_string(pgid) +
                                  " survived SIGKILL: " + pid_list(left));
  }
  return {};
}

std::vector<pid_t> live_processes_in_group(pid_t pgid) {
  if (pgid <= 0) return {};
  return scan_proc([pgid](pid_t, pid_t pgrp) { return pgrp == pgid; });
}

std::vector<pid_t> live_processes_matching(const std::string& needle) {
  const pid_t self = ::getpid();
  return scan_proc([&](pid_t pid, pid_t) {
    if (pid == self) return false;
    std::string cmd = read_proc_file("/proc/" + std::to_string(pid) + "/cmdline");
    for (char& c : cmd) {
      if (c == '\0') c = ' ';
    }
    return cmd.find(needle) != std::string::npos;
  });
}

}  // namespace kith::testing

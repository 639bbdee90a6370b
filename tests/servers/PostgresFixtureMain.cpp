// kith_test_postgres_fixture start|stop FILE — one PostgreSQL server for a
// whole ctest run (the fixture postgres_server in tests/CMakeLists.txt).
//
// Starting a server costs initdb (seconds on a loaded 2-core machine), and
// ctest runs every test in a process of its own: a server per process made
// each PostgreSQL test pay it, twice per CI run. Instead:
//
//   start: forks a keeper, which leaves the session, starts a server with the
//          harness (PostgresServer::start), writes its description to FILE
//          (PostgresServer::write_description) and waits for SIGTERM; the
//          parent exits 0 once FILE is written, or 1 with the harness's error.
//   stop:  SIGTERM to the keeper named in FILE, which stops the server by PID
//          and removes its directory; waits for it to go.
//
// The keeper dies with a bounded life (kMaxLife) should no stop ever come (a
// run interrupted before its cleanup), and its postmaster with it
// (PDEATHSIG, set by the harness). Tests attach with shared_postgres().
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>

#include "servers/PostgresServer.h"

namespace {

constexpr std::chrono::hours kMaxLife{6};

bool is_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return errno == EPERM;
  // A zombie is gone for our purpose (its parent may not have reaped it yet).
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "re");
  if (!f) return false;
  char state = 0;
  const int read = std::fscanf(f, "%*d %*s %c", &state);
  std::fclose(f);
  return read == 1 && state != 'Z' && state != 'X';
}

pid_t keeper_of(const std::string& file) {
  std::FILE* f = std::fopen(file.c_str(), "re");
  if (!f) return -1;
  long pid = -1;
  if (std::fscanf(f, "%ld", &pid) != 1) pid = -1;
  std::fclose(f);
  return static_cast<pid_t>(pid);
}

// SIGTERM to the keeper, then up to 30 s for it (it stops the server within
// the harness's stop_timeout); SIGKILL after that, and the postmaster gets
// its parent-death SIGINT.
int stop(const std::string& file) {
  const pid_t keeper = keeper_of(file);
  if (keeper <= 0) return 0;  // never started, or already stopped
  ::kill(keeper, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (is_alive(keeper) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (is_alive(keeper)) {
    std::fprintf(stderr, "the PostgreSQL fixture's keeper (pid %d) did not stop within 30 s; killed\n", keeper);
    ::kill(keeper, SIGKILL);
    std::remove(file.c_str());
    return 1;
  }
  std::remove(file.c_str());
  return 0;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void keep(const std::string& file, int report) {
  ::setsid();
  // ctest waits for the test's output to close: nothing of ctest's may stay
  // open here. The server's own log is in its directory.
  const int null = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null, fd);
  for (int fd = 3; fd < 1024; ++fd)
    if (fd != report) ::close(fd);
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGHUP);
  ::sigprocmask(SIG_BLOCK, &wanted, nullptr);

  auto server = kith::testing::PostgresServer::start();
  if (!server) {
    write_all(report, server.status().message() + "\n");
    ::_exit(1);
  }
  if (auto st = (*server)->write_description(file, ::getpid()); !st) {
    write_all(report, st.message() + "\n");
    (*server).reset();
    ::_exit(1);
  }
  write_all(report, "ok\n");
  ::close(report);
  const timespec life{static_cast<time_t>(std::chrono::seconds(kMaxLife).count()), 0};
  static_cast<void>(::sigtimedwait(&wanted, nullptr, &life));
  (*server).reset();  // stopped by PID, directory removed
  std::remove(file.c_str());
  ::_exit(0);
}

int start(const std::string& file) {
  // A keeper left by an interrupted run that used this file goes first.
  if (stop(file) != 0) return 1;
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    std::perror("pipe");
    return 1;
  }
  const pid_t child = ::fork();
  if (child < 0) {
    std::perror("fork");
    return 1;
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    keep(file, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  std::string report;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    report.append(buf, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (report == "ok\n") {
    std::printf("PostgreSQL for this run: %s (keeper pid %d)\n", file.c_str(), child);
    return 0;
  }
  std::fprintf(stderr, "the run's PostgreSQL server did not start: %s",
               report.empty() ? "its keeper died\n" : report.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "start") != 0 && std::strcmp(argv[1], "stop") != 0)) {
    std::fprintf(stderr, "usage: %s start|stop FILE\n", argv[0]);
    return 2;
  }
  return std::strcmp(argv[1], "start") == 0 ? start(argv[2]) : stop(argv[2]);
}

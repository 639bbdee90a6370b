// Child processes for test servers: spawn, run to completion, stop by PID.
//
// Everything here reports failures as kith::Status values and never throws,
// so a broken environment turns into a readable test failure.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kith/Status.h"

namespace kith::testing {

// Absolute path of an executable. Names containing '/' are checked as given;
// other names are looked up in $PATH, then in /usr/local/sbin, /usr/sbin and
// /sbin (which an ordinary user's PATH often lacks: dovecot lives there).
std::optional<std::string> find_executable(const std::string& name);

// The interpreter a script runs on: the program of its "#!" line
// ("/usr/bin/python3"), or for "#!/usr/bin/env python3" the named program as
// find_executable() finds it. Lets a harness run helper code on the same
// Python a packaged server is installed for, not the first python3 in PATH.
std::optional<std::string> script_interpreter(const std::string& script);

struct ProcessResult {
  int exit_code = -1;    // exit status, or -1 when killed by a signal
  int term_signal = 0;   // the signal that ended it, 0 if it exited
  bool timed_out = false;
  std::string out;       // everything written to stdout
  std::string err;       // everything written to stderr
  bool ok() const { return exit_code == 0; }
};

// Runs argv to completion: stdin is /dev/null, stdout and stderr are captured.
// argv[0] is resolved with find_executable(). The child gets its own process
// group, which is SIGKILLed when `timeout` passes. The error is only for
// "could not run at all"; a non-zero exit is reported in the ProcessResult.
kith::Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                        std::chrono::milliseconds timeout = std::chrono::minutes(5));

// A long-running child (a server) that this process owns by PID.
//
// - It runs in a new process group whose id is its PID, so whatever it forks
//   can be found (live_processes_in_group) and killed together.
// - It gets PR_SET_PDEATHSIG=SIGTERM: if the test process dies, so does the
//   server (it then stops its own children).
// - stdin is /dev/null; stdout and stderr are appended to `output_path`.
// The destructor calls stop().
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  static kith::Result<ChildProcess> spawn(const std::vector<std::string>& argv,
                                          const std::string& output_path);

  // PID of the child (== its process group id), -1 once reaped or never started.
  pid_t pid() const { return pid_; }
  // True while the child has not exited. Does not reap it.
  bool running() const;
  // The wait status once the child has exited and been reaped by stop()/kill_hard().
  std::optional<int> wait_status() const { return wait_status_; }

  // SIGTERM to the child's process group; after `grace`, SIGKILL to it. Then waits
  // (bounded) until no live process is left in the group, SIGKILLing
  // stragglers, and reaps the child. Safe to call repeatedly.
  kith::Status stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
  // SIGKILL to the whole group at once (a crash, as clients see it), then the
  // same sweep and reap as stop().
  kith::Status kill_hard();

 private:
  kith::Status finish(std::chrono::milliseconds group_grace);
  pid_t pid_ = -1;
  std::optional<int> wait_status_;
};

// Live (not zombie) processes whose process group is `pgid`.
std::vector<pid_t> live_processes_in_group(pid_t pgid);
// Live (not zombie) processes whose command line contains `needle`,
// excluding the calling process.
std::vector<pid_t> live_processes_matching(const std::string& needle);

// "exit 3", "signal 9 (Killed)" — for messages.
std::string describe_wait_status(int status);

}  // namespace kith::testing

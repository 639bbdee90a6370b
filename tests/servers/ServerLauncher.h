// Starting a test server as a child process: fresh ports on 127.0.0.1, a
// bounded wait until it answers, and a retry when another process took a
// port between picking it and the server binding it.
//
// What differs per server (config, command line, how "ready" looks) comes in
// as a ServerLaunch; the sequence and the error messages are the same for all.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "kith/Status.h"
#include "servers/TestProcess.h"

namespace kith::testing {

// One look at a running server: true once it is ready; otherwise it sets
// `last_error` to why not, which ends up in the timeout message.
using ReadinessProbe = std::function<bool(std::string& last_error)>;

struct ServerLaunch {
  std::string name;     // "Dovecot", as in "Dovecot did not start: …"
  std::string program;  // "dovecot", as in "starting dovecot", "dovecot exited (exit 89)"
  std::size_t port_count = 1;
  // Gets fresh ports before each attempt that picks them (see launch_server).
  std::function<void(const std::vector<int>& ports)> use_ports;
  // Called once the ports are set: writes whatever depends on them and
  // returns the argv to spawn (ChildProcess::spawn resolves argv[0]).
  std::function<kith::Result<std::vector<std::string>>()> command;
  std::string output_path;  // the child's stdout and stderr
  std::chrono::milliseconds startup_timeout{0};
  std::string awaited;  // "greeting", as in "no greeting within 10000 ms (…)"
  // A probe for the process just spawned: its port and PID are known then.
  std::function<ReadinessProbe()> make_probe;
  // The server's log: searched for "address already in use" and quoted in errors.
  std::function<std::string(std::size_t lines)> log_tail;
  std::string log_location;  // as in "--- log tail (<log_location>) ---"
};

// Spawns the server into `process` and waits until its probe says ready
// (polling every 20 ms; the process exiting ends the wait early).
// With `pick_ports`, each attempt gets new ports, and an attempt that lost
// the race for a port ("address already in use" in the log, or "another
// server" in the probe's answer) is retried, up to 5 attempts. Without it
// (a restart on the ports it had) there is one attempt. A process that did
// not become ready is SIGKILLed; the error carries the log's last 30 lines.
kith::Status launch_server(ChildProcess& process, const ServerLaunch& launch, bool pick_ports);

// A ServerLaunch for an HTTP server on one port (set into `port`) that logs
// to its stdout and stderr (`log_path`) and is ready once OPTIONS / answers
// 200 from a socket of its own process group (a server that took the port
// first answers as well, and must not count). `port` and `process` are read
// when the launch runs, so they must outlive it; the caller adds `command`.
ServerLaunch http_server_launch(const std::string& name, const std::string& program, int& port,
                                const ChildProcess& process, const std::string& log_path,
                                std::chrono::milliseconds startup_timeout);

}  // namespace kith::testing

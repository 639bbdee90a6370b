#include "servers/ServerLauncher.h"

#include <thread>
#include <utility>

#include "servers/CalDavTestClient.h"
#include "servers/FreePort.h"
#include "servers/ServerDirectory.h"

namespace kith::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kStartAttempts = 5;

// Spelled with and without a capital, depending on the server.
bool says_address_in_use(const std::string& log) {
  return log.find("Address already in use") != std::string::npos ||
         log.find("address already in use") != std::string::npos;
}

kith::Status wait_until_ready(ChildProcess& process, const ServerLaunch& launch, const ReadinessProbe& probe) {
  const auto deadline = Clock::now() + launch.startup_timeout;
  std::string last_error = "no answer";
  while (Clock::now() < deadline) {
    if (!process.running()) {
      (void)process.stop();
      auto status = process.wait_status();
      return kith::Status::internal(launch.program + " exited (" +
                                    (status ? describe_wait_status(*status) : std::string("?")) + ")");
    }
    if (probe(last_error)) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return kith::Status::internal("no " + launch.awaited + " within " + std::to_string(launch.startup_timeout.count()) +
                                " ms (" + last_error + ")");
}

ReadinessProbe http_options_probe(int port, pid_t pgid) {
  CalDavTestClient client;
  client.set_timeout(std::chrono::seconds(2));
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  return [client, url, port, pgid](std::string& last_error) {
    if (!can_connect_loopback(port, std::chrono::milliseconds(200))) return false;
    auto answer = client.options(url);
    const bool ours = loopback_port_owned_by_group(port, pgid);
    if (answer && answer->status == 200 && ours) return true;
    if (answer && !ours) {
      last_error = "another server answered on port " + std::to_string(port);
    } else if (answer) {
      last_error = "OPTIONS / answered " + answer->describe();
    } else {
      last_error = answer.status().message();
    }
    return false;
  };
}

}  // namespace

kith::Status launch_server(ChildProcess& process, const ServerLaunch& launch, bool pick_ports) {
  std::string failure;
  for (int attempt = 1; attempt <= (pick_ports ? kStartAttempts : 1); ++attempt) {
    if (pick_ports) {
      auto ports = free_loopback_ports(launch.port_count);
      if (!ports) return ports.status();
      launch.use_ports(*ports);
    }
    auto argv = launch.command();
    if (!argv) return argv.status();
    auto child = ChildProcess::spawn(*argv, launch.output_path);
    if (!child) return child.status().with_context("starting " + launch.program);
    process = std::move(*child);
    auto ready = wait_until_ready(process, launch, launch.make_probe());
    if (ready) return {};
    failure = ready.message();
    (void)process.kill_hard();
    const bool lost_port_race =
        says_address_in_use(launch.log_tail(30)) || failure.find("another server") != std::string::npos;
    if (pick_ports && lost_port_race) continue;  // new ports, new try
    break;
  }
  return kith::Status::internal(launch.name + " did not start: " + failure + "\n--- log tail (" + launch.log_location +
                                ") ---\n" + launch.log_tail(30));
}

ServerLaunch http_server_launch(const std::string& name, const std::string& program, int& port,
                                const ChildProcess& process, const std::string& log_path,
                                std::chrono::milliseconds startup_timeout) {
  ServerLaunch launch;
  launch.name = name;
  launch.program = program;
  launch.use_ports = [&port](const std::vector<int>& ports) { port = ports[0]; };
  launch.output_path = log_path;
  launch.startup_timeout = startup_timeout;
  launch.awaited = "answer";
  launch.make_probe = [&port, &process] { return http_options_probe(port, process.pid()); };
  launch.log_tail = [log_path](std::size_t lines) { return read_tail(log_path, lines); };
  launch.log_location = log_path;
  return launch;
}

}  // namespace kith::testing

// The web dashboard kithd serves (README, "Dashboard"): five pages and the
// JSON they are made from, behind a token, on loopback unless the user
// allows more. Built on cpp-httplib (README's dependency table says why).
//
// Every page runs `kith … --json` (KithRunner.h) and draws what it
// printed; every change (snooze, done, tag, cadence, merge, met-at) runs
// the `kith` command that makes it. The dashboard holds no rule of its own.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dashboard/KithRunner.h"
#include "kith/Status.h"
#include "kith/Host.h"
#include "kith/Items.h"

namespace kith::engine {

struct DashboardSettings {
  std::string listen;         // "host:port" (port 0: any free port)
  bool allow_remote = false;  // [dashboard] allow_remote
  std::string token;          // DashboardFiles.h
  KithRunnerSettings kith;  // with --as-of among its global arguments when as_of is set
  std::optional<UnixSeconds> as_of;  // the pages' moment; unset: the clock
  // What this kithd is doing now, for the status page.
  std::function<nlohmann::json()> daemon_now;
  std::size_t threads = 4;                 // requests served at once
  std::size_t max_waiting_requests = 64;   // accepted, waiting for a thread (BoundedWorkQueue.h)
  std::size_t max_request_bytes = 65536;   // a form is small
};

// A host and port as written in [dashboard] listen / kithd --http.
struct ListenAddress {
  std::string host;  // as to bind: "127.0.0.1", "::1", ...
  int port = 0;
  bool loopback = false;
};
[[nodiscard]] Result<ListenAddress> parse_listen_address(const std::string& text);

class DashboardServer {
 public:
  // Binds and serves on a thread of its own; an error names the address.
  [[nodiscard]] static Result<std::unique_ptr<DashboardServer>> start(DashboardSettings settings, Logger& log);
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // The link to open, with the token: http://127.0.0.1:8417/?token=…
  std::string link() const;
  int port() const;

 private:
  struct Impl;
  explicit DashboardServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kith::engine

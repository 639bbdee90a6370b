// What Radicale and Xandikos logged of the requests they answered, for
// tests of which requests a sync sends (the server's own word, not ours).
//
//   const auto before = std::filesystem::file_size(server->log_path());
//   ... kith sync ...
//   ASSERT_TRUE(settle_log(server->base_url(), server->log_path()));
//   for (const LoggedRequest& r : logged_requests(server->log_path(), before)) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kith::testing {

// One request as a server logged it.
struct LoggedRequest {
  std::string method, path;
  int status = 0;
  bool operator==(const std::pair<std::string, std::string>& method_path) const {
    return method == method_path.first && path == method_path.second;
  }
};

// Returns once the server at `base_url` has logged every request answered so
// far. Xandikos (aiohttp) writes its access log after the answer is sent, so
// a client can be done before its last request is in the log: a request of
// our own is logged after it, and is waited for: false when it never shows
// (in 10 s).
[[nodiscard]] bool settle_log(const std::string& base_url, const std::string& log);

// The requests in a server log from byte `from` on, but settle_log's own.
// Reads Radicale's "PROPFIND response status for '/alex/' ... seconds: 207
// Multi-Status" and Xandikos' (aiohttp) "\"PROPFIND /user/calendars/
// HTTP/1.1\" 207" lines.
std::vector<LoggedRequest> logged_requests(const std::string& log, std::uintmax_t from);

// How many `method` requests to `path` the server at `base_url` answered,
// other than with 401 (a client's probe before it sends credentials),
// while `run` ran; nullopt when its log did not settle (settle_log).
std::optional<std::size_t> answered_while(const std::string& base_url, const std::string& log, const std::string& method,
                                          const std::string& path, const std::function<void()>& run);

}  // namespace kith::testing

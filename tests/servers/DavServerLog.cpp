#include "servers/DavServerLog.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "servers/CalDavTestClient.h"

namespace kith::testing {

bool settle_log(const std::string& base_url, const std::string& log) {
  static int sentinels = 0;
  const std::string path = "kith-log-sentinel-" + std::to_string(++sentinels);
  (void)CalDavTestClient().get(base_url + path);  // any answer will do (401, 404)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find(path) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::vector<LoggedRequest> logged_requests(const std::string& log, std::uintmax_t from) {
  std::ifstream in(log);
  in.seekg(static_cast<std::streamoff>(from));
  std::vector<LoggedRequest> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("kith-log-sentinel") != std::string::npos) continue;
    if (auto at = line.find(" response status for '"); at != std::string::npos) {
      const auto start = line.rfind(' ', at - 1) + 1;
      const auto path_start = at + 22;
      const auto seconds = line.find(" seconds: ", path_start);
      out.push_back({line.substr(start, at - start), line.substr(path_start, line.find('\'', path_start) - path_start),
                     seconds == std::string::npos ? 0 : std::atoi(line.c_str() + seconds + 10)});
    } else if (auto q = line.find(" HTTP/1.1\""); q != std::string::npos) {
      const auto open = line.rfind('"', q);
      const auto space = line.find(' ', open);
      if (open == std::string::npos || space == std::string::npos || space > q) continue;
      out.push_back({line.substr(open + 1, space - open - 1), line.substr(space + 1, q - space - 1),
                     std::atoi(line.c_str() + q + 11)});
    }
  }
  return out;
}

std::optional<std::size_t> answered_while(const std::string& base_url, const std::string& log, const std::string& method,
                                          const std::string& path, const std::function<void()>& run) {
  if (!settle_log(base_url, log)) return std::nullopt;
  const auto before = std::filesystem::file_size(log);
  run();
  if (!settle_log(base_url, log)) return std::nullopt;
  const auto requests = logged_requests(log, before);
  return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(), [&](const LoggedRequest& r) {
    return r.method == method && r.path == path && r.status != 401;
  }));
}

}  // namespace kith::testing

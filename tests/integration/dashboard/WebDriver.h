// A small W3C WebDriver client for the dashboard's browser tests: Debian's
// chromium, headless, driven by Debian's chromedriver, both started and
// stopped by the test on loopback. Every call is bounded in time.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "servers/TestProcess.h"

namespace kith::test::browser {

using nlohmann::json;

// One HTTP request to a loopback server, as the tests need it: the status,
// the headers (lower-case names) and the body.
struct HttpAnswer {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(const std::string& name) const;
};
HttpAnswer http(const std::string& method, const std::string& url, const std::vector<std::string>& headers = {},
                const std::string& body = {});

class Browser {
 public:
  // Starts chromedriver and a headless Chromium whose every request to a
  // host other than loopback goes to `proxy_port` (a refusing sink), so a test
  // can prove the pages make none. Error text when either is missing.
  static kith::Result<std::unique_ptr<Browser>> start(const std::filesystem::path& dir, int proxy_port);
  ~Browser();

  kith::Status go(const std::string& url);
  std::string url();
  // Waits (up to 20 s) until the page is `url` and loaded: a click on a
  // form's button returns before the browser has followed the answer.
  bool wait_for(const std::string& url);
  // Runs `script` in the page (ChromeDriver runs it outside the page's
  // CSP) and returns its value.
  json script(const std::string& script);
  // Clicks the first element `css` matches; false when none does.
  bool click(const std::string& css);
  // The URL of every request the pages have made since the last call
  // (ChromeDriver's performance log: Network.requestWillBeSent).
  std::vector<std::string> page_requests();
  // Emulates the system's colour scheme ("dark" or "light") through the
  // DevTools protocol, as a phone or desktop set to dark mode would ask.
  bool prefer_color_scheme(const std::string& scheme);
  // The window's size in CSS pixels.
  bool resize(int width, int height);
  // The page as PNG, written to `path`.
  kith::Status screenshot(const std::filesystem::path& path);

 private:
  json call(const std::string& method, const std::string& path, const json& body = nullptr);
  kith::testing::ChildProcess driver_;
  std::string base_;
  std::string session_;
};

}  // namespace kith::test::browser

#include "WebDriver.h"

#include <curl/curl.h>

#include <boost/archive/iterators/binary_from_base64.hpp>
#include <boost/archive/iterators/transform_width.hpp>
#include <fstream>
#include <thread>

#include "servers/FreePort.h"

namespace kith::test::browser {

namespace {

std::size_t append(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t header_line(char* data, std::size_t size, std::size_t n, void* out) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::vector<std::pair<std::string, std::string>>*>(out)->emplace_back(name, value);
  }
  return size * n;
}

// Base64 as WebDriver sends screenshots.
std::string from_base64(std::string text) {
  using namespace boost::archive::iterators;
  using Decode = transform_width<binary_from_base64<std::string::const_iterator>, 8, 6>;
  while (!text.empty() && text.back() == '=') text.pop_back();
  std::string out(Decode(text.cbegin()), Decode(text.cend()));
  return out;
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return {};
}

HttpAnswer http(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                const std::string& body) {
  HttpAnswer answer;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, header_line);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return answer;
}

kith::Result<std::unique_ptr<Browser>> Browser::start(const std::filesystem::path& dir, int proxy_port) {
  auto driver_path = kith::testing::find_executable("chromedriver");
  if (!driver_path) return kith::Status::internal("chromedriver is not installed (tests/install-deps.sh installs it)");
  std::string chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) return kith::Status::internal("chromium is not installed");
  auto ports = kith::testing::free_loopback_ports(1);
  if (!ports) return ports.status();
  auto browser = std::unique_ptr<Browser>(new Browser());
  const int port = (*ports)[0];
  auto driver = kith::testing::ChildProcess::spawn({*driver_path, "--port=" + std::to_string(port)},
                                                   (dir / "chromedriver.log").string());
  if (!driver) return driver.status();
  browser->driver_ = std::move(*driver);
  browser->base_ = "http://127.0.0.1:" + std::to_string(port);
  for (int i = 0; i < 200 && http("GET", browser->base_ + "/status").status != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const json args = json::array({"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--window-size=1100,1400", "--user-data-dir=" + (dir / "chromium-profile").string(),
                                 "--proxy-server=http://127.0.0.1:" + std::to_string(proxy_port),
                                 "--disable-background-networking", "--disable-component-update",
                                 "--disable-default-apps", "--disable-sync", "--no-first-run",
                                 "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                                 "--no-default-browser-check", "--metrics-recording-only",
                                 "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                                 "--force-color-profile=srgb", "--hide-scrollbars"});
  const json capabilities = {
      {"capabilities",
       {{"alwaysMatch",
         {{"browserName", "chrome"},
          {"goog:loggingPrefs", {{"performance", "ALL"}}},
          {"goog:chromeOptions", {{"binary", chromium}, {"args", args}}}}}}}};
  const json answer = browser->call("POST", "/session", capabilities);
  if (!answer.contains("value") || !answer["value"].contains("sessionId"))
    return kith::Status::internal("chromedriver started no browser: " + answer.dump().substr(0, 400));
  browser->session_ = answer["value"]["sessionId"].get<std::string>();
  return browser;
}

Browser::~Browser() {
  if (!session_.empty()) (void)call("DELETE", "/session/" + session_);
  (void)driver_.stop();
}

json Browser::call(const std::string& method, const std::string& path, const json& body) {
  const auto answer = http(method, base_ + path, {"Content-Type: application/json"},
                           body.is_null() ? std::string(method == "POST" ? "{}" : "") : body.dump());
  return json::parse(answer.body, nullptr, false);
}

kith::Status Browser::go(const std::string& url) {
  const json answer = call("POST", "/session/" + session_ + "/url", {{"url", url}});
  if (!answer.is_object() || !answer.contains("value") || !answer["value"].is_null())
    return kith::Status::internal("navigation to " + url + " failed: " + answer.dump().substr(0, 300));
  return kith::Status::ok();
}

std::string Browser::url() {
  const json answer = call("GET", "/session/" + session_ + "/url");
  return answer.value("value", std::string());
}

bool Browser::wait_for(const std::string& wanted) {
  for (int i = 0; i < 400; ++i) {
    if (url() == wanted && script("return document.readyState;") == "complete") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

json Browser::script(const std::string& text) {
  const json answer = call("POST", "/session/" + session_ + "/execute/sync", {{"script", text}, {"args", json::array()}});
  return answer.is_object() ? answer.value("value", json()) : json();
}

bool Browser::click(const std::string& css) {
  const json found =
      call("POST", "/session/" + session_ + "/element", {{"using", "css selector"}, {"value", css}});
  if (!found.is_object() || !found.contains("value") || !found["value"].is_object() || found["value"].empty())
    return false;
  const std::string element = found["value"].begin().value().get<std::string>();
  const json clicked = call("POST", "/session/" + session_ + "/element/" + element + "/click");
  return clicked.is_object() && clicked.contains("value") && clicked["value"].is_null();
}

std::vector<std::string> Browser::page_requests() {
  std::vector<std::string> out;
  const json answer = call("POST", "/session/" + session_ + "/se/log", {{"type", "performance"}});
  if (!answer.is_object() || !answer["value"].is_array()) {
    out.push_back("(no performance log: " + answer.dump().substr(0, 200) + ")");
    return out;
  }
  for (const auto& entry : answer["value"]) {
    const json message = json::parse(entry.value("message", std::string("{}")), nullptr, false);
    if (!message.is_object() || !message.contains("message")) continue;
    const json& m = message["message"];
    if (m.value("method", std::string()) != "Network.requestWillBeSent") continue;
    out.push_back(m["params"]["request"].value("url", std::string()));
  }
  return out;
}

bool Browser::prefer_color_scheme(const std::string& scheme) {
  const json answer = call("POST", "/session/" + session_ + "/goog/cdp/execute",
                           {{"cmd", "Emulation.setEmulatedMedia"},
                            {"params", {{"features", json::array({{{"name", "prefers-color-scheme"}, {"value", scheme}}})}}}});
  return answer.is_object() && answer.contains("value") && !answer["value"].contains("error");
}

bool Browser::resize(int width, int height) {
  const json answer = call("POST", "/session/" + session_ + "/window/rect", {{"width", width}, {"height", height}});
  return answer.is_object() && answer.contains("value") && answer["value"].is_object();
}

kith::Status Browser::screenshot(const std::filesystem::path& path) {
  const json answer = call("GET", "/session/" + session_ + "/screenshot");
  if (!answer.is_object() || !answer["value"].is_string()) return kith::Status::internal("no screenshot");
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << from_base64(answer["value"].get<std::string>());
  return kith::Status::ok();
}

}  // namespace kith::test::browser

#include "servers/CurlImap.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace kith::testing {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

kith::Result<std::string> curl_imap(const CurlImapRequest& request) {
  global_init();
  // Declared before the handle: curl may write into it until cleanup.
  char error[CURL_ERROR_SIZE] = {0};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return kith::Status::internal("curl_easy_init failed");
  CURL* h = curl.get();
  std::string body;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_USERNAME, request.user.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, request.password.c_str());
  if (!request.custom_request.empty()) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.custom_request.c_str());
  if (!request.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, request.verify_peer ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, request.verify_peer ? 2L : 0L);
  if (request.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  // Test servers listen on 127.0.0.1 only: "localhost" must not go to ::1.
  curl_easy_setopt(h, CURLOPT_IPRESOLVE, static_cast<long>(CURL_IPRESOLVE_V4));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    std::string msg = curl_easy_strerror(rc);
    if (error[0] != '\0') msg += std::string(": ") + error;
    if (rc == CURLE_LOGIN_DENIED) return kith::Status::account(msg);
    return kith::Status::transient(msg);
  }
  return body;
}

}  // namespace kith::testing

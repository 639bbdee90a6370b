// The DAV providers' HTTP(S): one libcurl handle per account pass, so
// every request reuses the same connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kith/Host.h"
#include "kith/Status.h"

namespace kith::dav {

struct HttpOptions {
  std::string service = "DAV";  // what the server is, for messages: "CalDAV server host refused..."
  // The account's url and trusted_hosts: where credentials may go (see
  // CredentialScope). A request elsewhere is refused before it is sent.
  std::string account_url;
  std::vector<std::string> trusted_hosts;
  std::string username;
  std::optional<std::string> password;      // Basic auth
  std::optional<std::string> bearer_token;  // OAuth2, instead of a password
  bool verify_tls = true;
  std::optional<std::string> ca_file;
  std::chrono::milliseconds timeout{120000};        // one whole request
  std::chrono::milliseconds connect_timeout{30000};
  std::size_t max_response_bytes = 64 * 1024 * 1024;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string location;   // Location header of a redirect, resolved to an absolute URL
  std::string effective_url;  // the URL that answered, after any redirects
  std::string etag;           // the ETag header as sent (quotes, W/ kept); "" when absent
};

struct HttpRequest {
  std::string method;  // GET, PROPFIND, REPORT, ...
  std::string url;
  std::string body;
  std::optional<std::string> depth;  // "0", "1", "infinity"
  bool xml_body = true;              // Content-Type: application/xml; charset=utf-8
  // Follow 301, 302, 303, 307 and 308 (at most 5), sending the same
  // method, headers and body to each Location: a PROPFIND resent without
  // its body would ask for all properties instead of the ones it needs.
  // Credentials go along only where their scope allows (CredentialScope).
  bool follow_redirects = false;
  // Further header lines ("If-Match: \"abc\""), sent to every hop. The
  // caller makes sure they hold no line breaks.
  std::vector<std::string> headers;
  // A redirect is followed only inside the credential scope; one elsewhere
  // ends the request with an Account error naming where it pointed. For
  // writes: what the user wrote goes nowhere the credentials would not.
  bool redirects_stay_in_scope = false;
};

class HttpClient {
 public:
  HttpClient(HttpOptions options, const Cancellation& cancellation);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Performs the request. Any HTTP status is a response (the caller knows
  // what a 404 or 409 means for its request); transport trouble is an
  // error: Account for an untrusted certificate, Cancelled when asked to
  // stop, Transient otherwise. Errors never contain credentials. A request
  // to a URL outside the account's credential scope is not sent: an Account
  // error names the URL's origin and the trusted_hosts key.
  Result<HttpResponse> perform(const HttpRequest& request);

 private:
  // One request to `url`, with the account's credentials or without.
  Result<HttpResponse> perform_once(const HttpRequest& request, const std::string& url, bool credentials);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The host part of a URL, for messages.
std::string url_host(const std::string& url);

}  // namespace kith::dav

#include "dav/transport/HttpClient.h"

#include <curl/curl.h>

#include <mutex>
#include <string_view>

#include "common/CertificateProblem.h"
#include "dav/transport/CredentialScope.h"
#include "dav/xml/AsciiText.h"

namespace kith::dav {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Collector {
  std::string* body;
  std::size_t limit;
  bool overflow = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* c = static_cast<Collector*>(user);
  const std::size_t n = size * count;
  if (c->body->size() + n > c->limit) {
    c->overflow = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  c->body->append(data, n);
  return n;
}

// What the response headers of one perform said: which schemes the
// server's WWW-Authenticate headers offered (over every response curl
// read, the 401 of an auth round included), and the ETag of the last
// response.
struct HeaderFacts {
  bool basic = false;
  bool other = false;
  std::string etag;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* facts = static_cast<HeaderFacts*>(user);
  std::string_view line(data, size * count);
  constexpr std::string_view kAuthenticate = "www-authenticate:";
  constexpr std::string_view kEtag = "etag:";
  if (ascii::istarts_with(line, "HTTP/")) {
    facts->etag.clear();  // a new response: a 401 or 100 before it says nothing of this one
  } else if (ascii::istarts_with(line, kAuthenticate)) {
    const std::string_view scheme = ascii::trim(line.substr(kAuthenticate.size()));
    (ascii::istarts_with(scheme, "basic") ? facts->basic : facts->other) = true;
  } else if (ascii::istarts_with(line, kEtag)) {
    facts->etag = std::string(ascii::trim(line.substr(kEtag.size())));
  }
  return size * count;
}

// The statuses after which the same request goes to Location. 303 asks
// for a GET in HTTP, but a DAV server that sends it means "ask there".
bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

constexpr int kMaxRedirects = 5;

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const Cancellation*>(user)->requested() ? 1 : 0;
}

}  // namespace

std::string url_host(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  return authority;
}

struct HttpClient::Impl {
  explicit Impl(HttpOptions o) : options(std::move(o)), scope(options.account_url, options.trusted_hosts) {}
  HttpOptions options;
  CredentialScope scope;
  const Cancellation* cancellation;
  CURL* curl = nullptr;
  // With Basic and Digest both allowed, curl first sends every request
  // without credentials to learn the scheme: a 401 round trip per request.
  // Once the server has offered only Basic, send it up front.
  long password_auth = CURLAUTH_BASIC | CURLAUTH_DIGEST;
  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }
};

HttpClient::HttpClient(HttpOptions options, const Cancellation& cancellation)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  global_init_once();
  impl_->cancellation = &cancellation;
  impl_->curl = curl_easy_init();
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::perform(const HttpRequest& request) {
  const auto& o = impl_->options;
  const bool has_credentials = o.password.has_value() || o.bearer_token.has_value();
  // The URL a caller asks for is checked: a server-named href outside the
  // scope is refused with the reason.
  if (has_credentials) {
    if (auto refused = impl_->scope.refusal(request.url)) return Status::account(*refused);
  }
  std::string url = request.url;
  for (int hops = 0;; ++hops) {
    // A redirect keeps the credentials only inside their scope; elsewhere
    // the request goes without them, as curl would have sent it.
    const bool credentials = has_credentials && !impl_->scope.refusal(url);
    auto response = perform_once(request, url, credentials);
    if (!response || !request.follow_redirects || !is_redirect(response->status) || response->location.empty())
      return response;
    if (hops == kMaxRedirects)
      return Status::account(o.service + " server " + url_host(request.url) + " redirected more than " +
                             std::to_string(kMaxRedirects) + " times");
    // curl resolved Location against `url`; only http and https are followed.
    const std::string& next = response->location;
    if (next.rfind("https://", 0) != 0 && next.rfind("http://", 0) != 0)
      return Status::account(o.service + " server " + url_host(url) + " redirected to an unsupported URL");
    if (request.redirects_stay_in_scope) {
      if (auto refused = impl_->scope.refusal(next))
        return Status::account(o.service + " server " + url_host(url) + " redirected a " + request.method +
                               "; not followed: " + *refused);
    }
    url = next;
  }
}

Result<HttpResponse> HttpClient::perform_once(const HttpRequest& request, const std::string& url, bool credentials) {
  CURL* c = impl_->curl;
  if (!c) return Status::internal("curl_easy_init failed");
  const auto& o = impl_->options;
  // Reset per-request options but keep the connection cache.
  curl_easy_reset(c);
  // The options below point at locals of this call (error buffer, headers,
  // collector); clear them on every way out so the kept handle never holds a
  // dangling pointer curl could write through later (cleanup included).
  struct ResetOnExit {
    CURL* curl;
    ~ResetOnExit() { curl_easy_reset(curl); }
  } reset_on_exit{c};
  HttpResponse response;
  HeaderFacts facts;
  Collector collector{&response.body, o.max_response_bytes};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &collector);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<Cancellation*>(impl_->cancellation));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
  if (o.ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file->c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &facts);
  // Redirects are followed by perform(), not by curl: curl would drop the
  // body of a PROPFIND or REPORT on a 301, 302 or 303.
  if (credentials && o.bearer_token) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
    curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, o.bearer_token->c_str());
  } else if (credentials && o.password) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, impl_->password_auth);
    curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, o.password->c_str());
  }
  curl_slist* headers = nullptr;
  if (request.depth) headers = curl_slist_append(headers, ("Depth: " + *request.depth).c_str());
  if (!request.body.empty() || request.method == "PROPFIND" || request.method == "REPORT") {
    headers = curl_slist_append(headers, request.xml_body ? "Content-Type: application/xml; charset=utf-8"
                                                          : "Content-Type: text/calendar; charset=utf-8");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  for (const auto& line : request.headers) headers = curl_slist_append(headers, line.c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  const std::string host = url_host(url);
  if (rc != CURLE_OK) {
    if (rc == CURLE_ABORTED_BY_CALLBACK) return Status::cancelled();
    if (collector.overflow)
      return Status::collection("answer from " + host + " is larger than " + std::to_string(o.max_response_bytes) + " bytes");
    const std::string what = std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : "");
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CERTPROBLEM)
      return Status::account(net::certificate_problem(net::TlsFailure::Verification, error, host, o.ca_file));
    if (rc == CURLE_SSL_CACERT_BADFILE)
      return Status::account(net::certificate_problem(net::TlsFailure::CaFileUnreadable, error, host, o.ca_file));
    if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
      return Status::account("bad " + o.service + " url '" + url + "': " + what);
    return Status::transient(o.service + " server " + host + " unreachable: " + what);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (credentials && o.password && !o.bearer_token) {
    if (response.status == 401 && facts.other && impl_->password_auth == CURLAUTH_BASIC) {
      // The server now wants another scheme: negotiate again, once.
      impl_->password_auth = CURLAUTH_BASIC | CURLAUTH_DIGEST;
      return perform_once(request, url, credentials);
    }
    if (facts.basic && !facts.other && response.status != 401) impl_->password_auth = CURLAUTH_BASIC;
  }
  char* value = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &value) == CURLE_OK && value) response.content_type = value;
  value = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &value) == CURLE_OK && value) response.location = value;
  response.effective_url = url;
  response.etag = std::move(facts.etag);
  return response;
}

}  // namespace kith::dav

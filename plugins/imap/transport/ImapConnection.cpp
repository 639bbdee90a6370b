#include "transport/ImapConnection.h"

#include <curl/curl.h>
#include <poll.h>

#include <mutex>

#include "common/CertificateProblem.h"
#include "common/LoopbackHost.h"

namespace kith::imap {
namespace {

using Clock = std::chrono::steady_clock;

// Short waits, so a cancellation request is seen within this long.
constexpr int kPollSliceMs = 200;

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

// Only scheme://authority/ reaches curl: a path would make it SELECT a mailbox.
std::string base_url(const std::string& url) {
  auto start = url.find("://");
  if (start == std::string::npos) return url;
  auto end = url.find_first_of("/?#", start + 3);
  return url.substr(0, end) + "/";
}

Status connect_error(CURLcode code, const std::string& server, const ImapConnectionOptions& options,
                     const char* detail) {
  const std::string what = std::string(curl_easy_strerror(code)) + (detail && *detail ? std::string(": ") + detail : "");
  switch (code) {
    case CURLE_LOGIN_DENIED:
      return Status::account("IMAP server " + server + " refused the login of '" + options.username +
                             (options.oauth_token ? "' (expired or wrong token?)" : "' (wrong password?)"));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
      return Status::account(net::certificate_problem(net::TlsFailure::Verification, detail ? detail : "", server,
                                                      options.ca_file));
    case CURLE_SSL_CACERT_BADFILE:
      return Status::account(net::certificate_problem(net::TlsFailure::CaFileUnreadable, detail ? detail : "", server,
                                                      options.ca_file));
    case CURLE_USE_SSL_FAILED:
      return Status::account("IMAP server " + server + " does not offer STARTTLS; refusing to log in without TLS" +
                             " (use imaps://, or use_starttls = false for a trusted network)");
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Status::account("bad IMAP url for " + server + ": " + what);
    case CURLE_AUTH_ERROR:
      return Status::account("IMAP server " + server + " offers no authentication method we can use: " + what);
    default:
      return Status::transient("cannot connect to IMAP server " + server + ": " + what);
  }
}

}  // namespace

struct ImapConnection::Impl {
  CURL* curl = nullptr;
  curl_socket_t socket = CURL_SOCKET_BAD;
  std::string server;
  std::chrono::milliseconds io_timeout{};
  const Cancellation* cancellation = nullptr;
  // curl writes into this on any later failure of the handle (send, recv,
  // cleanup), so it must live exactly as long as the handle.
  char error[CURL_ERROR_SIZE] = {0};

  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }

  // curl's message for `code`, with the detail it left in the error buffer.
  std::string describe(CURLcode code) {
    std::string what = curl_easy_strerror(code);
    if (error[0] != '\0') what += std::string(": ") + error;
    error[0] = '\0';
    return what;
  }

  // Waits for the socket; false on time-out or cancellation (status set).
  Status wait(short events, Clock::time_point deadline) {
    for (;;) {
      if (cancellation->requested()) return Status::cancelled();
      // Rounded up: a deadline 0.4 ms away has not passed yet.
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return Status::transient("IMAP server " + server + " stopped answering (time-out)");
      pollfd pfd{socket, events, 0};
      const int rc = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left, kPollSliceMs)));
      if (rc > 0) return {};
      if (rc < 0 && errno != EINTR) return Status::transient("waiting for " + server + ": poll failed");
    }
  }
};

ImapConnection::ImapConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ImapConnection::~ImapConnection() = default;

bool ImapConnection::is_loopback_url(const std::string& url) { return net::resolves_to_loopback_only(host_of(url)); }

Result<std::unique_ptr<ImapConnection>> ImapConnection::open(const ImapConnectionOptions& options,
                                                             const Cancellation& cancellation) {
  global_init_once();
  auto impl = std::make_unique<Impl>();
  impl->server = host_of(options.url);
  impl->io_timeout = options.io_timeout;
  impl->cancellation = &cancellation;
  const bool imaps = options.url.rfind("imaps://", 0) == 0;
  if (!imaps && options.url.rfind("imap://", 0) != 0)
    return Status::account("IMAP url '" + options.url + "' must start with imap:// or imaps://");

  impl->curl = curl_easy_init();
  if (!impl->curl) return Status::internal("curl_easy_init failed");
  CURL* c = impl->curl;
  const std::string url = base_url(options.url);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, impl->error);
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  // The login phase runs inside curl_easy_perform; bound it as a whole.
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_USERNAME, options.username.c_str());
  if (options.oauth_token) {
    curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, options.oauth_token->c_str());
    curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else {
    curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
  }
  if (!imaps) curl_easy_setopt(c, CURLOPT_USE_SSL, options.require_starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (options.ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file->c_str());

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) return connect_error(rc, impl->server, options, impl->error);
  // From here on our own time-outs apply, not curl's transfer time-out.
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 0L);
  if (curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &impl->socket) != CURLE_OK || impl->socket == CURL_SOCKET_BAD)
    return Status::transient("IMAP connection to " + impl->server + " has no socket after login");
  return std::unique_ptr<ImapConnection>(new ImapConnection(std::move(impl)));
}

Status ImapConnection::send(std::string_view bytes) {
  const auto deadline = Clock::now() + impl_->io_timeout;
  while (!bytes.empty()) {
    std::size_t sent = 0;
    impl_->error[0] = '\0';
    const CURLcode rc = curl_easy_send(impl_->curl, bytes.data(), bytes.size(), &sent);
    if (rc == CURLE_AGAIN) {
      if (auto s = impl_->wait(POLLOUT, deadline); !s) return s;
      continue;
    }
    if (rc != CURLE_OK)
      return Status::transient("sending to IMAP server " + impl_->server + " failed: " + impl_->describe(rc));
    bytes.remove_prefix(sent);
  }
  return {};
}

Result<std::size_t> ImapConnection::receive(char* buffer, std::size_t capacity) {
  return receive_until(buffer, capacity, Clock::now() + impl_->io_timeout);
}

Result<std::size_t> ImapConnection::receive_until(char* buffer, std::size_t capacity, Clock::time_point deadline) {
  const bool silence_is_error = deadline - Clock::now() >= impl_->io_timeout - std::chrono::milliseconds(1);
  for (;;) {
    std::size_t received = 0;
    // TLS may hold decrypted bytes that poll() cannot see: always try to
    // read first, and poll only when curl says there is nothing yet.
    impl_->error[0] = '\0';
    const CURLcode rc = curl_easy_recv(impl_->curl, buffer, capacity, &received);
    if (rc == CURLE_OK) {
      if (received == 0) return Status::transient("IMAP server " + impl_->server + " closed the connection");
      return received;
    }
    if (rc != CURLE_AGAIN)
      return Status::transient("reading from IMAP server " + impl_->server + " failed: " + impl_->describe(rc));
    if (auto s = impl_->wait(POLLIN, deadline); !s) {
      if (s.kind() == ErrorKind::Transient && !silence_is_error && Clock::now() >= deadline) return std::size_t{0};
      return s;
    }
  }
}

}  // namespace kith::imap

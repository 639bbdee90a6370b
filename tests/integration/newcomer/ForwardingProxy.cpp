#include "ForwardingProxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstring>

#include "servers/CalDavTestClient.h"

namespace kith::test::e2e {
namespace {

constexpr int kIoTimeoutMs = 30000;
constexpr std::size_t kMaxRequestBytes = 16 << 20;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Reads more bytes into `buffer`; false on EOF, error or timeout.
bool read_some(int fd, std::string& buffer) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, kIoTimeoutMs) <= 0) return false;
  char chunk[16384];
  const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return buffer.size() <= kMaxRequestBytes;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

const char* reason_of(long status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 207: return "Multi-Status";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 502: return "Bad Gateway";
    default: return "Status";
  }
}

}  // namespace

std::string ProxiedRequest::header(const std::string& name) const {
  const std::string wanted = lower(name);
  for (const auto& [key, value] : headers)
    if (lower(key) == wanted) return value;
  return "";
}

std::unique_ptr<ForwardingProxy> ForwardingProxy::start(std::string upstream_base_url) {
  std::unique_ptr<ForwardingProxy> proxy(new ForwardingProxy());
  while (!upstream_base_url.empty() && upstream_base_url.back() == '/') upstream_base_url.pop_back();
  proxy->upstream_ = std::move(upstream_base_url);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return nullptr;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return nullptr;
  }
  proxy->listener_ = fd;
  proxy->port_ = ntohs(address.sin_port);
  proxy->acceptor_ = std::thread([p = proxy.get()] { p->accept_loop(); });
  return proxy;
}

ForwardingProxy::~ForwardingProxy() {
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  if (listener_ >= 0) ::close(listener_);
  std::vector<std::thread> connections;
  {
    const std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& t : connections)
    if (t.joinable()) t.join();
}

std::string ForwardingProxy::base_url() const {
  std::string url = "http://127.0.0.1:";
  url += std::to_string(port_);
  url += "/";
  return url;
}

void ForwardingProxy::before_forwarding(std::function<void(const ProxiedRequest&)> hook) {
  const std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

std::vector<ProxiedExchange> ForwardingProxy::exchanges() const {
  const std::lock_guard lock(mutex_);
  return exchanges_;
}

void ForwardingProxy::clear_exchanges() {
  const std::lock_guard lock(mutex_);
  exchanges_.clear();
}

void ForwardingProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const std::lock_guard lock(mutex_);
    connections_.emplace_back([this, fd] {
      serve(fd);
      ::close(fd);
    });
  }
}

void ForwardingProxy::serve(int fd) {
  std::string buffer;
  std::size_t head_end = std::string::npos;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
    if (!read_some(fd, buffer)) return;

  ProxiedRequest request;
  const std::string head = buffer.substr(0, head_end);
  std::size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const auto space1 = request_line.find(' '), space2 = request_line.rfind(' ');
  if (space1 == std::string::npos || space2 <= space1) return;
  request.method = request_line.substr(0, space1);
  request.path = request_line.substr(space1 + 1, space2 - space1 - 1);
  while (line_end != std::string::npos && line_end < head.size()) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) request.headers.emplace_back(trimmed(line.substr(0, colon)), trimmed(line.substr(colon + 1)));
  }
  std::size_t content_length = 0;
  if (const std::string cl = request.header("Content-Length"); !cl.empty()) content_length = std::stoul(cl);
  if (lower(request.header("Expect")) == "100-continue" && !send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n")) return;
  request.body = buffer.substr(head_end + 4);
  while (request.body.size() < content_length)
    if (!read_some(fd, request.body)) return;
  request.body.resize(content_length);

  std::function<void(const ProxiedRequest&)> hook;
  {
    const std::lock_guard lock(mutex_);
    hook = hook_;
  }
  if (hook) hook(request);

  kith::testing::HttpRequest forwarded;
  forwarded.method = request.method;
  forwarded.url = upstream_ + request.path;
  forwarded.body = request.body;
  forwarded.send_empty_body = content_length == 0 && request.method == "PUT";
  forwarded.content_type = request.header("Content-Type");
  for (const auto& [key, value] : request.headers) {
    const std::string k = lower(key);
    if (k == "content-length" || k == "content-type" || k == "connection" || k == "expect" ||
        k == "transfer-encoding" || k == "accept-encoding" || k == "keep-alive")
      continue;
    forwarded.headers.push_back(key + ": " + value);
  }
  auto answer = kith::testing::CalDavTestClient().send(forwarded);

  ProxiedExchange exchange{request.method, request.path, request.header("If-Match"), request.header("If-None-Match"),
                           answer ? answer->status : 0};
  {
    const std::lock_guard lock(mutex_);
    exchanges_.push_back(exchange);
  }
  std::string out;
  if (!answer) {
    const std::string why = answer.status().message();
    out = "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: ";
    out += std::to_string(why.size());
    out += "\r\nConnection: close\r\n\r\n";
    out += why;
  } else {
    out = "HTTP/1.1 ";
    out += std::to_string(answer->status);
    out += " ";
    out += reason_of(answer->status);
    out += "\r\n";
    for (const auto& [key, value] : answer->headers) {
      const std::string k = lower(key);
      if (k == "content-length" || k == "connection" || k == "transfer-encoding" || k == "keep-alive" ||
          k == "content-encoding")
        continue;
      out += key;
      out += ": ";
      out += value;
      out += "\r\n";
    }
    out += "Content-Length: ";
    out += std::to_string(answer->body.size());
    out += "\r\nConnection: close\r\n\r\n";
    if (request.method != "HEAD") out += answer->body;
  }
  send_all(fd, out);
  ::shutdown(fd, SHUT_WR);
}

}  // namespace kith::test::e2e

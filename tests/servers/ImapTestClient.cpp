#include "servers/ImapTestClient.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace kith::testing {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Length of a literal announced at the end of `segment` ("{12}", "{12+}", "~{12}"), or -1.
long literal_length(const std::string& segment) {
  if (segment.empty() || segment.back() != '}') return -1;
  std::size_t open = segment.rfind('{');
  if (open == std::string::npos) return -1;
  std::string digits = segment.substr(open + 1, segment.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.pop_back();
  if (digits.empty() || digits.size() > 12) return -1;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  }
  return std::stol(digits);
}

}  // namespace

std::string ImapResponse::text() const {
  std::string s;
  for (const auto& l : untagged) s += l + "\r\n";
  return s + tagged;
}

std::vector<std::string> ImapResponse::lines_with(const std::string& needle) const {
  std::vector<std::string> out;
  for (const auto& l : untagged) {
    if (l.find(needle) != std::string::npos) out.push_back(l);
  }
  return out;
}

std::string imap_quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

kith::Result<ImapTestClient> ImapTestClient::connect(int port, std::chrono::milliseconds timeout) {
  ImapTestClient client;
  client.timeout_ = timeout;
  client.fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (client.fd_ < 0) return kith::Status::transient(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(client.fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return kith::Status::transient("connect 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno));
  }
  auto greeting = client.read_line();
  if (!greeting) return greeting.status().with_context("reading greeting");
  client.greeting_ = *greeting;
  client.timeout_ = std::chrono::seconds(30);
  return client;
}

ImapTestClient::ImapTestClient(ImapTestClient&& other) noexcept
    : fd_(other.fd_),
      next_tag_(other.next_tag_),
      timeout_(other.timeout_),
      greeting_(std::move(other.greeting_)),
      buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

ImapTestClient& ImapTestClient::operator=(ImapTestClient&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    next_tag_ = other.next_tag_;
    timeout_ = other.timeout_;
    greeting_ = std::move(other.greeting_);
    buffer_ = std::move(other.buffer_);
    other.fd_ = -1;
  }
  return *this;
}

ImapTestClient::~ImapTestClient() { close(); }

void ImapTestClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string ImapTestClient::next_tag() { return "k" + std::to_string(next_tag_++); }

kith::Status ImapTestClient::send_raw(const std::string& bytes) {
  if (fd_ < 0) return kith::Status::transient("connection closed");
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return kith::Status::transient(std::string("send: ") + std::strerror(errno));
    }
    sent += static_cast<std::size_t>(n);
  }
  return {};
}

kith::Status ImapTestClient::read_more(Clock::time_point deadline) {
  if (fd_ < 0) return kith::Status::transient("connection closed");
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) return kith::Status::transient(std::string("poll: ") + std::strerror(errno));
    if (rc == 0) return kith::Status::transient("timed out waiting for the server");
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return kith::Status::transient(std::string("recv: ") + std::strerror(errno));
    if (n == 0) return kith::Status::transient("connection closed by the server");
    buffer_.append(buf, static_cast<std::size_t>(n));
    return {};
  }
}

kith::Result<std::string> ImapTestClient::read_line() {
  const auto deadline = Clock::now() + timeout_;
  std::string line;
  std::size_t cursor = 0;  // start of the not yet consumed part of buffer_
  for (;;) {
    std::size_t eol;
    while ((eol = buffer_.find("\r\n", cursor)) == std::string::npos) {
      if (auto st = read_more(deadline); !st) return st;
    }
    std::string segment = buffer_.substr(cursor, eol - cursor);
    line += segment;
    long literal = literal_length(segment);
    if (literal < 0) {
      buffer_.erase(0, eol + 2);
      return line;
    }
    const std::size_t end = eol + 2 + static_cast<std::size_t>(literal);
    while (buffer_.size() < end) {
      if (auto st = read_more(deadline); !st) return st;
    }
    line += "\r\n";
    line.append(buffer_, eol + 2, static_cast<std::size_t>(literal));
    cursor = end;
  }
}

kith::Result<ImapResponse> ImapTestClient::read_until_tagged(const std::string& tag) {
  ImapResponse response;
  response.tag = tag;
  const std::string prefix = tag + " ";
  for (;;) {
    auto line = read_line();
    if (!line) return line.status().with_context("waiting for " + tag);
    if (line->compare(0, prefix.size(), prefix) == 0) {
      response.tagged = *line;
      std::size_t end = line->find(' ', prefix.size());
      response.status = line->substr(prefix.size(), end == std::string::npos ? std::string::npos
                                                                             : end - prefix.size());
      return response;
    }
    response.untagged.push_back(std::move(*line));
  }
}

kith::Result<ImapResponse> ImapTestClient::command(const std::string& command) {
  std::string tag = next_tag();
  if (auto st = send_line(tag + " " + command); !st) return st;
  return read_until_tagged(tag);
}

kith::Result<ImapResponse> ImapTestClient::login(const std::string& user, const std::string& password) {
  return command("LOGIN " + imap_quote(user) + " " + imap_quote(password));
}

kith::Result<ImapResponse> ImapTestClient::append(const std::string& mailbox, const std::string& message,
                                                  const std::string& flags) {
  std::string tag = next_tag();
  std::string cmd = tag + " APPEND " + imap_quote(mailbox) + (flags.empty() ? "" : " " + flags) + " {" +
                    std::to_string(message.size()) + "+}\r\n" + message + "\r\n";
  if (auto st = send_raw(cmd); !st) return st;
  return read_until_tagged(tag);
}

kith::Status ImapTestClient::read_until_closed() {
  const auto deadline = Clock::now() + timeout_;
  for (;;) {
    auto st = read_more(deadline);
    buffer_.clear();
    if (!st) {
      if (st.message().find("closed by the server") != std::string::npos ||
          st.message().find("recv:") != std::string::npos) {
        close();
        return {};
      }
      return st;
    }
  }
}

}  // namespace kith::testing

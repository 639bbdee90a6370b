// One IMAP connection: libcurl connects, negotiates TLS (imaps:// or
// STARTTLS) and authenticates; after that we speak IMAP ourselves over the
// same socket, because libcurl's own IMAP commands cannot pipeline, deliver
// FETCH literals only to the header callback and reconnect silently.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kith/Host.h"
#include "kith/Status.h"

namespace kith::imap {

struct ImapConnectionOptions {
  std::string url;  // imap://host[:port] or imaps://host[:port]; anything after the authority is ignored
  std::string username;
  std::string password;                   // used unless oauth_token is set
  std::optional<std::string> oauth_token;  // XOAUTH2 bearer token
  bool require_starttls = true;           // imap:// only: refuse to log in without TLS
  std::optional<std::string> ca_file;     // extra trust anchor (PEM), e.g. a self-signed server
  bool verify_tls = true;                 // only ever off when the user says so for one account
  std::chrono::milliseconds connect_timeout{30000};
  std::chrono::milliseconds io_timeout{120000};  // no byte for this long: the server is gone
};

class ImapConnection {
 public:
  // Connects and logs in. Errors say which part failed, with the kind the
  // engine needs: Account for a refused login or an untrusted certificate,
  // Transient for network trouble. Never includes the password.
  static Result<std::unique_ptr<ImapConnection>> open(const ImapConnectionOptions& options,
                                                      const Cancellation& cancellation);

  ~ImapConnection();
  ImapConnection(const ImapConnection&) = delete;
  ImapConnection& operator=(const ImapConnection&) = delete;

  // Sends all of `bytes`, waiting for the socket as needed.
  Status send(std::string_view bytes);

  // Waits until some bytes arrive and stores up to `capacity` of them.
  // Returns how many; a closed connection, a time-out or cancellation is an
  // error (Transient or Cancelled).
  Result<std::size_t> receive(char* buffer, std::size_t capacity);

  // Like receive(), but waits only until `deadline`, returning 0 bytes when
  // it passes (IDLE: silence is the normal case).
  Result<std::size_t> receive_until(char* buffer, std::size_t capacity, std::chrono::steady_clock::time_point deadline);

  // True when the server's host resolves to loopback addresses only
  // (STARTTLS may be skipped by default); never decided by spelling.
  static bool is_loopback_url(const std::string& url);

 private:
  struct Impl;
  explicit ImapConnection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kith::imap

// A tiny, blocking IMAP client for tests: connect to 127.0.0.1:<port>, read the
// greeting, send commands, read until the tagged response. Plain TCP only
// (use CurlImap.h for TLS). Literals in responses ("{123}\r\n<bytes>") are
// read whole and kept inline in the line, so a FETCH of a body is one line.
// Every read has a timeout; nothing throws.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kith/Status.h"

namespace kith::testing {

struct ImapResponse {
  std::string tag;
  std::vector<std::string> untagged;  // "* 3 EXISTS", "+ idling", ... (no trailing CRLF)
  std::string tagged;                 // "a1 OK [READ-ONLY] Examine completed ..."
  std::string status;                 // "OK", "NO" or "BAD"

  bool ok() const { return status == "OK"; }
  // All untagged lines and the tagged line, joined with "\r\n".
  std::string text() const;
  // Untagged lines that contain `needle`.
  std::vector<std::string> lines_with(const std::string& needle) const;
};

// IMAP quoted string: "..." with \ and " escaped.
std::string imap_quote(const std::string& s);

class ImapTestClient {
 public:
  // Connects to 127.0.0.1:port and reads the greeting line.
  static kith::Result<ImapTestClient> connect(int port,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(10));

  ImapTestClient(ImapTestClient&& other) noexcept;
  ImapTestClient& operator=(ImapTestClient&& other) noexcept;
  ImapTestClient(const ImapTestClient&) = delete;
  ImapTestClient& operator=(const ImapTestClient&) = delete;
  ~ImapTestClient();

  const std::string& greeting() const { return greeting_; }
  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

  // Sends "<tag> <command>\r\n" with a fresh tag ("k1", "k2", ...) and reads
  // up to the tagged response. A NO or BAD is a value (check ok()), not an error;
  // errors are I/O failures, timeouts and the server closing the connection.
  kith::Result<ImapResponse> command(const std::string& command);
  // LOGIN with both arguments quoted.
  kith::Result<ImapResponse> login(const std::string& user, const std::string& password);
  // APPEND with a non-synchronizing literal (LITERAL+), flags like "(\\Seen)" or "".
  kith::Result<ImapResponse> append(const std::string& mailbox, const std::string& message,
                                    const std::string& flags = "");

  // Lower level, e.g. for IDLE or pipelining.
  std::string next_tag();
  kith::Status send_raw(const std::string& bytes);
  kith::Status send_line(const std::string& line) { return send_raw(line + "\r\n"); }
  kith::Result<std::string> read_line();
  kith::Result<ImapResponse> read_until_tagged(const std::string& tag);
  // Reads and discards until the server closes the connection (OK) or the timeout passes.
  kith::Status read_until_closed();

  bool is_open() const { return fd_ >= 0; }
  void close();

 private:
  ImapTestClient() = default;
  kith::Status read_more(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  int next_tag_ = 1;
  std::chrono::milliseconds timeout_ = std::chrono::seconds(30);
  std::string greeting_;
  std::string buffer_;
};

}  // namespace kith::testing

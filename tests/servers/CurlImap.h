// One IMAP exchange through libcurl — a second, independent client for tests
// (and the only one here that speaks TLS).
#pragma once

#include <chrono>
#include <string>

#include "kith/Status.h"

namespace kith::testing {

struct CurlImapRequest {
  // "imap://127.0.0.1:<port>/", "imaps://localhost:<port>/INBOX", or a libcurl
  // IMAP URL such as ".../INBOX/;UID=3" (fetches that message's body).
  std::string url;
  std::string user;
  std::string password;
  // A command run after login, e.g. "EXAMINE INBOX" or "UID FETCH 1:* (FLAGS)";
  // libcurl hands back its untagged responses. Empty: libcurl's default for the URL.
  std::string custom_request;
  // CA certificate(s) to trust for imaps:// or STARTTLS (DovecotServer::ca_file()).
  std::string ca_file;
  bool verify_peer = true;  // certificate chain and host name
  bool starttls = false;    // require STARTTLS on imap://
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
};

// Names resolve to IPv4 only ("localhost" is 127.0.0.1) and proxies are ignored.
// The bytes libcurl delivered (untagged responses for a custom request, the
// message for a ;UID= URL). Errors carry libcurl's message.
kith::Result<std::string> curl_imap(const CurlImapRequest& request);

}  // namespace kith::testing

// One line saying why a server's TLS certificate was refused: the real
// cause (another host name, expired, not signed by what the account
// trusts, an unreadable ca_file) and the fix that fits it. "Set ca_file"
// is advice only for a certificate nothing the account trusts has signed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kith::net {

enum class TlsFailure {
  Verification,      // the peer's certificate did not verify (curl: CURLE_PEER_FAILED_VERIFICATION)
  CaFileUnreadable,  // the trust file could not be loaded (CURLE_SSL_CACERT_BADFILE)
};

// `detail` is the TLS library's own text (curl's error buffer), quoted in
// the message; `server` names the host; `ca_file` is the account's.
std::string certificate_problem(TlsFailure failure, std::string_view detail, std::string_view server,
                                const std::optional<std::string>& ca_file);

}  // namespace kith::net

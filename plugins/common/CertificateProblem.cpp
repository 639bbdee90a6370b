#include "common/CertificateProblem.h"

namespace kith::net {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

std::string certificate_problem(TlsFailure failure, std::string_view detail, std::string_view server,
                                const std::optional<std::string>& ca_file) {
  const std::string quoted = detail.empty() ? std::string() : ": " + std::string(detail);
  const std::string who = "TLS certificate of " + std::string(server);
  if (failure == TlsFailure::CaFileUnreadable) {
    if (ca_file) return "ca_file '" + *ca_file + "' cannot be read or holds no certificate" + quoted;
    return "this machine's trusted CA certificates cannot be read" + quoted +
           " (install the ca-certificates package, or set the account's ca_file)";
  }
  // OpenSSL's words, as curl passes them on.
  if (contains(detail, "subject name") || contains(detail, "does not match") || contains(detail, "hostname mismatch"))
    return who + " is for another host name" + quoted +
           " (connect to a name the certificate holds; ca_file does not change this)";
  if (contains(detail, "expired")) return who + " has expired" + quoted;
  if (contains(detail, "not yet valid")) return who + " is not valid yet (is this machine's clock right?)" + quoted;
  if (contains(detail, "revoked")) return who + " has been revoked" + quoted;
  if (ca_file) return who + " is not signed by the certificate in ca_file '" + *ca_file + "'" + quoted;
  return who + " is not trusted" + quoted + " (set the account's ca_file to trust it)";
}

}  // namespace kith::net

// Each refused certificate gets its real cause and the fix that fits,
// from OpenSSL's words as curl passes them on.
#include <gtest/gtest.h>

#include "common/CertificateProblem.h"

namespace kith::net {
namespace {

TEST(CertificateProblem, CauseAndAdvice) {
  const std::optional<std::string> none;
  const std::optional<std::string> ca = std::string("/home/a/ca.pem");
  struct Row {
    TlsFailure failure;
    const char* detail;
    std::optional<std::string> ca_file;
    const char* says;
    bool advises_ca_file;
  };
  const std::vector<Row> rows = {
      {TlsFailure::Verification, "SSL certificate problem: self-signed certificate", none, "is not trusted", true},
      {TlsFailure::Verification, "SSL certificate problem: unable to get local issuer certificate", ca,
       "is not signed by the certificate in ca_file '/home/a/ca.pem'", false},
      {TlsFailure::Verification, "SSL: no alternative certificate subject name matches target host name 'x'", ca,
       "is for another host name", false},
      {TlsFailure::Verification, "SSL: certificate subject name 'a' does not match target host name 'b'", none,
       "is for another host name", false},
      {TlsFailure::Verification, "SSL certificate problem: certificate has expired", none, "has expired", false},
      {TlsFailure::Verification, "SSL certificate problem: certificate is not yet valid", none, "is not valid yet", false},
      {TlsFailure::CaFileUnreadable, "error setting certificate file: /home/a/ca.pem", ca,
       "ca_file '/home/a/ca.pem' cannot be read", false},
      {TlsFailure::CaFileUnreadable, "error setting certificate file: /etc/ssl/certs/ca-certificates.crt", none,
       "install the ca-certificates package", true},
  };
  for (const auto& row : rows) {
    const std::string message = certificate_problem(row.failure, row.detail, "mail.example.org", row.ca_file);
    EXPECT_NE(message.find(row.says), std::string::npos) << message;
    EXPECT_EQ(message.find("set the account's ca_file") != std::string::npos, row.advises_ca_file) << message;
    EXPECT_NE(message.find(row.detail), std::string::npos) << "the library's own words are quoted: " << message;
  }
}

}  // namespace
}  // namespace kith::net

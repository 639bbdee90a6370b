// A self-signed TLS certificate for loopback test servers, made with the
// `openssl` command-line tool (package `openssl`).
#pragma once

#include <string>

#include "kith/Status.h"

namespace kith::testing {

struct CertFiles {
  std::string cert_pem;  // certificate; also the CA file clients should trust
  std::string key_pem;   // unencrypted private key (mode 0600)
};

// Writes <dir>/cert.pem and <dir>/key.pem: an EC P-256 key and a certificate
// with CN=localhost, subjectAltName IP:127.0.0.1 and DNS:localhost,
// basicConstraints CA:TRUE (so the certificate can be its own trust anchor),
// valid for 10 years from now.
// `names` replaces the subjectAltName list ("DNS:elsewhere.example"), for
// a certificate that does not name the host a client connects to;
// `prefix` names the files <dir>/<prefix>cert.pem and <prefix>key.pem.
kith::Result<CertFiles> make_self_signed_cert(const std::string& dir,
                                              const std::string& names = "IP:127.0.0.1,DNS:localhost",
                                              const std::string& prefix = "");

}  // namespace kith::testing

#include "servers/SelfSignedCert.h"

#include <sys/stat.h>

#include "servers/TestProcess.h"

namespace kith::testing {

kith::Result<CertFiles> make_self_signed_cert(const std::string& dir, const std::string& names,
                                              const std::string& prefix) {
  CertFiles files{dir + "/" + prefix + "cert.pem", dir + "/" + prefix + "key.pem"};
  auto run = run_process({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                          "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", files.key_pem, "-out",
                          files.cert_pem, "-days", "3650", "-subj", "/CN=localhost", "-addext",
                          "subjectAltName=" + names, "-addext",
                          "basicConstraints=critical,CA:TRUE", "-addext",
                          "keyUsage=critical,digitalSignature,keyCertSign", "-addext",
                          "extendedKeyUsage=serverAuth"},
                         std::chrono::seconds(60));
  if (!run) return run.status().with_context("openssl req");
  if (!run->ok()) {
    return kith::Status::internal("openssl req failed (exit " + std::to_string(run->exit_code) +
                                  "): " + run->err);
  }
  ::chmod(files.key_pem.c_str(), 0600);
  ::chmod(files.cert_pem.c_str(), 0644);
  return files;
}

}  // namespace kith::testing

// A refused certificate is explained by its real cause, for both network
// providers, through the real `kith` binary against a scripted TLS server
// on 127.0.0.1 (imaps:// fails at the TLS handshake, before any IMAP).
#include <gtest/gtest.h>

#include <fstream>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/ScriptedHttpServer.h"
#include "servers/SelfSignedCert.h"

namespace kith::test {
namespace {

using kith::testing::CertFiles;
using kith::testing::make_self_signed_cert;
using kith::testing::ScriptedHttpServer;

class CertificateErrors : public ::testing::Test {
 protected:
  std::unique_ptr<ScriptedHttpServer> serve(const CertFiles& cert) {
    auto s = ScriptedHttpServer::start({}, false, cert);
    EXPECT_TRUE(s) << s.status().message();
    return s ? std::move(*s) : nullptr;
  }

  // The sync error of one imap and one caldav account against `server`.
  std::vector<std::string> errors(const ScriptedHttpServer& server, const std::string& extra) {
    const std::string port = std::to_string(server.port());
    std::ofstream(dir / "kith.toml") << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"imaps://127.0.0.1:" << port
                                     << "\"\nusername = \"a@example.org\"\npassword_env = \"P\"\ntimeout_seconds = 5\n"
                                     << extra << "[[account]]\nname = \"cal\"\nprovider = \"caldav\"\nurl = \"https://127.0.0.1:"
                                     << port << "/\"\nusername = \"a\"\npassword_env = \"P\"\ntimeout_seconds = 5\n" << extra;
    std::vector<std::string> out;
    for (const char* account : {"mail", "cal"}) {
      auto r = run_kith({"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string(), "sync", account},
                        dir.path(), "P=x KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
      EXPECT_EQ(r.exit_code, 1) << account << ": " << r.err;
      out.push_back(r.err);
    }
    return out;
  }

  TempDir dir;
};

TEST_F(CertificateErrors, EachCauseIsNamedWithItsOwnFix) {
  auto good = make_self_signed_cert(dir.path().string(), "IP:127.0.0.1,DNS:localhost", "good-");
  auto wrong_name = make_self_signed_cert(dir.path().string(), "DNS:elsewhere.example", "other-name-");
  auto unrelated = make_self_signed_cert(dir.path().string(), "IP:127.0.0.1", "unrelated-");
  ASSERT_TRUE(good && wrong_name && unrelated);

  auto server = serve(*good);
  ASSERT_TRUE(server);
  for (const auto& err : errors(*server, "")) {  // nothing trusts it
    EXPECT_NE(err.find("is not trusted"), std::string::npos) << err;
    EXPECT_NE(err.find("set the account's ca_file"), std::string::npos) << err;
  }
  for (const auto& err : errors(*server, "ca_file = \"" + unrelated->cert_pem + "\"\n")) {
    EXPECT_NE(err.find("is not signed by the certificate in ca_file '" + unrelated->cert_pem + "'"), std::string::npos)
        << err;
  }
  for (const auto& err : errors(*server, "ca_file = \"" + (dir / "missing.pem").string() + "\"\n")) {
    EXPECT_NE(err.find("ca_file '" + (dir / "missing.pem").string() + "' cannot be read"), std::string::npos) << err;
  }

  auto misnamed = serve(*wrong_name);
  ASSERT_TRUE(misnamed);
  for (const auto& err : errors(*misnamed, "ca_file = \"" + wrong_name->cert_pem + "\"\n")) {
    EXPECT_NE(err.find("is for another host name"), std::string::npos) << err;
    EXPECT_EQ(err.find("set the account's ca_file"), std::string::npos) << "wrong advice: " << err;
  }
}

}  // namespace
}  // namespace kith::test

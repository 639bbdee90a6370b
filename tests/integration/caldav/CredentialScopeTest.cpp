// A CalDAV server that names another origin must not get the account's
// credentials sent there: the real `kith` binary against scripted servers
// on 127.0.0.1 that record every Authorization header they receive.
// Server A is the account's; server B is where A points (another port of
// 127.0.0.1, or "localhost", another host name for the same machine).
#include <gtest/gtest.h>

#include <fstream>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "DavAnswers.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

using dav::kHead;
using dav::kOk;

std::string principal_answer(const std::string& self, const std::string& principal) {
  return std::string(kHead) + "<d:response><d:href>" + self + "</d:href><d:propstat><d:prop><d:current-user-principal><d:href>" +
         principal + "</d:href></d:current-user-principal></d:prop>" + kOk + "</d:multistatus>";
}
std::string home_answer(const std::string& self, const std::string& home) {
  return std::string(kHead) + "<d:response><d:href>" + self + "</d:href><d:propstat><d:prop><c:calendar-home-set><d:href>" +
         home + "</d:href></c:calendar-home-set></d:prop>" + kOk + "</d:multistatus>";
}
std::string listing_answer(const std::string& self, const std::string& calendar) {
  return std::string(kHead) + "<d:response><d:href>" + self +
         "</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>" + kOk +
         "<d:response><d:href>" + calendar +
         "</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
         "<d:displayname>Work</d:displayname></d:prop>" + kOk + "</d:multistatus>";
}

// A complete, willing CalDAV server under /p/, /h/ and /h/cal/: whatever
// reaches it with credentials would be accepted.
std::vector<ScriptedResponse> full_server() {
  return {{"PROPFIND", "/", 207, principal_answer("/", "/p/")},
          {"PROPFIND", "/p/", 207, principal_answer("/p/", "/p/")},
          {"PROPFIND", "/h/", 207, listing_answer("/h/", "/h/cal/")},
          {"PROPFIND", "/h/cal/", 207, std::string(kHead) + "</d:multistatus>"},
          {"PROPFIND", "/denied/", 401, ""}};
}

class CalDavCredentialScope : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = ScriptedHttpServer::start(full_server(), /*require_auth=*/true);
    ASSERT_TRUE(b) << b.status().message();
    other = std::move(*b);
  }

  // A with `script`; the account points at A.
  void start_account_server(std::vector<ScriptedResponse> script) {
    auto a = ScriptedHttpServer::start(std::move(script), /*require_auth=*/true);
    ASSERT_TRUE(a) << a.status().message();
    account = std::move(*a);
  }

  ProcessResult sync(const std::string& extra = "", const std::string& secret_key = "password_env") {
    std::ofstream(dir / "kith.toml") << "[[account]]\nname = \"cal\"\nprovider = \"caldav\"\nurl = \"" << account->base_url()
                                     << "/\"\nusername = \"alex\"\n" << secret_key << " = \"KITH_TEST_SECRET\"\n"
                                     << "timeout_seconds = 10\n" << extra;
    return run_kith({"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string(), "sync"}, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_SECRET=s3cret ");
  }

  std::size_t credentials_received_by_other() const {
    std::size_t n = 0;
    for (const auto& r : other->requests()) n += r.authorization ? 1 : 0;
    return n;
  }

  // B's origin as the refusal names it, with "localhost" or "127.0.0.1".
  std::string other_origin(const std::string& host) const { return "http://" + host + ":" + std::to_string(other->port()); }
  std::string other_url(const std::string& host, const std::string& path) const {
    return other_origin(host) + path;
  }

  TempDir dir;
  std::unique_ptr<ScriptedHttpServer> account, other;
};

// Each place a server names a URL, to another host or another port.
TEST_F(CalDavCredentialScope, NoCredentialsGoToAnotherOriginFromAnyHref) {
  struct Case {
    const char* name;
    std::function<std::vector<ScriptedResponse>(const std::string& other)> script;
    std::string host;
  };
  const std::vector<Case> cases = {
      {"principal on another host", [](const std::string& o) {
         return std::vector<ScriptedResponse>{{"PROPFIND", "/", 207, principal_answer("/", o + "/p/")}};
       }, "localhost"},
      {"principal on another port", [](const std::string& o) {
         return std::vector<ScriptedResponse>{{"PROPFIND", "/", 207, principal_answer("/", o + "/p/")}};
       }, "127.0.0.1"},
      {"calendar-home-set elsewhere", [](const std::string& o) {
         return std::vector<ScriptedResponse>{{"PROPFIND", "/", 207, principal_answer("/", "/p/")},
                                              {"PROPFIND", "/p/", 207, home_answer("/p/", o + "/h/")}};
       }, "localhost"},
      {"calendar elsewhere", [](const std::string& o) {
         return std::vector<ScriptedResponse>{{"PROPFIND", "/", 207, principal_answer("/", "/p/")},
                                              {"PROPFIND", "/p/", 207, home_answer("/p/", "/h/")},
                                              {"PROPFIND", "/h/", 207, listing_answer("/h/", o + "/h/cal/")}};
       }, "127.0.0.1"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    start_account_server(c.script(other_origin(c.host)));
    for (const char* secret : {"password_env", "oauth_token_env"}) {
      SCOPED_TRACE(secret);
      auto r = sync("", secret);
      EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
      EXPECT_NE(r.err.find(other_origin(c.host)), std::string::npos) << r.err;
      EXPECT_NE(r.err.find("trusted_hosts"), std::string::npos) << r.err;
      EXPECT_EQ(r.err.find("refused the login"), std::string::npos) << "blames a server: " << r.err;
      EXPECT_EQ(credentials_received_by_other(), 0u);
    }
    bool account_got_credentials = false;
    for (const auto& req : account->requests()) account_got_credentials |= req.authorization;
    EXPECT_TRUE(account_got_credentials) << "the account's own server gets them";
  }
}

// An HTTP redirect to another origin is followed without the credentials
// (with its method and body), for every redirect status; inside the scope
// (a trusted host) they go along.
TEST_F(CalDavCredentialScope, RedirectsCarryCredentialsOnlyInsideTheScope) {
  for (const int status : {301, 302, 303, 307, 308}) {
    SCOPED_TRACE(status);
    start_account_server({{"PROPFIND", "/", status, "", {{"Location", other_url("localhost", "/p/")}}}});
    for (const char* secret : {"password_env", "oauth_token_env"}) {
      SCOPED_TRACE(secret);
      auto r = sync("", secret);
      EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
      EXPECT_EQ(credentials_received_by_other(), 0u);
      bool reached = false;
      for (const auto& q : other->requests()) reached |= q.method == "PROPFIND" && q.path == "/p/" && q.body_bytes > 0;
      EXPECT_TRUE(reached) << "the redirect was followed, body and all";
    }
  }
  auto r = sync("trusted_hosts = [\"localhost\"]\n");
  EXPECT_GT(credentials_received_by_other(), 0u) << r.err;
}

// The same redirection, allowed by the user: now B gets the credentials,
// which also shows the servers above would have seen them.
TEST_F(CalDavCredentialScope, TrustedHostsLetThemThrough) {
  start_account_server({{"PROPFIND", "/", 207, principal_answer("/", other_url("localhost", "/p/"))}});
  auto r = sync("trusted_hosts = [\"localhost\"]\n");
  EXPECT_GT(credentials_received_by_other(), 0u) << r.err;
}

// The answer of another server is blamed on that server, not on the account's.
TEST_F(CalDavCredentialScope, ARefusalNamesTheServerThatRefused) {
  start_account_server({{"PROPFIND", "/", 207, principal_answer("/", other_url("localhost", "/denied/"))}});
  auto r = sync("trusted_hosts = [\"localhost\"]\n", "password_env");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("CalDAV server localhost:" + std::to_string(other->port()) + " refused the login"),
            std::string::npos) << r.err;
  const std::string error_line = r.err.substr(r.err.find("kith: "));
  EXPECT_EQ(error_line.find(std::to_string(account->port())), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kith::test

// Unsafe settings the user chose on purpose are never silent: `kith sync`
// warns on every run and `kith accounts` shows it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

TEST(SecurityWarnings, TlsVerifyOffIsWarnedOnEverySyncAndShownByAccounts) {
  TempDir dir;
  const auto config = dir / "kith.toml";
  // Nothing listens on port 1: the sync fails to connect, after the warning.
  std::ofstream(config) << "[[account]]\nname = \"lax\"\nprovider = \"imap\"\nurl = \"imaps://127.0.0.1:1\"\n"
                           "username = \"a@example.org\"\npassword_env = \"P\"\ntls_verify = false\ntimeout_seconds = 2\n"
                           "[[account]]\nname = \"strict\"\nprovider = \"caldav\"\nurl = \"https://127.0.0.1:1/\"\n"
                           "username = \"a\"\npassword_env = \"P\"\ntimeout_seconds = 2\n";
  const std::string env = "P=x KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ";
  const std::vector<std::string> base = {"--config", config.string(), "--db", (dir / "h.db").string()};

  auto accounts_args = base;
  accounts_args.insert(accounts_args.end(), {"accounts", "--json"});
  auto accounts = run_kith(accounts_args, dir.path(), env);
  ASSERT_EQ(accounts.exit_code, 0) << accounts.err;
  const auto list = nlohmann::json::parse(accounts.out);
  ASSERT_EQ(list.size(), 2u);
  ASSERT_EQ(list[0]["warnings"].size(), 1u) << list.dump();
  EXPECT_NE(list[0]["warnings"][0].get<std::string>().find("tls_verify = false"), std::string::npos);
  EXPECT_TRUE(list[1]["warnings"].empty()) << list.dump();

  for (int run = 0; run < 2; ++run) {
    auto sync_args = base;
    sync_args.insert(sync_args.end(), {"sync", "lax", "strict"});
    auto sync = run_kith(sync_args, dir.path(), env);
    EXPECT_EQ(sync.exit_code, 1);
    EXPECT_NE(sync.err.find("account 'lax': TLS certificate checks are off"), std::string::npos) << sync.err;
    EXPECT_EQ(sync.err.find("account 'strict': TLS certificate checks are off"), std::string::npos) << sync.err;
  }
}

// A password that would cross the network unencrypted is said so, even on
// this machine; one that goes over TLS is not.
TEST(SecurityWarnings, UnencryptedPasswordsAreWarnedAbout) {
  TempDir dir;
  const auto config = dir / "kith.toml";
  std::ofstream(config) << "[[account]]\nname = \"plain-imap\"\nprovider = \"imap\"\nurl = \"imap://127.0.0.1:1\"\n"
                           "username = \"a@example.org\"\npassword_env = \"P\"\ntimeout_seconds = 2\n"
                           "[[account]]\nname = \"plain-dav\"\nprovider = \"caldav\"\nurl = \"http://127.0.0.1:1/\"\n"
                           "username = \"a\"\npassword_env = \"P\"\ntimeout_seconds = 2\n"
                           "[[account]]\nname = \"tls\"\nprovider = \"imap\"\nurl = \"imaps://127.0.0.1:1\"\n"
                           "username = \"a@example.org\"\npassword_env = \"P\"\ntimeout_seconds = 2\n";
  auto r = run_kith({"--config", config.string(), "--db", (dir / "h.db").string(), "sync"}, dir.path(),
                    "P=x KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
  EXPECT_NE(r.err.find("[plain-imap] the password goes unencrypted to imap://127.0.0.1:1 (imap:// without STARTTLS, on "
                       "this machine)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("[plain-dav] the password goes unencrypted to http://127.0.0.1:1/"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("[tls] the password goes unencrypted"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kith::test

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "host/ProcessHardening.h"
#include "host/SecretResolverImpl.h"

namespace kith::engine {
namespace {

AccountConfig account_with(const std::string& key, const std::string& value) {
  AccountConfig a;
  a.name = "work";
  a.provider = "imap";
  a.settings[key] = Setting{value, 7};
  return a;
}

TEST(SecretResolver, CommandFirstLine) {
  auto a = account_with("password_command", "printf 's3cret\\nsecond line\\n'");
  AccountSecretResolver r(a);
  EXPECT_TRUE(r.has("password"));
  auto secret = r.resolve("password");
  ASSERT_TRUE(secret) << secret.status().message();
  EXPECT_EQ(*secret, "s3cret");
}

TEST(SecretResolver, FailingCommandSaysWhichSettingButNotTheOutput) {
  auto a = account_with("password_command", "echo leaked-output; exit 3");
  AccountSecretResolver r(a);
  auto secret = r.resolve("password");
  ASSERT_FALSE(secret);
  EXPECT_EQ(secret.status().kind(), ErrorKind::Account);
  EXPECT_NE(secret.status().message().find("account 'work': password_command failed (exit status 3)"), std::string::npos)
      << secret.status().message();
  EXPECT_EQ(secret.status().message().find("leaked-output"), std::string::npos);
}

// A password_command is bounded in output and time, whatever it does.
TEST(SecretResolver, CommandOutputAndTimeAreBounded) {
  const auto started = std::chrono::steady_clock::now();
  auto endless = run_secret_command("yes", "password_command");  // `yes` ended in bad_alloc at 540 MB
  ASSERT_FALSE(endless);
  EXPECT_NE(endless.status().message().find("printed more than 65536 bytes"), std::string::npos)
      << endless.status().message();

  SecretCommandLimits quick;
  quick.timeout = std::chrono::milliseconds(300);
  auto hanging = run_secret_command("echo partial; exec sleep 30", "password_command", quick);
  ASSERT_FALSE(hanging);
  EXPECT_NE(hanging.status().message().find("did not finish within"), std::string::npos) << hanging.status().message();
  EXPECT_EQ(hanging.status().message().find("partial"), std::string::npos);

  // A helper the command leaves behind holds the pipe open: the command's
  // own exit ends the wait.
  auto detached = run_secret_command("(sleep 5 2>/dev/null &); echo pw", "password_command", quick);
  ASSERT_TRUE(detached) << detached.status().message();
  EXPECT_EQ(*detached, "pw");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

TEST(SecretResolver, ATimedOutCommandIsKilledWithEverythingItStarted) {
  char templ[] = "/tmp/kith-secret-XXXXXX";
  const std::string dir = ::mkdtemp(templ);
  SecretCommandLimits quick;
  quick.timeout = std::chrono::milliseconds(300);
  auto r = run_secret_command("sh -c 'echo $$ > " + dir + "/pid; exec sleep 30' 2>/dev/null & wait", "password_command", quick);
  ASSERT_FALSE(r);
  std::ifstream in(dir + "/pid");
  pid_t child = 0;
  in >> child;
  ASSERT_GT(child, 0);
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = ::kill(child, 0) != 0;
    if (!gone) ::usleep(10000);
  }
  EXPECT_TRUE(gone) << "the grandchild " << child << " outlived the timeout";
  std::filesystem::remove_all(dir);
}

TEST(ProcessHardening, NoCoreDumps) {
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &before), 0);
  disable_core_dumps();
  rlimit after{};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &after), 0);
  EXPECT_EQ(after.rlim_cur, 0u);
  EXPECT_EQ(after.rlim_max, 0u);
}

TEST(SecretResolver, EnvironmentVariable) {
  auto a = account_with("password_env", "KITH_TEST_SECRET");
  AccountSecretResolver r(a);
  ::unsetenv("KITH_TEST_SECRET");
  auto missing = r.resolve("password");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.status().message().find("'KITH_TEST_SECRET'"), std::string::npos);
  ::setenv("KITH_TEST_SECRET", "from-env", 1);
  auto secret = r.resolve("password");
  ::unsetenv("KITH_TEST_SECRET");
  ASSERT_TRUE(secret);
  EXPECT_EQ(*secret, "from-env");
}

TEST(SecretResolver, OtherSecretNamesUseTheirOwnKeys) {
  auto a = account_with("oauth_token_command", "echo tok");
  AccountSecretResolver r(a);
  EXPECT_FALSE(r.has("password"));
  EXPECT_TRUE(r.has("oauth_token"));
  EXPECT_EQ(*r.resolve("oauth_token"), "tok");
  auto none = r.resolve("password");
  ASSERT_FALSE(none);
  EXPECT_NE(none.status().message().find("no password configured"), std::string::npos);
}

}  // namespace
}  // namespace kith::engine

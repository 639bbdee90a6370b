#include <gtest/gtest.h>

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

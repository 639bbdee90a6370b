// Loopback is what a host resolves to, never how it is spelled: a name
// that merely starts with "127." is a remote host, and STARTTLS stays on.
#include <gtest/gtest.h>

#include "../support/FakeProviderContext.h"
#include "common/LoopbackHost.h"
#include "sync/ImapSettings.h"
#include "transport/ImapConnection.h"

namespace kith::imap {
namespace {

TEST(LoopbackHost, DecidedByTheResolvedAddresses) {
  EXPECT_TRUE(net::resolves_to_loopback_only("127.0.0.1"));
  EXPECT_TRUE(net::resolves_to_loopback_only("127.8.9.10"));
  EXPECT_TRUE(net::resolves_to_loopback_only("::1"));
  EXPECT_TRUE(net::resolves_to_loopback_only("[::1]"));
  EXPECT_TRUE(net::resolves_to_loopback_only("localhost"));  // even without /etc/hosts (RFC 6761)
  EXPECT_TRUE(net::resolves_to_loopback_only("LocalHost"));
  EXPECT_TRUE(net::resolves_to_loopback_only("mail.localhost"));
  EXPECT_FALSE(net::resolves_to_loopback_only("localhost.example.com"));
  EXPECT_FALSE(net::resolves_to_loopback_only("127.mail.example.com"));  // a name, and it does not resolve here
  EXPECT_FALSE(net::resolves_to_loopback_only("10.0.0.1"));
  EXPECT_FALSE(net::resolves_to_loopback_only("192.0.2.7"));
  EXPECT_FALSE(net::resolves_to_loopback_only("::ffff:10.0.0.1"));
  EXPECT_FALSE(net::resolves_to_loopback_only(""));
}

TEST(LoopbackHost, StarttlsDefaultFollowsIt) {
  EXPECT_TRUE(ImapConnection::is_loopback_url("imap://127.0.0.1:1143"));
  EXPECT_TRUE(ImapConnection::is_loopback_url("imap://user@localhost:143/"));
  EXPECT_FALSE(ImapConnection::is_loopback_url("imap://127.mail.example.com"));
  EXPECT_FALSE(ImapConnection::is_loopback_url("imap://127.0.0.1.example.com:143"));
}

// The default an account gets when it does not set use_starttls: required
// for every host that is not this machine.
TEST(LoopbackHost, ImapSettingsRequireStarttlsUnlessTheHostIsThisMachine) {
  const std::vector<std::pair<std::string, bool>> rows = {
      {"imap://mail.example.org", true},  {"imap://127.mail.example.com", true}, {"imap://10.0.0.5:143", true},
      {"imap://127.0.0.1:1143", false},   {"imap://localhost", false},            {"imap://[::1]:143", false}};
  for (const auto& [url, required] : rows) {
    test::FakeContext context;
    context.mutable_settings().set("url", url);
    context.mutable_settings().set("username", "a@example.org");
    context.set_secret("password", "x");
    EXPECT_EQ(ImapSettings::from(context).use_starttls, required) << url;
  }
}

}  // namespace
}  // namespace kith::imap

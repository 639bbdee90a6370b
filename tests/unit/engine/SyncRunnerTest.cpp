#include <gtest/gtest.h>

#include "TempDir.h"
#include "extract/InteractionExtractor.h"
#include "host/AccountContext.h"
#include "plugin/PluginRegistry.h"
#include "store/SqlHistoryStore.h"
#include "sync/SyncRunner.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;

class SyncRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqlHistoryStore::open((dir / "history.db").string());
    ASSERT_TRUE(opened) << opened.status().message();
    store = std::move(*opened);
    registry.scan({KITH_FIXTURE_PLUGIN_DIR});
    config.identity_addresses = {"me@example.org"};
  }

  AccountConfig account(const std::string& provider, std::int64_t messages = 2) {
    AccountConfig a;
    a.name = "acct";
    a.provider = provider;
    a.line = 1;
    if (provider == "fixture") a.settings["messages"] = Setting{messages, 2};
    return a;
  }

  AccountSyncReport sync(const AccountConfig& a) {
    SyncRunner runner(config, *store, registry, logger, cancel);
    return runner.sync_account(a);
  }

  TempDir dir;
  std::unique_ptr<SqlHistoryStore> store;
  PluginRegistry registry;
  Config config;
  StderrLogger logger{LogLevel::Error};
  CancellationFlag cancel;
};

TEST_F(SyncRunnerTest, DeliversThroughTheRealLoaderIntoTheStore) {
  auto report = sync(account("fixture", 3));
  ASSERT_TRUE(report.status) << report.status.message();
  EXPECT_EQ(report.outcome.items, 3u);
  EXPECT_EQ(report.outcome.interactions_added, 3u);
  auto state = store->load_sync_state("acct");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->cursors.at("inbox"), "1");

  // The provider sees the committed cursor and delivers new messages.
  auto second = sync(account("fixture", 3));
  ASSERT_TRUE(second.status);
  EXPECT_EQ(second.outcome.interactions_added, 3u);
  EXPECT_EQ(store->load_sync_state("acct")->cursors.at("inbox"), "2");
  auto friend_contact = store->find_contact("friend@example.net", 2000000000);
  ASSERT_TRUE(friend_contact && *friend_contact);
  EXPECT_EQ((*friend_contact)->email_received, 6u);

  auto statuses = store->account_status({"acct"});
  ASSERT_TRUE(statuses);
  EXPECT_EQ((*statuses)[0].last_run->outcome.state, RunState::Ok);
  EXPECT_TRUE((*statuses)[0].last_success);
}

TEST_F(SyncRunnerTest, ABatchTheStoreRefusesAfterTheProvidersLastCommitFailsTheRun) {
  // The fixture's one batch is stored after its commit returned, while the
  // provider ends: the run still learns the store's answer.
  ASSERT_TRUE(store->database().exec("CREATE TRIGGER full_disk BEFORE INSERT ON interactions "
                                     "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"));
  auto report = sync(account("fixture", 3));
  ASSERT_FALSE(report.status);
  EXPECT_NE(report.status.message().find("database or disk is full"), std::string::npos) << report.status.message();
  EXPECT_EQ(report.outcome.state, RunState::Failed);
  EXPECT_EQ(report.outcome.items, 0u);
  auto state = store->load_sync_state("acct");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->cursors.count("inbox"), 0u);
}

TEST_F(SyncRunnerTest, UnknownProviderIsRecordedAsAFailedRun) {
  auto report = sync(account("carrier-pigeon"));
  ASSERT_FALSE(report.status);
  EXPECT_NE(report.status.message().find("no plugin provides 'carrier-pigeon'"), std::string::npos);
  auto statuses = store->account_status({"acct"});
  ASSERT_TRUE(statuses);
  EXPECT_EQ((*statuses)[0].last_run->outcome.state, RunState::Failed);
  EXPECT_NE((*statuses)[0].last_run->outcome.error_message.find("carrier-pigeon"), std::string::npos);
}

TEST_F(SyncRunnerTest, ProviderKeysAreCheckedAgainstThePlugin) {
  auto a = account("fixture");
  a.settings["mesages"] = Setting{std::int64_t{1}, 9};
  auto report = sync(a);
  ASSERT_FALSE(report.status);
  EXPECT_NE(report.status.message().find(":9: unknown key 'mesages' for account 'acct'"), std::string::npos)
      << report.status.message();
  EXPECT_EQ(report.outcome.items, 0u);
}

TEST_F(SyncRunnerTest, AFactoryFailureFailsTheRunNotTheProcess) {
  auto report = sync(account("throwing"));
  ASSERT_FALSE(report.status);
  EXPECT_NE(report.status.message().find("cannot reach the moon"), std::string::npos) << report.status.message();
  EXPECT_EQ(report.outcome.state, RunState::Failed);
}

TEST_F(SyncRunnerTest, UsernameThatIsAnAddressIsAnOwnerIdentity) {
  config.identity_addresses.clear();
  AccountConfig a = account("fixture");
  a.settings["username"] = Setting{std::string("Friend@Example.net"), 3};
  // The fixture's sender is now the owner: its mail to itself yields nothing.
  auto report = sync(a);
  ASSERT_TRUE(report.status) << report.status.message();
  EXPECT_EQ(report.outcome.items, 2u);
  EXPECT_EQ(report.outcome.interactions_added, 0u);
  EXPECT_EQ(owner_addresses_for(config, a), std::vector<std::string>{"friend@example.net"});
}

TEST_F(SyncRunnerTest, AnAccountsProfileUrlIsAnOwnerHandle) {
  config.identity_handles = {"https://www.linkedin.com/in/other-me"};
  AccountConfig a = account("linkedin");
  EXPECT_EQ(owner_handles_for(config, a), config.identity_handles);
  a.settings["profile_url"] = Setting{std::string(" https://www.linkedin.com/in/me/ "), 4};
  const auto handles = owner_handles_for(config, a);
  EXPECT_EQ(handles, (std::vector<std::string>{"https://www.linkedin.com/in/other-me", "https://www.linkedin.com/in/me/"}));

  // What the extractor then makes of a message from that profile,
  // written as the export writes it: sent, to the other person.
  const InteractionExtractor extractor({{}, handles});
  ConversationMessage m;
  m.channel = "linkedin";
  m.message_id = "m1";
  m.date = 1750000000;
  m.sender = Handle{HandleKind::Uri, "https://linkedin.com/in/me", "Me"};
  m.recipients = {Handle{HandleKind::Uri, "https://www.linkedin.com/in/ann-lee", "Ann Lee"}};
  const auto interactions = extractor.from_conversation(m);
  ASSERT_EQ(interactions.size(), 1u);
  EXPECT_EQ(interactions[0].kind, InteractionKind::MessageSent);
  // Without the setting, the same message is one received from "me".
  const InteractionExtractor without({{}, owner_handles_for(config, account("linkedin"))});
  ASSERT_EQ(without.from_conversation(m).size(), 1u);
  EXPECT_EQ(without.from_conversation(m)[0].kind, InteractionKind::MessageReceived);
}

}  // namespace
}  // namespace kith::engine

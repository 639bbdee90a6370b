// Account leases (engine/store/AccountLeases.h) and the store's fence,
// against a real PostgreSQL 15 (servers/PostgresServer.h): a fresh database
// per test, several "workers" as several AccountLeases on their own
// connections.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

#include "servers/PostgresServer.h"
#include "store/AccountLeases.h"
#include "store/PostgresStore.h"
#include "store/SqlHistoryStore.h"

namespace {

using namespace kith::engine;
using namespace std::chrono_literals;

class AccountLeasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = kith::testing::shared_postgres();
    ASSERT_TRUE(server) << server.status().message();
    auto url = (*server)->create_database();
    ASSERT_TRUE(url) << url.status().message();
    settings.url = *url;
    settings.password = (*server)->password();
  }

  std::unique_ptr<AccountLeases> worker(const std::string& id, std::chrono::seconds lease = 30s) {
    auto db = open_postgres_database(settings);
    EXPECT_TRUE(db) << db.status().message();
    if (!db) return nullptr;
    auto leases = AccountLeases::open(std::unique_ptr<SqlDatabase>(std::move(*db)), id, "host-" + id, 100, lease);
    EXPECT_TRUE(leases) << leases.status().message();
    return leases ? std::move(*leases) : nullptr;
  }

  static bool took(AccountLeases& leases, const std::string& account) {
    auto taken = leases.take(account);
    EXPECT_TRUE(taken) << taken.status().message();
    return taken && *taken;
  }

  PostgresSettings settings;
};

TEST_F(AccountLeasesTest, TakeRefuseRenewRelease) {
  auto a = worker("a");
  auto b = worker("b");
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(took(*a, "mail"));
  EXPECT_TRUE(took(*a, "mail")) << "taking one's own lease again renews it";
  EXPECT_FALSE(took(*b, "mail")) << "a held lease is refused";
  auto renewed = a->renew();
  ASSERT_TRUE(renewed) << renewed.status().message();
  EXPECT_EQ(*renewed, std::vector<std::string>{"mail"});
  auto b_renewed = b->renew();
  ASSERT_TRUE(b_renewed);
  EXPECT_TRUE(b_renewed->empty());
  ASSERT_TRUE(a->release("mail"));
  EXPECT_TRUE(took(*b, "mail")) << "a released lease is free";
  EXPECT_FALSE(took(*a, "mail"));
}

TEST_F(AccountLeasesTest, AnExpiredLeaseIsTakenOverAndNoLongerRenewed) {
  auto a = worker("a", 1s);
  auto b = worker("b", 1s);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(took(*a, "mail"));
  EXPECT_FALSE(took(*b, "mail"));
  std::this_thread::sleep_for(1200ms);  // a died: no renewal
  EXPECT_TRUE(took(*b, "mail"));
  auto renewed = a->renew();
  ASSERT_TRUE(renewed);
  EXPECT_TRUE(renewed->empty()) << "the old holder learns it lost the lease";
}

TEST_F(AccountLeasesTest, HoldersShowWorkerHostPidAndExpiry) {
  auto a = worker("a");
  ASSERT_TRUE(a);
  ASSERT_TRUE(took(*a, "mail"));
  auto db = open_postgres_database(settings);
  ASSERT_TRUE(db);
  auto holders = AccountLeases::holders(**db);
  ASSERT_TRUE(holders) << holders.status().message();
  ASSERT_EQ(holders->size(), 1U);
  EXPECT_EQ((*holders)[0].account, "mail");
  EXPECT_EQ((*holders)[0].worker, "a");
  EXPECT_EQ((*holders)[0].host, "host-a");
  EXPECT_EQ((*holders)[0].pid, 100);
  EXPECT_FALSE((*holders)[0].expired);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  EXPECT_GT((*holders)[0].expires_at, now + 20);
  EXPECT_LE((*holders)[0].expires_at, now + 31);
}

TEST_F(AccountLeasesTest, LiveWorkersCountHeartbeatsWithinOneLease) {
  auto a = worker("a", 1s);
  auto b = worker("b", 1s);
  auto c = worker("c", 1s);
  ASSERT_TRUE(a && b && c);
  for (auto* w : {a.get(), b.get(), c.get()}) ASSERT_TRUE(w->heartbeat());
  auto live = a->live_workers();
  ASSERT_TRUE(live);
  EXPECT_EQ(*live, 3);
  std::this_thread::sleep_for(1200ms);
  ASSERT_TRUE(a->heartbeat());
  ASSERT_TRUE(b->heartbeat());  // c died
  live = a->live_workers();
  ASSERT_TRUE(live);
  EXPECT_EQ(*live, 2);
  ASSERT_TRUE(b->release_all());
  live = a->live_workers();
  ASSERT_TRUE(live);
  EXPECT_EQ(*live, 1);
}

ExtractedBatch cursor_batch(const std::string& value) {
  ExtractedBatch batch;
  batch.collection = "INBOX";
  batch.cursor = value;
  return batch;
}

std::string cursor_of(SqlHistoryStore& store, const std::string& account) {
  auto state = store.load_sync_state(account);
  EXPECT_TRUE(state) << state.status().message();
  if (!state) return "";
  auto it = state->cursors.find("INBOX");
  return it == state->cursors.end() ? "" : it->second;
}

TEST_F(AccountLeasesTest, TheStoreCommitsOnlyUnderItsWorkersLease) {
  auto a = worker("a", 1s);
  auto b = worker("b", 1s);
  ASSERT_TRUE(a && b);
  auto store = open_postgres_store(settings);
  ASSERT_TRUE(store) << store.status().message();
  (*store)->set_lease_worker("a");

  auto refused = (*store)->apply("mail", cursor_batch("0"));
  ASSERT_FALSE(refused) << "no lease at all";
  EXPECT_EQ(refused.status().kind(), kith::ErrorKind::Transient);
  EXPECT_NE(refused.status().message().find("lost the lease on account mail"), std::string::npos)
      << refused.status().message();

  ASSERT_TRUE(took(*a, "mail"));
  auto applied = (*store)->apply("mail", cursor_batch("1"));
  ASSERT_TRUE(applied) << applied.status().message();
  EXPECT_EQ(cursor_of(**store, "mail"), "1");

  std::this_thread::sleep_for(1200ms);  // a's lease expires, b takes over
  ASSERT_TRUE(took(*b, "mail"));
  auto late = (*store)->apply("mail", cursor_batch("2"));
  ASSERT_FALSE(late) << "the old holder's batch must not commit";
  EXPECT_EQ(cursor_of(**store, "mail"), "1") << "nothing of the refused batch was committed";

  auto b_store = open_postgres_store(settings);
  ASSERT_TRUE(b_store);
  (*b_store)->set_lease_worker("b");
  ASSERT_TRUE((*b_store)->apply("mail", cursor_batch("3")));
  EXPECT_EQ(cursor_of(**store, "mail"), "3");
}

TEST_F(AccountLeasesTest, ATakeoverWaitsForTheHoldersCommitInProgress) {
  auto a = worker("a", 1s);
  auto b = worker("b", 1s);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(took(*a, "mail"));
  // The holder's commit in progress: its fence has locked the lease row.
  auto holder = open_postgres_database(settings);
  ASSERT_TRUE(holder);
  ASSERT_TRUE((*holder)->exec("BEGIN"));
  auto lock = (*holder)->prepare("SELECT 1 FROM account_leases WHERE account = 'mail' AND worker = 'a' FOR UPDATE");
  ASSERT_TRUE(lock) << lock.status().message();
  auto locked = lock->step();
  ASSERT_TRUE(locked && *locked);
  lock->reset();
  std::this_thread::sleep_for(1200ms);  // expired meanwhile
  std::atomic<bool> taken{false};
  std::thread takeover([&] { taken = took(*b, "mail"); });
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(taken.load()) << "the takeover must wait for the commit in progress";
  ASSERT_TRUE((*holder)->exec("COMMIT"));
  takeover.join();
  EXPECT_TRUE(taken.load());
}

}  // namespace

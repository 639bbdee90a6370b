#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "TempDir.h"
#include "daemon/Backoff.h"
#include "daemon/Daemon.h"
#include "daemon/StoreLock.h"

namespace kith::engine {
namespace {

using namespace std::chrono;

TEST(Backoff, DoublesUpToTheCapWithJitterBelowTheNominalDelay) {
  std::mt19937_64 rng(42);
  const BackoffPolicy policy{seconds(10), seconds(100)};
  for (int failures = 1; failures <= 40; ++failures) {
    const long long nominal = std::min<long long>(10000LL << std::min(failures - 1, 20), 100000);
    for (int i = 0; i < 50; ++i) {
      const auto d = backoff_delay(policy, failures, rng).count();
      EXPECT_GE(d, nominal / 2) << failures;
      EXPECT_LE(d, nominal) << failures;
    }
  }
}

TEST(Backoff, JitterSpreadsIntervals) {
  std::mt19937_64 rng(7);
  std::set<long long> seen;
  for (int i = 0; i < 20; ++i) {
    const auto d = jittered(seconds(300), rng).count();
    EXPECT_GE(d, 270000);
    EXPECT_LE(d, 330000);
    seen.insert(d);
  }
  EXPECT_GT(seen.size(), 10u);
}

TEST(StoreLock, OneHolderAtATimeAndNoneAfterIt) {
  kith::test::TempDir dir;
  const auto db = dir / "history.db";
  EXPECT_FALSE(StoreLock::holder(db));
  {
    auto lock = StoreLock::acquire(db);
    ASSERT_TRUE(lock) << lock.status().message();
    EXPECT_EQ(StoreLock::holder(db), ::getpid());
    // Another process cannot take it (flock locks belong to open files, so
    // try from a child).
    const pid_t child = ::fork();
    if (child == 0) _exit(StoreLock::acquire(db) ? 0 : 3);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_EQ(WEXITSTATUS(status), 3);
  }
  EXPECT_FALSE(StoreLock::holder(db));
}

TEST(StoreLock, ALockLeftByADeadProcessIsTakenOver) {
  kith::test::TempDir dir;
  const auto db = dir / "history.db";
  const pid_t child = ::fork();
  if (child == 0) {
    auto lock = StoreLock::acquire(db);
    ::_exit(lock ? 0 : 1);  // dies holding it; the lock file stays behind
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(std::filesystem::exists(lock_path_for(db)));
  auto lock = StoreLock::acquire(db);
  EXPECT_TRUE(lock) << lock.status().message();
}

TEST(DaemonConfig, AccountChangesAreSeenByValueNotPosition) {
  AccountConfig a;
  a.name = "x";
  a.provider = "imap";
  a.settings["url"] = Setting{std::string("imaps://a"), 3};
  AccountConfig b = a;
  b.settings["url"].line = 9;  // moved in the file: not a change
  EXPECT_TRUE(same_account_settings(a, b));
  b.settings["url"].value = std::string("imaps://b");
  EXPECT_FALSE(same_account_settings(a, b));
  AccountConfig c = a;
  c.settings["interval"] = Setting{std::int64_t{60}, 4};
  EXPECT_FALSE(same_account_settings(a, c));
  EXPECT_EQ(account_interval(c), seconds(60));
  EXPECT_EQ(account_interval(a), seconds(300));
}

}  // namespace
}  // namespace kith::engine

// Store files: owner-only, in owner-only folders, never through a link.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "TempDir.h"
#include "daemon/StoreLock.h"
#include "store/SqlHistoryStore.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

TEST(PrivateFiles, ASymlinkedDatabaseIsRefusedAndItsTargetNeverCreated) {
  TempDir dir;
  std::filesystem::create_directories(dir / "elsewhere");
  std::filesystem::create_symlink(dir / "elsewhere" / "stolen.db", dir / "history.db");
  auto opened = SqlHistoryStore::open((dir / "history.db").string());
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.status().message().find("symbolic link"), std::string::npos) << opened.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir / "elsewhere" / "stolen.db"));

  // An existing target is not written through the link either.
  std::ofstream(dir / "elsewhere" / "stolen.db") << "";
  EXPECT_FALSE(SqlHistoryStore::open((dir / "history.db").string()));
  EXPECT_EQ(std::filesystem::file_size(dir / "elsewhere" / "stolen.db"), 0u);
}

TEST(PrivateFiles, AnExistingWorldReadableDatabaseIsMadePrivate) {
  TempDir dir;
  const auto db = dir / "history.db";
  { ASSERT_TRUE(SqlHistoryStore::open(db.string())); }
  ASSERT_EQ(::chmod(db.c_str(), 0644), 0);
  auto opened = SqlHistoryStore::open(db.string());
  ASSERT_TRUE(opened) << opened.status().message();
  EXPECT_EQ(mode_of(db), 0600u);
}

TEST(PrivateFiles, TheSyncAndTheDaemonBothCreateTheStoreFolder0700) {
  TempDir dir;
  const ::mode_t old = ::umask(022);
  auto opened = SqlHistoryStore::open((dir / "a" / "b" / "history.db").string());
  auto lock = StoreLock::acquire(dir / "c" / "d" / "history.db");
  ::umask(old);
  ASSERT_TRUE(opened) << opened.status().message();
  ASSERT_TRUE(lock) << lock.status().message();
  for (const char* folder : {"a", "a/b", "c", "c/d"}) EXPECT_EQ(mode_of(dir / folder), 0700u) << folder;
  EXPECT_EQ(mode_of(dir / "c" / "d" / "history.db.lock"), 0600u);
}

TEST(PrivateFiles, ASymlinkedLockFileIsRefused) {
  TempDir dir;
  std::filesystem::create_symlink(dir / "target", dir / "history.db.lock");
  auto lock = StoreLock::acquire(dir / "history.db");
  ASSERT_FALSE(lock);
  EXPECT_FALSE(std::filesystem::exists(dir / "target"));
}

}  // namespace
}  // namespace kith::engine

// AtomicFile: the temporary-file-and-rename writes the task list makes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>
#include <string>

#include "AtomicFile.h"
#include "LocalFiles.h"
#include "SampleTestSupport.h"

namespace kith::local {
namespace {

using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::set<std::string> entries_of(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

std::string etag_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return file_etag(st);
}

TEST(AtomicFile, TheTemporaryFileIsHiddenInTheSameFolderUntilPlaced) {
  TempDir tmp;
  Result<FolderHandle> folder = FolderHandle::open(tmp.path());
  ASSERT_TRUE(folder) << folder.status().message();
  Result<PendingFile> pending = PendingFile::write(*folder, "task.ics", "content", 0600);
  ASSERT_TRUE(pending) << pending.status().message();
  const std::set<std::string> entries = entries_of(tmp.path());
  ASSERT_EQ(entries.size(), 1u);
  const std::string temp = *entries.begin();
  EXPECT_EQ(temp.rfind(".task.ics.tmp-" + std::to_string(::getpid()) + "-", 0), 0u) << temp;
  EXPECT_EQ(read_text(tmp.path() / temp), "content");

  ASSERT_TRUE(pending->place_replacing());
  EXPECT_EQ(entries_of(tmp.path()), (std::set<std::string>{"task.ics"}));
  EXPECT_EQ(read_text(tmp.path() / "task.ics"), "content");
  // The etag known before the rename is the placed file's.
  EXPECT_EQ(pending->etag(), etag_of(tmp.path() / "task.ics"));
}

TEST(AtomicFile, PlaceIfFreeNeverReplacesAFileCreatedMeanwhile) {
  TempDir tmp;
  Result<FolderHandle> folder = FolderHandle::open(tmp.path());
  ASSERT_TRUE(folder);
  {
    Result<PendingFile> pending = PendingFile::write(*folder, "task.ics", "ours", 0600);
    ASSERT_TRUE(pending);
    write_file(tmp.path() / "task.ics", "theirs");  // between our check and our rename
    Result<bool> placed = pending->place_if_free();
    ASSERT_TRUE(placed) << placed.status().message();
    EXPECT_FALSE(*placed);
  }
  EXPECT_EQ(read_text(tmp.path() / "task.ics"), "theirs");
  // The unplaced temporary file went with the PendingFile.
  EXPECT_EQ(entries_of(tmp.path()), (std::set<std::string>{"task.ics"}));

  Result<PendingFile> second = PendingFile::write(*folder, "other.ics", "ours", 0600);
  ASSERT_TRUE(second);
  Result<bool> placed = second->place_if_free();
  ASSERT_TRUE(placed && *placed);
  EXPECT_EQ(read_text(tmp.path() / "other.ics"), "ours");
}

TEST(AtomicFile, TheModeIsExactlyTheOneAskedForWhateverTheUmask) {
  TempDir tmp;
  Result<FolderHandle> folder = FolderHandle::open(tmp.path());
  ASSERT_TRUE(folder);
  const mode_t umask_before = ::umask(077);
  Result<PendingFile> pending = PendingFile::write(*folder, "a.ics", "x", 0640);
  ::umask(umask_before);
  ASSERT_TRUE(pending);
  ASSERT_TRUE(pending->place_replacing());
  EXPECT_EQ(fs::status(tmp.path() / "a.ics").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST(AtomicFile, AFolderThatIsGoneIsACollectionError) {
  TempDir tmp;
  Result<FolderHandle> folder = FolderHandle::open(tmp.path() / "gone");
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.status().kind(), ErrorKind::Collection);
  EXPECT_EQ(file_error("x", tmp.path(), ENOSPC).kind(), ErrorKind::Transient);
  EXPECT_EQ(file_error("x", tmp.path(), EACCES).kind(), ErrorKind::Collection);
}

}  // namespace
}  // namespace kith::local

// Folder discovery in both Maildir layouts, file listing and the
// "not yet delivered" filter; header block reading.
#include <gtest/gtest.h>

#include <algorithm>

#include "LocalFiles.h"
#include "LocalSettings.h"
#include "MaildirScanner.h"
#include "SampleTestSupport.h"
#include "VdirScanner.h"

namespace kith::local {
namespace {

using test::kBaseNs;
using test::make_maildir;
using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

std::vector<std::pair<std::string, FolderRole>> names_and_roles(const std::vector<MaildirFolder>& folders) {
  std::vector<std::pair<std::string, FolderRole>> result;
  for (const auto& f : folders) result.emplace_back(f.name, f.role);
  return result;
}

MaildirScanner scanner_for(const fs::path& root, std::vector<std::string> exclude = {},
                           std::vector<std::string>* warnings = nullptr) {
  LocalSettings settings;
  settings.exclude_folders = std::move(exclude);
  return MaildirScanner(
      root, [settings](const std::string& name) { return settings.excluded(name); },
      [warnings](const std::string& w) {
        if (warnings) warnings->push_back(w);
      });
}

TEST(MaildirScanner, MaildirPlusPlusLayout) {
  TempDir dir;
  make_maildir(dir.path());
  for (const char* folder : {".Sent", ".Junk", ".Drafts", ".Trash", ".Archive", ".Archive.2025"})
    make_maildir(dir.path() / folder);
  fs::create_directories(dir.path() / ".notmuch" / "xapian");  // not a folder, not descended into
  auto folders = scanner_for(dir.path()).folders();
  ASSERT_TRUE(folders) << folders.status().message();
  using R = FolderRole;
  EXPECT_EQ(names_and_roles(*folders),
            (std::vector<std::pair<std::string, FolderRole>>{{"Archive", R::Other},
                                                             {"Archive.2025", R::Other},
                                                             {"Drafts", R::Drafts},
                                                             {"INBOX", R::Inbox},
                                                             {"Junk", R::Junk},
                                                             {"Sent", R::Sent},
                                                             {"Trash", R::Trash}}));
}

// Two `ln -s .` in a Maildir root made the walk spin (2^16 paths at depth
// 16); a link may also lead out of the root. Each real folder is read once,
// links out of the root are not followed, and each skip is said.
TEST(MaildirScanner, SymlinkCyclesAndLinksOutOfTheRootAreNotFollowed) {
  TempDir dir;
  TempDir outside;
  const fs::path root = dir.path() / "mail";
  make_maildir(root);
  make_maildir(root / "Sent");
  make_maildir(root / "Archive" / "2025");
  make_maildir(outside.path() / "Secret");
  fs::create_directory_symlink(".", root / "loop1");
  fs::create_directory_symlink(".", root / "loop2");
  fs::create_directory_symlink("..", root / "Archive" / "up");
  fs::create_directory_symlink(outside.path(), root / "out");
  fs::create_directory_symlink("Sent", root / "SentAgain");  // inside the root, but read already
  std::vector<std::string> warnings;
  auto folders = scanner_for(root, {}, &warnings).folders();
  ASSERT_TRUE(folders) << folders.status().message();
  std::vector<std::string> names;
  for (const auto& f : *folders) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Archive/2025", "INBOX", "Sent"}));
  const auto said = [&](const std::string& what) {
    return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) { return w.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(said("out' is a link out of the maildir root")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(said("loop1' leads to a folder already read")) << ::testing::PrintToString(warnings);
}

TEST(MaildirScanner, VerbatimLayout) {
  TempDir dir;
  for (const char* folder : {"INBOX", "Sent", "Archive/2025", "Archive/2026", "Spam"}) make_maildir(dir.path() / folder);
  fs::create_directories(dir.path() / "Archive" / "notes");  // no cur/new: not a folder
  auto folders = scanner_for(dir.path()).folders();
  ASSERT_TRUE(folders) << folders.status().message();
  using R = FolderRole;
  EXPECT_EQ(names_and_roles(*folders),
            (std::vector<std::pair<std::string, FolderRole>>{{"Archive/2025", R::Other},
                                                             {"Archive/2026", R::Other},
                                                             {"INBOX", R::Inbox},
                                                             {"Sent", R::Sent},
                                                             {"Spam", R::Junk}}));
}

TEST(MaildirScanner, FolderWithOnlyNewIsAFolderAndNestedFoldersAreFound) {
  TempDir dir;
  fs::create_directories(dir.path() / "Lists" / "new");
  make_maildir(dir.path() / "Lists" / "kith-dev");
  auto folders = scanner_for(dir.path()).folders();
  ASSERT_TRUE(folders);
  ASSERT_EQ(folders->size(), 2u);
  EXPECT_EQ((*folders)[0].name, "Lists");
  EXPECT_EQ((*folders)[1].name, "Lists/kith-dev");
}

TEST(MaildirScanner, ExcludeFoldersSkipsSubfoldersToo) {
  TempDir dir;
  make_maildir(dir.path());
  for (const char* folder : {".Trash", ".Archive", ".Archive.2019", ".Archived"}) make_maildir(dir.path() / folder);
  make_maildir(dir.path() / "Old" / "2019");
  auto folders = scanner_for(dir.path(), {"Trash", "Archive", "Old"}).folders();
  ASSERT_TRUE(folders);
  std::vector<std::string> names;
  for (const auto& f : *folders) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Archived", "INBOX"}));
}

TEST(MaildirScanner, NameClashKeepsLiteralPath) {
  TempDir dir;
  make_maildir(dir.path());
  make_maildir(dir.path() / ".Sent");
  make_maildir(dir.path() / "Sent");
  make_maildir(dir.path() / "INBOX");  // clashes with the root, which is INBOX
  std::vector<std::string> warnings;
  auto folders = scanner_for(dir.path(), {}, &warnings).folders();
  ASSERT_TRUE(folders);
  std::vector<std::string> names;
  for (const auto& f : *folders) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{".Sent", "INBOX", "Sent"}));
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(MaildirScanner, UnreadableRootIsAnAccountError) {
  TempDir dir;
  auto folders = scanner_for(dir.path() / "missing").folders();
  ASSERT_FALSE(folders);
  EXPECT_EQ(folders.status().kind(), ErrorKind::Account);
}

TEST(MaildirScanner, ListsNewAndCurSortedByMtimeThenName) {
  TempDir dir;
  make_maildir(dir.path());
  write_file(dir.path() / "cur" / "b.M2:2,S", "x", kBaseNs + 5);
  write_file(dir.path() / "cur" / "a.M1:2,", "x", kBaseNs + 5);
  write_file(dir.path() / "new" / "c.M3", "x", kBaseNs + 1);
  write_file(dir.path() / "tmp" / "d.M4", "x", kBaseNs);  // being delivered: never read
  write_file(dir.path() / "cur" / ".hidden", "x", kBaseNs);
  fs::create_directories(dir.path() / "cur" / "subdir");
  auto scanner = scanner_for(dir.path());
  auto folders = scanner.folders();
  ASSERT_TRUE(folders);
  auto files = scanner.list_files(folders->at(0));
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].unique_name, "c.M3");
  EXPECT_EQ((*files)[1].unique_name, "a.M1");
  EXPECT_EQ((*files)[1].file_name, "a.M1:2,");
  EXPECT_EQ((*files)[2].unique_name, "b.M2");
  EXPECT_EQ((*files)[2].mtime_ns, kBaseNs + 5);
}

TEST(MaildirScanner, MessageCaughtInNewAndCurIsListedOnce) {
  TempDir dir;
  make_maildir(dir.path());
  write_file(dir.path() / "new" / "a.M1", "x", kBaseNs);
  write_file(dir.path() / "cur" / "a.M1:2,S", "x", kBaseNs);
  auto scanner = scanner_for(dir.path());
  auto files = scanner.list_files(scanner.folders()->at(0));
  ASSERT_TRUE(files);
  EXPECT_EQ(files->size(), 1u);
}

TEST(MaildirScanner, NotDeliveredUsesMtimeAndTieNames) {
  std::vector<MaildirFile> files = {
      {"p", "a", "a", 10}, {"p", "b", "b", 20}, {"p", "c", "c", 20}, {"p", "d", "d", 30}};
  auto names = [](const std::vector<MaildirFile>& fs) {
    std::string s;
    for (const auto& f : fs) s += f.unique_name;
    return s;
  };
  EXPECT_EQ(names(MaildirScanner::not_delivered(files, std::nullopt)), "abcd");
  EXPECT_EQ(names(MaildirScanner::not_delivered(files, MaildirCursor{20, {"b"}})), "cd");
  EXPECT_EQ(names(MaildirScanner::not_delivered(files, MaildirCursor{20, {"b", "c"}})), "d");
  EXPECT_EQ(names(MaildirScanner::not_delivered(files, MaildirCursor{30, {"d"}})), "");
  EXPECT_EQ(names(MaildirScanner::not_delivered(files, MaildirCursor{5, {}})), "abcd");
}

TEST(MaildirScanner, LocateFindsARenamedMessage) {
  TempDir dir;
  make_maildir(dir.path());
  write_file(dir.path() / "cur" / "a.M1:2,RS", "x", kBaseNs);
  auto scanner = scanner_for(dir.path());
  auto found = scanner.locate(scanner.folders()->at(0), "a.M1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->file_name, "a.M1:2,RS");
  EXPECT_FALSE(scanner.locate(scanner.folders()->at(0), "zzz").has_value());
}

TEST(MaildirScanner, UniqueNameIsBeforeTheColon) {
  EXPECT_EQ(MaildirScanner::unique_name_of("1733000000.M1P100.host,U=5:2,FS"), "1733000000.M1P100.host,U=5");
  EXPECT_EQ(MaildirScanner::unique_name_of("1733000000.M1P100.host"), "1733000000.M1P100.host");
}

TEST(VdirScanner, ListsCalendarsAndIcsFilesOnly) {
  TempDir dir;
  write_file(dir.path() / "work" / "a.ics", "x", kBaseNs);
  write_file(dir.path() / "work" / "displayname", "Work");
  write_file(dir.path() / "work" / ".a.ics.tmp", "x");
  write_file(dir.path() / "home" / "b.ics", "xy", kBaseNs + 7);
  fs::create_directories(dir.path() / ".hidden");
  std::vector<std::string> warnings;
  VdirScanner scanner(dir.path(), nullptr, [&warnings](const std::string& w) { warnings.push_back(w); });
  auto calendars = scanner.collections();
  ASSERT_TRUE(calendars);
  ASSERT_EQ(calendars->size(), 2u);
  EXPECT_EQ((*calendars)[0].name, "home");
  EXPECT_EQ((*calendars)[1].name, "work");
  auto work = scanner.list((*calendars)[1]);
  ASSERT_TRUE(work);
  EXPECT_EQ(*work, (VdirListing{{"a.ics", {kBaseNs, 1}}}));
  auto home = scanner.list((*calendars)[0]);
  EXPECT_EQ(*home, (VdirListing{{"b.ics", {kBaseNs + 7, 2}}}));
  EXPECT_TRUE(warnings.empty());
}

TEST(VdirScanner, WarnsAboutIcsFilesInTheRoot) {
  TempDir dir;
  write_file(dir.path() / "loose.ics", "x");
  std::vector<std::string> warnings;
  VdirScanner scanner(dir.path(), nullptr, [&warnings](const std::string& w) { warnings.push_back(w); });
  auto calendars = scanner.collections();
  ASSERT_TRUE(calendars);
  EXPECT_TRUE(calendars->empty());
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(VdirScanner, DiffFindsNewChangedAndRemoved) {
  VdirListing before{{"a.ics", {1, 10}}, {"b.ics", {2, 20}}, {"c.ics", {3, 30}}};
  VdirListing now{{"a.ics", {1, 10}}, {"b.ics", {2, 21}}, {"c.ics", {4, 30}}, {"d.ics", {5, 1}}};
  before["gone.ics"] = {9, 9};
  auto changes = VdirScanner::diff(before, now);
  EXPECT_EQ(changes.changed, (std::vector<std::string>{"b.ics", "c.ics", "d.ics"}));
  EXPECT_EQ(changes.removed, (std::vector<std::string>{"gone.ics"}));
}

TEST(LocalFiles, HeaderBlockStopsAtTheFirstEmptyLine) {
  TempDir dir;
  write_file(dir.path() / "lf", "A: 1\nB: 2\n\nbody\n\nmore\n");
  write_file(dir.path() / "crlf", "A: 1\r\nB: 2\r\n\r\nbody\r\n");
  write_file(dir.path() / "nobody", "A: 1\nB: 2");
  write_file(dir.path() / "empty-first", "\nbody\n");
  EXPECT_EQ(*read_header_block(dir.path() / "lf"), "A: 1\nB: 2\n");
  EXPECT_EQ(*read_header_block(dir.path() / "crlf"), "A: 1\r\nB: 2\r\n");
  EXPECT_EQ(*read_header_block(dir.path() / "nobody"), "A: 1\nB: 2");
  EXPECT_EQ(*read_header_block(dir.path() / "empty-first"), "");
}

TEST(LocalFiles, HeaderBlockEndAcrossChunkBoundaries) {
  TempDir dir;
  for (std::size_t pad = 8180; pad < 8200; ++pad) {
    std::string text = "X: " + std::string(pad, 'a') + "\r\n\r\nbody";
    write_file(dir.path() / "m", text);
    auto block = read_header_block(dir.path() / "m");
    ASSERT_TRUE(block);
    EXPECT_EQ(*block, "X: " + std::string(pad, 'a') + "\r\n") << pad;
  }
}

TEST(LocalFiles, HeaderBlockIsCappedAtALineBoundary) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "X-Filler: " + std::string(50, 'x') + "\n";
  write_file(dir.path() / "huge", text);
  auto block = read_header_block(dir.path() / "huge", 4096);
  ASSERT_TRUE(block);
  EXPECT_LE(block->size(), 4096u);
  EXPECT_EQ(block->back(), '\n');
  write_file(dir.path() / "oneline", std::string(10000, 'x'));
  auto none = read_header_block(dir.path() / "oneline", 4096);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.status().kind(), ErrorKind::Item);
}

TEST(LocalFiles, ReadErrorsAreItemErrors) {
  TempDir dir;
  auto missing = read_header_block(dir.path() / "missing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().kind(), ErrorKind::Item);
  write_file(dir.path() / "big.ics", std::string(2000, 'x'));
  auto big = read_file(dir.path() / "big.ics", 1000);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.status().kind(), ErrorKind::Item);
  EXPECT_EQ(*read_file(dir.path() / "big.ics", 2000), std::string(2000, 'x'));
}

TEST(LocalFiles, MtimeRoundTripsInNanoseconds) {
  TempDir dir;
  write_file(dir.path() / "f", "abc", kBaseNs + 123456789);
  auto version = file_version(dir.path() / "f");
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(version->mtime_ns, kBaseNs + 123456789);
  EXPECT_EQ(version->size, 3u);
}

}  // namespace
}  // namespace kith::local

// LocalProvider::sync against Maildir trees and vdirs made in a temp dir.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "LocalProvider.h"
#include "SampleTestSupport.h"
#include "kith/Plugin.h"

namespace kith::local {
namespace local_provider_test {

using test::FakeContext;
using test::ics_event;
using test::kBaseNs;
using test::make_maildir;
using test::message;
using test::RecordingSink;
using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr UnixSeconds kNow = kBaseNs / kSecond;  // 2026-06-01T00:00:00Z

std::multiset<std::string> subjects_of(const std::vector<MessageHeaders>& messages) {
  std::multiset<std::string> ids;
  for (const auto& m : messages) ids.insert(m.message_id);
  return ids;
}

std::set<std::string> resources_of(const std::vector<CalendarEvent>& events) {
  std::set<std::string> names;
  for (const auto& e : events) names.insert(e.collection + "/" + e.resource);
  return names;
}

class LocalProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    maildir = tmp.path() / "mail";
    vdir = tmp.path() / "calendars";
    make_maildir(maildir);
    for (const char* folder : {".Sent", ".Junk", ".Drafts", ".Archive.2025"}) make_maildir(maildir / folder);
    write_file(maildir / "cur" / "1000.M1.test:2,S",
               message("Priya Raman <priya.raman@example.com>", "alex@example.org", "One", "one@example.com"),
               kBaseNs + 1 * kSecond);
    write_file(maildir / "new" / "1001.M2.test",
               message("Ben Okafor <ben.okafor@example.com>", "alex@example.org", "Two", "two@example.com"),
               kBaseNs + 2 * kSecond);
    write_file(maildir / ".Sent" / "cur" / "1002.M3.test:2,S",
               message("Alex Morgan <alex@example.org>", "priya.raman@example.com", "Three", "three@example.org"),
               kBaseNs + 3 * kSecond);
    write_file(maildir / ".Junk" / "cur" / "1003.M4.test:2,",
               message("winner@example.net", "alex@example.org", "Four", "four@example.net"), kBaseNs + 4 * kSecond);
    write_file(maildir / ".Drafts" / "cur" / "1004.M5.test:2,D",
               message("alex@example.org", "lena.hoffmann@example.com", "Five", "five@example.org"),
               kBaseNs + 5 * kSecond);
    write_file(maildir / ".Archive.2025" / "cur" / "1005.M6.test:2,S",
               message("Priya Raman <priya.raman@example.com>", "alex@example.org", "Six", "six@example.com"),
               kBaseNs + 6 * kSecond);
    write_file(vdir / "work" / "a.ics", ics_event("a@example.org", "20260601T090000Z", "A"), kBaseNs);
    write_file(vdir / "work" / "b.ics", ics_event("b@example.org", "20260602T090000Z", "B"), kBaseNs);
    write_file(vdir / "work" / "displayname", "Work\n");
    write_file(vdir / "personal" / "c.ics", ics_event("c@example.org", "20260603T090000Z", "C"), kBaseNs);
    context.mutable_settings().set(kMaildirKey, maildir.string());
    context.mutable_settings().set(kVdirKey, vdir.string());
  }

  std::unique_ptr<LocalProvider> make_provider(std::size_t batch_size = 500) {
    LocalProvider::Options options;
    context.fixed_now = kNow;
    options.batch_size = batch_size;
    return std::make_unique<LocalProvider>(context, options);
  }

  // One sync pass from the cursors the sink has kept so far; the sink's
  // deliveries are cleared first.
  Status sync(RecordingSink& sink, std::size_t batch_size = 500) {
    sink.clear_deliveries();
    const SyncState state = sink.state;  // the engine hands over a snapshot
    return make_provider(batch_size)->sync(state, sink);
  }

  TempDir tmp;
  fs::path maildir, vdir;
  FakeContext context;
};

TEST_F(LocalProviderTest, FirstSyncDeliversEverythingWithCollectionsAndRoles) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 6u);
  std::map<std::string, std::pair<FolderRole, int>> by_folder;
  for (const auto& m : messages) {
    by_folder[m.collection].first = m.folder_role;
    ++by_folder[m.collection].second;
    EXPECT_TRUE(m.date.has_value());
    EXPECT_FALSE(m.from.empty());
  }
  using R = FolderRole;
  EXPECT_EQ(by_folder, (std::map<std::string, std::pair<FolderRole, int>>{{"Archive.2025", {R::Other, 1}},
                                                                            {"Drafts", {R::Drafts, 1}},
                                                                            {"INBOX", {R::Inbox, 2}},
                                                                            {"Junk", {R::Junk, 1}},
                                                                            {"Sent", {R::Sent, 1}}}));
  auto one = std::find_if(messages.begin(), messages.end(), [](const auto& m) { return m.message_id == "one@example.com"; });
  ASSERT_NE(one, messages.end());
  EXPECT_EQ(one->item_id, "1000.M1.test:2,S");
  EXPECT_EQ(one->from.at(0).address, "priya.raman@example.com");
  EXPECT_EQ(one->from.at(0).name, "Priya Raman");
  EXPECT_EQ(one->date, 1780218000);  // Sun, 31 May 2026 09:00:00 +0000, before the file was written

  EXPECT_EQ(resources_of(sink.events()), (std::set<std::string>{"personal/c.ics", "work/a.ics", "work/b.ics"}));
  for (const auto& e : sink.events()) EXPECT_FALSE(e.uid.empty());
  EXPECT_TRUE(sink.removals().empty());
  EXPECT_TRUE(sink.failures.empty());

  for (const auto& batch : sink.batches) {
    ASSERT_TRUE(batch.cursor.has_value());
    EXPECT_EQ(batch.cursor->rfind("v1/", 0), 0u) << *batch.cursor;
  }
  std::set<std::string> cursor_names;
  for (const auto& [name, cursor] : sink.state.cursors) cursor_names.insert(name);
  EXPECT_EQ(cursor_names, (std::set<std::string>{"Archive.2025", "Drafts", "INBOX", "Junk", "Sent", "personal", "work"}));
  EXPECT_FALSE(sink.progress_calls.empty());
  EXPECT_EQ(context.fake_logger().count(LogLevel::Warn), 0u);
}

// Extraction rule 10 for files: a Date more than a day after the file's
// time gives way to it. Rule 3: a Maildir D flag is a draft in any folder.
TEST_F(LocalProviderTest, FutureDatesGiveWayToTheFileTimeAndDFlagsAreDrafts) {
  write_file(maildir / "cur" / "1020.M20.test:2,S",
             message("fay@example.net", "alex@example.org", "Future", "future@example.net",
                     "Wed, 01 Jan 2031 10:00:00 +0000"),
             kBaseNs + 60 * kSecond);
  write_file(maildir / "cur" / "1021.M21.test:2,S",
             message("gus@example.net", "alex@example.org", "Soon", "soon@example.net",
                     "Mon, 01 Jun 2026 12:00:00 +0000"),  // 12 hours after the file's time: stands
             kBaseNs + 60 * kSecond);
  write_file(maildir / ".Archive.2025" / "cur" / "1022.M22.test:2,DS",
             message("alex@example.org", "lena@example.com", "Draft", "draft@example.org"), kBaseNs + 60 * kSecond);
  write_file(maildir / ".Archive.2025" / "cur" / "1023.M23.test:2,Sa",
             message("alex@example.org", "omar@example.com", "Keyword a", "kw@example.org"), kBaseNs + 60 * kSecond);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  std::map<std::string, MessageHeaders> by_id;
  for (const auto& m : sink.messages()) by_id[m.message_id] = m;
  for (const char* id : {"future@example.net", "soon@example.net", "draft@example.org", "kw@example.org"})
    ASSERT_EQ(by_id.count(id), 1u) << id;
  EXPECT_EQ(by_id["future@example.net"].date, 1780272060);
  EXPECT_EQ(by_id["soon@example.net"].date, 1780315200);
  EXPECT_EQ(by_id["draft@example.org"].folder_role, FolderRole::Drafts);
  EXPECT_EQ(by_id["kw@example.org"].folder_role, FolderRole::Other);
}

TEST_F(LocalProviderTest, SecondSyncWithTheReturnedCursorsDeliversNothing) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
  EXPECT_TRUE(sink.failures.empty());
}

TEST_F(LocalProviderTest, AddedMessageIsTheOnlyOneDelivered) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  write_file(maildir / "new" / "1010.M10.test",
             message("dana@example.net", "alex@example.org", "Ten", "ten@example.net"), kBaseNs + 60 * kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(subjects_of(sink.messages()), (std::multiset<std::string>{"ten@example.net"}));
  EXPECT_EQ(sink.messages().at(0).collection, "INBOX");
  EXPECT_TRUE(sink.events().empty());
}

TEST_F(LocalProviderTest, AddedMessageWithTheCursorsExactMtimeIsDelivered) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  // INBOX's cursor is at the newest INBOX file (kBaseNs + 2s); a second file
  // with that very mtime arrives (coarse file-system clocks).
  write_file(maildir / "cur" / "1001.M9.test:2,S",
             message("dana@example.net", "alex@example.org", "Tie", "tie@example.net"), kBaseNs + 2 * kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(subjects_of(sink.messages()), (std::multiset<std::string>{"tie@example.net"}));
}

TEST_F(LocalProviderTest, FlagChangesDeliverNothing) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  // A flag change renames the file; reading it moves it from new/ to cur/.
  // Neither changes the unique name or the mtime.
  fs::rename(maildir / "cur" / "1000.M1.test:2,S", maildir / "cur" / "1000.M1.test:2,RS");
  fs::rename(maildir / "new" / "1001.M2.test", maildir / "cur" / "1001.M2.test:2,S");
  fs::rename(maildir / ".Sent" / "cur" / "1002.M3.test:2,S", maildir / ".Sent" / "cur" / "1002.M3.test:2,");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, DeletedMessageIsNotReported) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove(maildir / "cur" / "1000.M1.test:2,S");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, DeletedIcsYieldsARemoval) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove(vdir / "work" / "b.ics");
  ASSERT_TRUE(sync(sink).is_ok());
  auto removals = sink.removals();
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].collection, "work");
  EXPECT_EQ(removals[0].resource, "b.ics");
  EXPECT_TRUE(sink.events().empty());
  EXPECT_TRUE(sink.messages().empty());
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, ModifiedIcsIsDeliveredAgain) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  write_file(vdir / "work" / "a.ics", ics_event("a@example.org", "20260601T100000Z", "A moved"),
             kBaseNs + 30 * kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  auto events = sink.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].resource, "a.ics");
  EXPECT_EQ(events[0].uid, "a@example.org");
  ASSERT_EQ(events[0].occurrences.size(), 1u);
  EXPECT_EQ(events[0].occurrences[0].start, 1780308000);  // 2026-06-01T10:00:00Z
  EXPECT_TRUE(sink.removals().empty());

  // Same mtime, different size: changed too.
  write_file(vdir / "personal" / "c.ics", ics_event("c@example.org", "20260603T090000Z", "C, longer title"), kBaseNs);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.events()), (std::set<std::string>{"personal/c.ics"}));
}

TEST_F(LocalProviderTest, BrokenFilesAreReportedAndTheRestIsDelivered) {
  write_file(vdir / "work" / "broken.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:cut off\r\n", kBaseNs);
  write_file(maildir / "cur" / "0999.M0.test:2,S", "\nnot a header block\n", kBaseNs);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.messages().size(), 6u);
  EXPECT_EQ(sink.events().size(), 3u);
  ASSERT_EQ(sink.failures.size(), 2u);
  std::set<std::string> failed;
  for (const auto& f : sink.failures) {
    failed.insert(f.collection + "/" + f.item);
    EXPECT_EQ(f.why.kind(), ErrorKind::Item);
    EXPECT_FALSE(f.why.message().empty());
  }
  EXPECT_EQ(failed, (std::set<std::string>{"INBOX/0999.M0.test:2,S", "work/broken.ics"}));
  // Not reported again until the file changes.
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_TRUE(sink.failures.empty());
  write_file(vdir / "work" / "broken.ics", ics_event("fixed@example.org", "20260605T090000Z", "Fixed"),
             kBaseNs + kSecond);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(resources_of(sink.events()), (std::set<std::string>{"work/broken.ics"}));
}

TEST_F(LocalProviderTest, TaskResourcesAreSkippedQuietly) {
  write_file(vdir / "work" / "task.ics",
             "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Task\r\n"
             "END:VTODO\r\nEND:VCALENDAR\r\n",
             kBaseNs);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.events().size(), 3u);
  EXPECT_TRUE(sink.failures.empty());
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, EventsCarryTheirCalendarsDisplayname) {
  // vdirsyncer keeps a calendar's name in the file `displayname`; "work"
  // has one (with a line end), "personal" none.
  write_file(vdir / "personal" / "displayname", std::string(5000, 'x'));  // no name: too large
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  std::map<std::string, std::string> names;
  for (const auto& e : sink.events()) names[e.collection + "/" + e.resource] = e.collection_name;
  EXPECT_EQ(names, (std::map<std::string, std::string>{
                       {"personal/c.ics", ""}, {"work/a.ics", "Work"}, {"work/b.ics", "Work"}}));
  write_file(vdir / "personal" / "displayname", "Privat \xE2\x9C\x93");
  write_file(vdir / "personal" / "d.ics", ics_event("d@example.org", "20260604T090000Z", "D"), kBaseNs);
  ASSERT_TRUE(sync(sink).is_ok());
  ASSERT_EQ(sink.events().size(), 1u);
  EXPECT_EQ(sink.events()[0].collection_name, "Privat \xE2\x9C\x93");
}

TEST_F(LocalProviderTest, GarbageCursorMeansFullRereadWithAWarning) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  sink.state.cursors["INBOX"] = "garbage";
  sink.state.cursors["work"] = "v1/v/zz";
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(subjects_of(sink.messages()), (std::multiset<std::string>{"one@example.com", "two@example.com"}));
  EXPECT_EQ(resources_of(sink.events()), (std::set<std::string>{"work/a.ics", "work/b.ics"}));
  EXPECT_TRUE(sink.removals().empty());
  EXPECT_TRUE(context.fake_logger().contains(LogLevel::Warn, "'INBOX'"));
  EXPECT_TRUE(context.fake_logger().contains(LogLevel::Warn, "'work'"));
  // The re-read stored good cursors again.
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, CancellationBeforeTheFirstFileStopsAtOnce) {
  context.cancel();
  RecordingSink sink;
  Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Cancelled);
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, CancellationBetweenBatchesIsHonoured) {
  RecordingSink sink;
  sink.on_commit = [this](const Batch&) {
    context.cancel();
    return Status::ok();
  };
  Status status = sync(sink, 1);
  EXPECT_EQ(status.kind(), ErrorKind::Cancelled);
  EXPECT_EQ(sink.batches.size(), 1u);
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(LocalProviderTest, FailingCommitStopsTheSyncWithItsStatus) {
  RecordingSink sink;
  sink.on_commit = [](const Batch&) { return Status::transient("database is locked"); };
  Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Transient);
  EXPECT_EQ(status.message(), "database is locked");
  EXPECT_EQ(sink.commit_calls, 1);
  EXPECT_TRUE(sink.state.cursors.empty());
}

TEST_F(LocalProviderTest, MissingMaildirIsAnAccountError) {
  const fs::path missing = tmp.path() / "no-such-mail";
  context.mutable_settings().set(kMaildirKey, missing.string());
  RecordingSink sink;
  Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_EQ(status.message(), "maildir '" + missing.string() + "' does not exist");
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, MissingVdirIsAnAccountError) {
  const fs::path missing = tmp.path() / "no-such-vdir";
  context.mutable_settings().set(kVdirKey, missing.string());
  RecordingSink sink;
  Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_EQ(status.message(), "vdir '" + missing.string() + "' does not exist");
}

TEST_F(LocalProviderTest, RootThatIsAFileIsAnAccountError) {
  write_file(tmp.path() / "file", "x");
  context.mutable_settings().set(kMaildirKey, (tmp.path() / "file").string());
  RecordingSink sink;
  Status status = sync(sink);
  EXPECT_EQ(status.kind(), ErrorKind::Account);
  EXPECT_NE(status.message().find("is not a directory"), std::string::npos);
}

TEST_F(LocalProviderTest, EitherRootAloneIsEnough) {
  context.mutable_settings().erase(kVdirKey);
  RecordingSink mail_only;
  ASSERT_TRUE(sync(mail_only).is_ok());
  EXPECT_EQ(mail_only.messages().size(), 6u);
  EXPECT_TRUE(mail_only.events().empty());

  context.mutable_settings().erase(kMaildirKey);
  context.mutable_settings().set(kVdirKey, vdir.string());
  RecordingSink calendar_only;
  ASSERT_TRUE(sync(calendar_only).is_ok());
  EXPECT_TRUE(calendar_only.messages().empty());
  EXPECT_EQ(calendar_only.events().size(), 3u);
}

TEST_F(LocalProviderTest, ExcludeFoldersSkipsMailFoldersAndCalendars) {
  context.mutable_settings().set(kExcludeFoldersKey, std::vector<std::string>{"Junk", "Archive", "personal"});
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(subjects_of(sink.messages()),
            (std::multiset<std::string>{"one@example.com", "two@example.com", "three@example.org", "five@example.org"}));
  EXPECT_EQ(resources_of(sink.events()), (std::set<std::string>{"work/a.ics", "work/b.ics"}));
}

TEST_F(LocalProviderTest, MissingDateFallsBackToTheFileTime) {
  write_file(maildir / "cur" / "1020.M20.test:2,S",
             message("dana@example.net", "alex@example.org", "Undated", "undated@example.net", ""),
             kBaseNs + 42 * kSecond + 500'000'000);
  write_file(maildir / "cur" / "1021.M21.test:2,S",
             message("dana@example.net", "alex@example.org", "Garbage", "garbage@example.net", "the day after"),
             kBaseNs + 43 * kSecond);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  std::map<std::string, std::optional<UnixSeconds>> dates;
  for (const auto& m : sink.messages()) dates[m.message_id] = m.date;
  EXPECT_EQ(dates["undated@example.net"], kNow + 42);
  EXPECT_EQ(dates["garbage@example.net"], kNow + 43);
}

TEST_F(LocalProviderTest, BatchesAreBoundedAndCarryTheirCursor) {
  for (int i = 0; i < 7; ++i) {
    write_file(maildir / "cur" / ("2000.M" + std::to_string(i) + ".test:2,S"),
               message("dana@example.net", "alex@example.org", "Bulk", "bulk" + std::to_string(i) + "@example.net"),
               kBaseNs + (100 + i) * kSecond);
  }
  RecordingSink sink;
  ASSERT_TRUE(sync(sink, 3).is_ok());
  std::vector<std::size_t> inbox_sizes;
  for (const auto& b : sink.batches) {
    EXPECT_LE(b.messages.size() + b.events.size() + b.removals.size(), 3u);
    EXPECT_TRUE(b.cursor.has_value());
    if (b.collection == "INBOX") inbox_sizes.push_back(b.messages.size());
  }
  EXPECT_EQ(inbox_sizes, (std::vector<std::size_t>{3, 3, 3}));
  std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>> inbox_progress;
  for (const auto& p : sink.progress_calls)
    if (std::get<0>(p) == "INBOX") inbox_progress.push_back(p);
  EXPECT_EQ(inbox_progress, (std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t>>{
                                {"INBOX", 3, 9}, {"INBOX", 6, 9}, {"INBOX", 9, 9}}));
}

TEST_F(LocalProviderTest, ResumingAfterAFailedCommitLosesAndRepeatsNothing) {
  // Ten messages, several sharing an mtime, so batch boundaries fall inside ties.
  const std::int64_t mtimes[] = {10, 10, 10, 20, 20, 30, 30, 30, 30, 40};
  for (int i = 0; i < 10; ++i) {
    write_file(maildir / ".Bulk" / "cur" / ("3000.M" + std::to_string(i) + ".test:2,S"),
               message("dana@example.net", "alex@example.org", "Tie", "tie" + std::to_string(i) + "@example.net"),
               kBaseNs + mtimes[i] * kSecond);
  }
  make_maildir(maildir / ".Bulk");
  RecordingSink sink;
  int bulk_commits = 0;
  sink.on_commit = [&bulk_commits](const Batch& batch) {
    if (batch.collection == "Bulk" && ++bulk_commits == 3) return Status::transient("disk full");
    return Status::ok();
  };
  EXPECT_EQ(sync(sink, 2).kind(), ErrorKind::Transient);
  std::multiset<std::string> delivered;
  for (const auto& m : sink.messages())
    if (m.collection == "Bulk") delivered.insert(m.message_id);
  EXPECT_EQ(delivered.size(), 4u);

  sink.on_commit = nullptr;
  ASSERT_TRUE(sync(sink, 2).is_ok());
  for (const auto& m : sink.messages())
    if (m.collection == "Bulk") delivered.insert(m.message_id);
  std::multiset<std::string> expected;
  for (int i = 0; i < 10; ++i) expected.insert("tie" + std::to_string(i) + "@example.net");
  EXPECT_EQ(delivered, expected);
}

TEST_F(LocalProviderTest, VanishedCalendarFolderRemovesItsEvents) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove_all(vdir / "personal");
  ASSERT_TRUE(sync(sink).is_ok());
  auto removals = sink.removals();
  ASSERT_EQ(removals.size(), 1u);
  EXPECT_EQ(removals[0].collection, "personal");
  EXPECT_EQ(removals[0].resource, "c.ics");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST_F(LocalProviderTest, EmptiedVdirRemovesNothing) {
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  fs::remove_all(vdir / "personal");
  fs::remove_all(vdir / "work");
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_TRUE(sink.removals().empty());
}

TEST_F(LocalProviderTest, MailFolderAndCalendarMayShareAName) {
  make_maildir(maildir / "work");
  write_file(maildir / "work" / "cur" / "4000.M1.test:2,S",
             message("priya.raman@example.com", "alex@example.org", "Work mail", "work-mail@example.com"),
             kBaseNs + 7 * kSecond);
  RecordingSink sink;
  ASSERT_TRUE(sync(sink).is_ok());
  auto stored = decode_cursor(sink.state.cursors.at("work"));
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(stored->mail.has_value());
  EXPECT_TRUE(stored->calendar.has_value());
  EXPECT_EQ(stored->calendar->size(), 2u);
  ASSERT_TRUE(sync(sink).is_ok());
  EXPECT_EQ(sink.commit_calls, 0);
}

TEST(LocalProviderSettings, ConstructorRefusesWithoutARoot) {
  FakeContext context;
  EXPECT_THROW(LocalProvider{context}, std::invalid_argument);
  CreateError error{};
  Provider* provider = detail::create_provider<LocalProvider>(context, error);
  EXPECT_EQ(provider, nullptr);
  EXPECT_EQ(error.kind, ErrorKind::Account);
  EXPECT_NE(std::string(error.message).find("'maildir'"), std::string::npos) << error.message;
}

TEST(LocalProviderSettings, HorizonIsDeclaredWithItsRangeAndDefault) {
  // The engine checks the range it declares (AbiCompatibility.TheEngineChecksRangesAPluginDeclares).
  const SettingSpec& horizon = kLocalSettings[3];
  EXPECT_STREQ(horizon.key, kHorizonDaysKey);
  EXPECT_EQ(horizon.minimum, 0);
  EXPECT_EQ(horizon.maximum, kMaxHorizonDays);
  EXPECT_STREQ(horizon.default_value, "365");
  FakeContext context;
  context.mutable_settings().set(kVdirKey, std::string("/tmp"));
  context.mutable_settings().set(kHorizonDaysKey, std::int64_t{30});
  LocalProvider provider(context);
  EXPECT_EQ(provider.settings().horizon_days, 30);
  context.mutable_settings().erase(kHorizonDaysKey);
  EXPECT_EQ(LocalProvider(context).settings().horizon_days, 365);
}

TEST(LocalProviderSettings, EmptyPathIsRefused) {
  FakeContext context;
  context.mutable_settings().set(kMaildirKey, std::string());
  EXPECT_THROW(LocalProvider{context}, std::invalid_argument);
}

}  // namespace local_provider_test
}  // namespace kith::local

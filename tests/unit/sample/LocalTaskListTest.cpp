// The `local` provider's task list (LocalProvider::task_list, VdirTaskList):
// a folder of the calendars vdir written the way vdirsyncer writes one.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "LocalProvider.h"
#include "SampleTestSupport.h"
#include "kith/calendar/Tasks.h"

namespace kith::local {
namespace local_task_list_test {

using test::FakeContext;
using test::ics_event;
using test::kBaseNs;
using test::RecordingSink;
using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

constexpr UnixSeconds kNow = kBaseNs / 1'000'000'000;  // 2026-06-01T00:00:00Z

std::string task_text(std::string_view uid, std::string_view summary) {
  calendar::Task task;
  task.uid = std::string(uid);
  task.summary = std::string(summary);
  task.due = calendar::TaskDue{2026, 6, 3, std::nullopt};
  task.categories = {"Kith"};
  return calendar::write_task(task, kNow);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// What another program does: write a file in place (an editor) or
// atomically (vdirsyncer: a temporary file renamed over it).
void rewrite_in_place(const fs::path& path, std::string_view content) { write_file(path, content); }
void rewrite_atomically(const fs::path& path, std::string_view content) {
  const fs::path temp = path.parent_path() / ".other-program.tmp";
  write_file(temp, content);
  fs::rename(temp, path);
}

struct ReadTask {
  std::string name, etag, text;
};

class CollectingTaskSink final : public TaskSink {
 public:
  void task(std::string_view name, std::string_view etag, std::string_view icalendar) noexcept override {
    tasks.push_back({std::string(name), std::string(etag), std::string(icalendar)});
  }
  std::vector<ReadTask> tasks;
};

std::vector<ReadTask> read_all(TaskList& list) {
  CollectingTaskSink sink;
  const Status status = list.read(sink);
  EXPECT_TRUE(status) << status.message();
  return sink.tasks;
}

std::set<std::string> entries_of(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

class LocalTaskListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vdir = tmp.path() / "calendars";
    write_file(vdir / "work" / "a.ics", ics_event("a@example.org", "20260601T090000Z", "A"), kBaseNs);
    write_file(vdir / "work" / "displayname", "Work\n");
    context.mutable_settings().set(kVdirKey, vdir.string());
    context.fixed_now = kNow;
  }

  LocalProvider& provider() {
    if (!provider_) provider_ = std::make_unique<LocalProvider>(context);
    return *provider_;
  }

  TaskList& list(std::string_view name = "Reminders") {
    Result<TaskList*> opened = provider().task_list(name, true);
    EXPECT_TRUE(opened) << opened.status().message();
    if (!opened) throw std::runtime_error("no task list");
    return **opened;
  }

  // Creates `name` through the list; returns its etag.
  std::string create(TaskList& tasks, std::string_view name, std::string_view text) {
    std::string etag;
    Result<TaskWrite> wrote = tasks.put(name, text, "", etag);
    EXPECT_TRUE(wrote) << wrote.status().message();
    EXPECT_TRUE(wrote && *wrote == TaskWrite::Written);
    EXPECT_FALSE(etag.empty());
    return etag;
  }

  TempDir tmp;
  fs::path vdir;
  FakeContext context;
  std::unique_ptr<LocalProvider> provider_;
};

TEST_F(LocalTaskListTest, TheListIsAFolderOfTheVdirCreatedWithItsDisplayname) {
  ASSERT_FALSE(fs::exists(vdir / "Reminders"));
  TaskList& tasks = list();
  EXPECT_TRUE(fs::is_directory(vdir / "Reminders"));
  EXPECT_EQ(read_text(vdir / "Reminders" / "displayname"), "Reminders");
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname"}));
  EXPECT_TRUE(read_all(tasks).empty());
  // The same list object each time it is asked for.
  EXPECT_EQ(&list(), &tasks);
}

TEST_F(LocalTaskListTest, AnExistingFolderIsUsedAsItIs) {
  write_file(vdir / "Erinnerungen" / "displayname", "Meine Erinnerungen");
  write_file(vdir / "Erinnerungen" / "t1.ics", task_text("t1", "Already there"), kBaseNs);
  TaskList& tasks = list("Erinnerungen");
  EXPECT_EQ(read_text(vdir / "Erinnerungen" / "displayname"), "Meine Erinnerungen");
  const std::vector<ReadTask> found = read_all(tasks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "t1.ics");
}

TEST_F(LocalTaskListTest, CreateReadUpdateRemove) {
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string first = task_text("kith-1", "Call Dana");
  const std::string etag1 = create(tasks, "kith-1.ics", first);
  EXPECT_EQ(read_text(file), first);

  std::vector<ReadTask> found = read_all(tasks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "kith-1.ics");
  EXPECT_EQ(found[0].etag, etag1);
  EXPECT_EQ(found[0].text, first);

  const std::string second = task_text("kith-1", "Call Dana again, later");
  std::string etag2;
  Result<TaskWrite> updated = tasks.put("kith-1.ics", second, etag1, etag2);
  ASSERT_TRUE(updated) << updated.status().message();
  EXPECT_EQ(*updated, TaskWrite::Written);
  EXPECT_NE(etag2, etag1);
  EXPECT_EQ(read_text(file), second);
  found = read_all(tasks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].etag, etag2);
  EXPECT_EQ(found[0].text, second);

  Result<TaskWrite> removed = tasks.remove("kith-1.ics", etag2);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Written);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(read_all(tasks).empty());
  // No temporary file is left behind.
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname"}));
}

TEST_F(LocalTaskListTest, AnUpdateOfAFileAnotherProgramRewroteIsAConflict) {
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string etag = create(tasks, "kith-1.ics", task_text("kith-1", "Call Dana"));
  const std::string theirs = task_text("kith-1", "Call Dana (done on the phone)");
  rewrite_in_place(file, theirs);

  std::string new_etag = "unchanged";
  Result<TaskWrite> put = tasks.put("kith-1.ics", task_text("kith-1", "Kith's edit"), etag, new_etag);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  EXPECT_EQ(new_etag, "unchanged");
  EXPECT_EQ(read_text(file), theirs);

  Result<TaskWrite> removed = tasks.remove("kith-1.ics", etag);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Conflict);
  EXPECT_EQ(read_text(file), theirs);
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname", "kith-1.ics"}));
}

TEST_F(LocalTaskListTest, ARewriteOfTheSameSizeWithinOneClockTickIsStillAConflict) {
  // A coarse file-system clock: the other program's file has the very same
  // mtime and size; vdirsyncer writes atomically, so the inode differs.
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string ours = task_text("kith-1", "Call Dana");
  const std::string etag = create(tasks, "kith-1.ics", ours);
  const auto mtime = fs::last_write_time(file);
  std::string theirs = ours;
  theirs[theirs.find("Call Dana")] = 'K';  // same size
  rewrite_atomically(file, theirs);
  fs::last_write_time(file, mtime);
  ASSERT_EQ(fs::file_size(file), ours.size());

  std::string new_etag;
  Result<TaskWrite> put = tasks.put("kith-1.ics", ours, etag, new_etag);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  EXPECT_EQ(read_text(file), theirs);
}

TEST_F(LocalTaskListTest, AFileDeletedElsewhereIsMissing) {
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string etag = create(tasks, "kith-1.ics", task_text("kith-1", "Call Dana"));
  fs::remove(file);

  std::string new_etag;
  Result<TaskWrite> put = tasks.put("kith-1.ics", task_text("kith-1", "Kith's edit"), etag, new_etag);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Missing);
  EXPECT_FALSE(fs::exists(file));  // an update never brings a deleted task back

  Result<TaskWrite> removed = tasks.remove("kith-1.ics", etag);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Missing);
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname"}));
}

TEST_F(LocalTaskListTest, ACreateOverAnExistingFileIsAConflict) {
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string theirs = task_text("kith-1", "Written by another program");
  write_file(file, theirs);
  std::string etag;
  Result<TaskWrite> put = tasks.put("kith-1.ics", task_text("kith-1", "Kith"), "", etag);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  EXPECT_EQ(read_text(file), theirs);
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname", "kith-1.ics"}));
}

TEST_F(LocalTaskListTest, BadFileNamesAreRefused) {
  TaskList& tasks = list();
  const std::string text = task_text("x", "x");
  const std::string names[] = {"",         ".ics",       ".hidden.ics",   "../escape.ics", "sub/x.ics",
                               "/abs.ics", "note.txt",   "x.ICS.txt",     "..",           std::string("a\0b.ics", 7),
                               std::string(201, 'a').substr(0, 197) + ".ics"};
  for (const std::string& name : names) {
    std::string etag;
    Result<TaskWrite> put = tasks.put(name, text, "", etag);
    ASSERT_FALSE(put) << name;
    EXPECT_EQ(put.status().kind(), ErrorKind::Item) << name;
    Result<TaskWrite> removed = tasks.remove(name, "1-2-3");
    ASSERT_FALSE(removed) << name;
    EXPECT_EQ(removed.status().kind(), ErrorKind::Item) << name;
  }
  EXPECT_EQ(entries_of(vdir / "Reminders"), (std::set<std::string>{"displayname"}));
  EXPECT_EQ(entries_of(vdir), (std::set<std::string>{"Reminders", "work"}));
  EXPECT_FALSE(fs::exists(tmp.path() / "escape.ics"));
  // The longest name accepted.
  EXPECT_FALSE(create(tasks, std::string(196, 'a') + ".ics", text).empty());
}

TEST_F(LocalTaskListTest, BadListNamesAreAnAccountErrorNamingThem) {
  for (const std::string& name : {std::string(), std::string("."), std::string(".."), std::string("a/b"),
                                  std::string(".hidden"), std::string("a\0b", 3), std::string("../outside")}) {
    Result<TaskList*> opened = provider().task_list(name, true);
    ASSERT_FALSE(opened) << name;
    EXPECT_EQ(opened.status().kind(), ErrorKind::Account);
    EXPECT_NE(opened.status().message().find("reminders list \""), std::string::npos) << opened.status().message();
  }
  EXPECT_EQ(entries_of(vdir), (std::set<std::string>{"work"}));
  EXPECT_EQ(entries_of(tmp.path()), (std::set<std::string>{"calendars"}));
}

TEST_F(LocalTaskListTest, AnAccountWithoutAVdirCannotHoldTasks) {
  context.mutable_settings().erase(kVdirKey);
  context.mutable_settings().set(kMaildirKey, (tmp.path() / "mail").string());
  Result<TaskList*> opened = provider().task_list("Reminders", true);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.status().kind(), ErrorKind::Account);
  EXPECT_EQ(opened.status().message(), "account test has no vdir setting to hold the reminders list");
}

TEST_F(LocalTaskListTest, AMissingVdirIsNotCreated) {
  // An unmounted disk: the reminders must not go to the mount point.
  context.mutable_settings().set(kVdirKey, (tmp.path() / "unmounted").string());
  Result<TaskList*> opened = provider().task_list("Reminders", true);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.status().kind(), ErrorKind::Account);
  EXPECT_FALSE(fs::exists(tmp.path() / "unmounted"));
}

TEST_F(LocalTaskListTest, WithoutCreateAMissingListIsNullAndNothingIsMade) {
  Result<TaskList*> opened = provider().task_list("Reminders", false);
  ASSERT_TRUE(opened) << opened.status().message();
  EXPECT_EQ(*opened, nullptr);
  EXPECT_FALSE(fs::exists(vdir / "Reminders")) << "a dry run made the folder";
  opened = provider().task_list("Reminders", true);
  ASSERT_TRUE(opened && *opened);
  EXPECT_TRUE(fs::is_directory(vdir / "Reminders"));
}

TEST_F(LocalTaskListTest, ReadReportsOnlyTaskFiles) {
  TaskList& tasks = list();
  const fs::path folder = vdir / "Reminders";
  write_file(folder / "task.ics", task_text("t", "A task"));
  write_file(folder / "event.ics", ics_event("e@example.org", "20260601T090000Z", "An event"));
  write_file(folder / ".hidden.ics", task_text("h", "hidden"));
  write_file(folder / ".task.ics.tmp-1-2", task_text("tmp", "a temporary file"));
  write_file(folder / "notes.txt", task_text("n", "not .ics"));
  fs::create_directories(folder / "dir.ics");
  ASSERT_EQ(::mkfifo((folder / "fifo.ics").c_str(), 0600), 0);  // must not block the read
  const std::vector<ReadTask> found = read_all(tasks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "task.ics");
}

TEST_F(LocalTaskListTest, AnOversizedFileIsSkippedWithAWarning) {
  TaskList& tasks = list();
  const fs::path big = vdir / "Reminders" / "big.ics";
  write_file(big, task_text("big", "Big"));
  fs::resize_file(big, kMaxCalendarResourceBytes + 1);  // sparse: no 16 MiB written
  write_file(vdir / "Reminders" / "small.ics", task_text("small", "Small"));
  const std::vector<ReadTask> found = read_all(tasks);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "small.ics");
  EXPECT_TRUE(context.fake_logger().contains(LogLevel::Warn, "big.ics skipped: larger than 16 MiB"));

  std::string etag;
  Result<TaskWrite> put = tasks.put("huge.ics", std::string(kMaxCalendarResourceBytes + 1, 'x'), "", etag);
  ASSERT_FALSE(put);
  EXPECT_EQ(put.status().kind(), ErrorKind::Item);
  EXPECT_FALSE(fs::exists(vdir / "Reminders" / "huge.ics"));
}

TEST_F(LocalTaskListTest, NewFilesArePrivateAndUpdatesKeepTheirMode) {
  TaskList& tasks = list();
  const fs::path file = vdir / "Reminders" / "kith-1.ics";
  const std::string etag = create(tasks, "kith-1.ics", task_text("kith-1", "Call Dana"));
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const std::string chmodded = read_all(tasks).at(0).etag;  // a chmod changes no etag: same file
  EXPECT_EQ(chmodded, etag);
  std::string etag2;
  Result<TaskWrite> updated = tasks.put("kith-1.ics", task_text("kith-1", "Call Dana!"), etag, etag2);
  ASSERT_TRUE(updated && *updated == TaskWrite::Written);
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST_F(LocalTaskListTest, AListFolderRemovedMeanwhileIsACollectionError) {
  TaskList& tasks = list();
  fs::remove_all(vdir / "Reminders");
  std::string etag;
  Result<TaskWrite> put = tasks.put("kith-1.ics", task_text("kith-1", "x"), "", etag);
  ASSERT_FALSE(put);
  EXPECT_EQ(put.status().kind(), ErrorKind::Collection);
  CollectingTaskSink sink;
  EXPECT_EQ(tasks.read(sink).kind(), ErrorKind::Collection);
  EXPECT_FALSE(fs::exists(vdir / "Reminders"));
}

TEST_F(LocalTaskListTest, TheCalendarSyncOfTheVdirLeavesTheTaskFilesAlone) {
  TaskList& tasks = list();
  create(tasks, "kith-1.ics", task_text("kith-1", "Call Dana"));
  // A task whose text mentions an event's BEGIN line (escaped onto one line).
  create(tasks, "kith-2.ics", task_text("kith-2", "Paste this:\nBEGIN:VEVENT\nEND:VEVENT"));
  RecordingSink sink;
  const SyncState state = sink.state;
  ASSERT_TRUE(provider().sync(state, sink).is_ok());
  EXPECT_TRUE(sink.failures.empty()) << sink.failures.at(0).item << ": " << sink.failures.at(0).why.message();
  ASSERT_EQ(sink.events().size(), 1u);
  EXPECT_EQ(sink.events()[0].resource, "a.ics");
}

}  // namespace local_task_list_test
}  // namespace kith::local

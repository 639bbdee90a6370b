// Reminders written back as tasks into a vdir through the `local`
// provider, end to end: the real `kith` binary syncs a real Dovecot
// (the same mail as RemindServersTest) and `[reminders] account` names a
// local account whose vdir gets one `.ics` file per task in `<vdir>/Kith/`,
// the layout vdirsyncer carries to the user's phone. The test edits and
// deletes files as vdirsyncer would after the phone's changes.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "EndToEnd.h"

namespace kith::test {
namespace remind_vdir_test {

using namespace kith::test::e2e;
using kith::calendar::TaskStatus;
using kith::testing::DovecotServer;

const std::string kAsOf = "2026-06-01T00:00:00Z";
const std::string kDana = "dana@example.net", kErin = "erin@example.net", kFrank = "frank@example.net";

const std::vector<Mail> kMail = {
    {true, "2026-05-05T10:00:00Z", {"Dana Whitfield <dana@example.net>"}, "dana-1@example.org", "Plans"},
    {true, "2026-04-20T09:00:00Z", {"Erin Lake <erin@example.net>"}, "erin-1@example.org", "Photos"},
    {true, "2026-05-25T08:00:00Z", {"Frank Moss <frank@example.net>"}, "frank-1@example.org", "Proposal"},
    {false, "2026-05-28T15:00:00Z", {"Frank Moss <frank@example.net>"}, "frank-2@example.net", "Re: Proposal"},
    {true, "2026-05-20T12:00:00Z", {"Gus Ruiz <gus@example.net>"}, "gus-1@example.org", "Lunch"},
};

struct Wanted {
  std::string address, summary, description, due;
};
const std::vector<Wanted> kWanted = {
    {kDana, "Catch up with Dana Whitfield", "Cadence 30 days: due 2026-06-04, last touch 2026-05-05 (email_sent).",
     "2026-06-04"},
    {kErin, "Catch up with Erin Lake", "Cadence 30 days: due 2026-05-20, last touch 2026-04-20 (email_sent).",
     "2026-05-20"},
    {kFrank, "Catch up with Frank Moss", "Awaiting your reply since 2026-05-28.", "2026-05-30"},
};

// A file as the folder holds it: its bytes, and what tells a rewrite
// (modification time in nanoseconds, inode).
struct File {
  std::string text;
  long long mtime_ns = 0;
  ino_t inode = 0;
  friend bool operator==(const File&, const File&) = default;
};

void PrintTo(const File& f, std::ostream* out) { *out << "inode " << f.inode << " mtime " << f.mtime_ns << ":\n" << f.text; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class RemindVdir : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(std::filesystem::path(KITH_PLUGIN_BUILD_DIR) / "kith_provider_local.so"))
      GTEST_SKIP() << "the local provider is not built (KITH_BUILD_SAMPLES=OFF)";
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
    auto dovecot = DovecotServer::start();
    ASSERT_TRUE(dovecot) << dovecot.status().message();
    dovecot_ = std::move(*dovecot);
    ASSERT_NO_FATAL_FAILURE(seed_mail(*dovecot_, kMail));
    std::filesystem::create_directories(vdir());
    std::ofstream(kith.config()) << "[identity]\naddresses = [\"" << kOwner << "\"]\n\n"
                                 << "[cadence]\ndefault = \"30d\"\n\n"
                                 << "[reminders]\naccount = \"phone\"\ncalendar = \"Kith\"\n\n"
                                 << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" << dovecot_->imap_url()
                                 << "\"\nusername = \"" << kOwner
                                 << "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n\n"
                                 << "[[account]]\nname = \"phone\"\nprovider = \"local\"\nvdir = \"" << vdir().string()
                                 << "\"\n";
    ASSERT_NO_FATAL_FAILURE(kith.must({"sync"}));
    id = kith.ids(kAsOf);
    for (const auto& w : kWanted) ASSERT_TRUE(id.count(w.address)) << w.address;
  }

  std::filesystem::path vdir() const { return dir / "vdir"; }
  std::filesystem::path folder() const { return vdir() / "Kith"; }

  // Every file of the folder, by name.
  std::map<std::string, File> files() {
    std::map<std::string, File> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder(), ec)) {
      struct stat st {};
      EXPECT_EQ(::stat(entry.path().c_str(), &st), 0) << entry.path();
      out[entry.path().filename().string()] = {read_file(entry.path()),
                                               static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec,
                                               st.st_ino};
    }
    EXPECT_FALSE(ec) << ec.message();
    return out;
  }

  static std::string file_of(const std::string& address) {
    const std::string uid = task_uid(address, "due");
    return uid.substr(0, uid.find('@')) + ".ics";
  }

  json remind(int exit_code = 0) { return kith.query(kAsOf, {"remind"}, exit_code); }

  json report(json steps) {
    return {{"account", "phone"}, {"calendar", "Kith"}, {"calendar_exists", true}, {"dry_run", false}, {"problems", json::array()},
            {"steps", steps}};
  }

  std::unique_ptr<DovecotServer> dovecot_;
  TempDir dir;
  Kith kith{dir.path()};
  std::map<std::string, std::int64_t> id;
};

TEST_F(RemindVdir, TheTasksAreFilesInTheFolderAndTheUsersEditsWin) {
  ASSERT_FALSE(std::filesystem::exists(folder()));

  // The first run makes the folder (named for vdirsyncer in `displayname`)
  // and one file per task, named after its UID.
  json creates = json::array();
  std::vector<const Wanted*> by_id;
  for (const auto& w : kWanted) by_id.push_back(&w);
  std::sort(by_id.begin(), by_id.end(), [&](const Wanted* a, const Wanted* b) { return id.at(a->address) < id.at(b->address); });
  for (const Wanted* w : by_id)
    creates.push_back({{"action", "create"}, {"due", w->due}, {"person", id.at(w->address)}, {"summary", w->summary},
                       {"uid", task_uid(w->address, "due")}, {"why", "\"" + w->summary + "\" (due " + w->due + ")"}});
  EXPECT_EQ(remind(), report(creates));
  const auto made = files();
  std::vector<std::string> names;
  for (const auto& [name, _] : made) names.push_back(name);
  std::vector<std::string> wanted_names = {"displayname"};
  for (const auto& w : kWanted) wanted_names.push_back(file_of(w.address));
  std::sort(wanted_names.begin(), wanted_names.end());
  ASSERT_EQ(names, wanted_names);
  EXPECT_EQ(made.at("displayname").text.substr(0, 4), "Kith");
  for (const auto& w : kWanted) {
    SCOPED_TRACE(w.summary);
    const auto task = parsed_task(made.at(file_of(w.address)).text);
    EXPECT_EQ(task.uid, task_uid(w.address, "due"));
    EXPECT_EQ(task.summary, w.summary);
    EXPECT_EQ(task.description, w.description);
    EXPECT_EQ(due_day(task), w.due);
    EXPECT_EQ(task.categories, std::vector<std::string>{"Kith"});
    EXPECT_EQ(task.status, TaskStatus::NeedsAction);
  }

  // A second run changes nothing: no step, no file rewritten.
  EXPECT_EQ(remind(), report(json::array()));
  EXPECT_EQ(files(), made);

  // What vdirsyncer brings back from the phone: Dana's task completed (the
  // file rewritten in place), Frank's deleted.
  const std::string dana = file_of(kDana), frank = file_of(kFrank);
  const std::string done = completed_copy(made.at(dana).text, "20260531T180000Z");
  std::ofstream(folder() / dana, std::ios::binary | std::ios::trunc) << done;
  std::filesystem::remove(folder() / frank);
  const auto edited = files();
  ASSERT_EQ(edited.at(dana).text, done);

  json steps = json::array();
  std::vector<std::string> order = {kDana, kFrank};
  std::sort(order.begin(), order.end(),
            [](const std::string& a, const std::string& b) { return task_uid(a, "due") < task_uid(b, "due"); });
  for (const auto& address : order) {
    const bool is_dana = address == kDana;
    steps.push_back({{"action", "snooze"}, {"due", nullptr}, {"person", id.at(address)}, {"summary", nullptr},
                     {"uid", nullptr},
                     {"why", cat(is_dana ? "you completed \"Catch up with Dana Whitfield\"" : "you deleted \"Catch up with Frank Moss\"",
                                 ": person ", std::to_string(id.at(address)), " snoozed 30 days, until 2026-07-01")}});
    if (is_dana)
      steps.push_back({{"action", "adopt"}, {"due", nullptr}, {"person", id.at(kDana)}, {"summary", nullptr},
                       {"uid", task_uid(kDana, "due")},
                       {"why", "\"Catch up with Dana Whitfield\" was changed in another app: completed there"}});
    else
      steps.push_back({{"action", "forget"}, {"due", nullptr}, {"person", nullptr}, {"summary", nullptr},
                       {"uid", task_uid(kFrank, "due")},
                       {"why", cat("the task ", frank, " is gone from the list: forgotten")}});
  }
  EXPECT_EQ(remind(), report(steps));
  EXPECT_EQ(files(), edited) << "Kith wrote over the user's files";
  EXPECT_EQ(remind(), report(json::array()));
  EXPECT_EQ(files(), edited);
  EXPECT_EQ(kith.query(kAsOf, {"show", kDana})["due_at"], "2026-07-01T00:00:00Z");
  std::vector<std::int64_t> due;
  for (const auto& e : kith.query(kAsOf, {"due"})) due.push_back(e["id"].get<std::int64_t>());
  EXPECT_EQ(due, std::vector<std::int64_t>{id.at(kErin)});

  // The local account syncs its vdir, the task folder in it: no event, no
  // failure, no one new.
  const json synced = kith.query(kAsOf, {"sync"});
  for (const auto& account : synced) {
    EXPECT_EQ(account["result"], "ok") << account.dump();
    EXPECT_EQ(account["item_errors"], 0) << account.dump();
  }
  EXPECT_EQ(kith.ids(kAsOf), id);
  EXPECT_EQ(files(), edited);
}

}  // namespace remind_vdir_test
}  // namespace kith::test

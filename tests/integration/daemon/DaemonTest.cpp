// kithd as users run it: the real binary, real Dovecot and Radicale servers,
// killed, stopped, reconfigured and starved of its servers on purpose.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/DovecotServer.h"
#include "servers/RadicaleServer.h"
#include "servers/TestProcess.h"

namespace kith::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using kith::testing::ChildProcess;
using kith::testing::DovecotServer;
using kith::testing::RadicaleServer;

std::string message(int i) {
  return "From: Person " + std::to_string(i) + " <person" + std::to_string(i) + "@example.net>\r\n"
         "To: alex@example.org\r\nMessage-ID: <m" + std::to_string(i) + "@example.net>\r\n"
         "Date: Mon, 2 Mar 2026 10:00:00 +0100\r\nSubject: hi\r\n\r\nbody\r\n";
}

std::string event(int i) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:e" + std::to_string(i) +
         "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T100000Z\r\nDTEND:20260310T110000Z\r\n"
         "ORGANIZER:mailto:alex@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:guest" + std::to_string(i) +
         "@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

std::int64_t count_rows(const std::filesystem::path& db, const char* sql) {
  sqlite3* handle = nullptr;
  std::int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 2000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
      n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return n;
}

class Daemon : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
  }

  std::filesystem::path db() const { return dir / "history.db"; }

  void write_config(const std::string& accounts, const std::string& daemon = "backoff_initial_seconds = 1\nbackoff_max_seconds = 2\nfailed_recheck_seconds = 1\n") {
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[daemon]\n" << daemon << "\n"
                                     << accounts;
  }

  static std::string imap_account(const DovecotServer& server, const std::string& extra = "") {
    return "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" + server.imap_url() +
           "\"\nusername = \"alex@example.org\"\npassword_env = \"KITH_TEST_PASSWORD\"\ninterval = 3600\n" + extra + "\n";
  }
  static std::string caldav_account(const RadicaleServer& server, const std::string& extra = "") {
    return "[[account]]\nname = \"calendar\"\nprovider = \"caldav\"\nurl = \"" + server.base_url() +
           "\"\nusername = \"alex\"\npassword_env = \"KITH_TEST_PASSWORD\"\ninterval = 3600\n" + extra + "\n";
  }
  std::string local_account(const std::string& name) {
    return "[[account]]\nname = \"" + name + "\"\nprovider = \"local\"\nmaildir = \"" +
           (std::filesystem::path(KITH_SAMPLES_DIR) / "data/mail").string() + "\"\ninterval = 3600\n\n";
  }

  ChildProcess start_kithd(const std::filesystem::path& database) {
    auto child = ChildProcess::spawn({std::string(KITH_BINARY_DIR) + "/bin/kithd", "--config", (dir / "kith.toml").string(),
                                      "--db", database.string(), "--log-level", "debug"},
                                     (dir / "kithd.log").string());
    EXPECT_TRUE(child) << child.status().message();
    return child ? std::move(*child) : ChildProcess();
  }
  ChildProcess start_kithd() { return start_kithd(db()); }

  ProcessResult kith(std::vector<std::string> args, const std::filesystem::path& database) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", database.string()});
    return run_kith(args, dir.path());
  }
  json status() {
    auto r = kith({"status", "--json"}, db());
    if (r.exit_code != 0) return json();
    return json::parse(r.out);
  }
  json account_state(const std::string& name) {
    const json s = status();
    if (s.is_null()) return json();
    for (const auto& a : s["accounts"])
      if (a["name"] == name) return a;
    return json();
  }

  // Polls until `done` or the deadline; returns whether it got there.
  static bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return done();
  }

  bool idle_after_success(const std::string& name) {
    const json a = account_state(name);
    return !a.is_null() && !a["state"].is_null() && a["state"]["state"] == "idle" && a["last_run"]["result"] == "ok";
  }

  // Contacts without their ids (which depend on insertion order).
  json history_of(const std::filesystem::path& database) {
    auto r = kith({"contacts", "--json", "--sort", "name"}, database);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json contacts = json::parse(r.out);
    for (auto& c : contacts) c.erase("id");
    return contacts;
  }

  std::string log() const { return read_file(dir / "kithd.log"); }

  kith::test::TempDir dir;
};

TEST_F(Daemon, ASecondDaemonOnTheSameStoreIsRefused) {
  write_config(local_account("a"));
  auto first = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("a"); }, 30s)) << log();
  auto second = kith({"status"}, db());  // kith reads freely
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("kithd is running (pid " + std::to_string(first.pid()) + ")"), std::string::npos) << second.out;
  const std::string cmd = std::string(KITH_BINARY_DIR) + "/bin/kithd --config " + shell_quote((dir / "kith.toml").string()) +
                          " --db " + shell_quote(db().string()) + " 2>" + shell_quote((dir / "second.err").string());
  const int rc = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 1);
  EXPECT_NE(read_file(dir / "second.err").find("another kithd (pid " + std::to_string(first.pid()) + ")"),
            std::string::npos);
  // Killed hard, its lock is taken over by the next one.
  ASSERT_TRUE(first.kill_hard());
  auto third = start_kithd();
  EXPECT_TRUE(wait_for([&] { return status()["daemon"]["pid"] == third.pid(); }, 10s)) << status();
}

// Two free loopback ports at once (bound together, so they differ; then
// closed for kithd to take).
std::pair<int, int> two_free_ports() {
  int fds[2];
  int ports[2];
  for (int i = 0; i < 2; ++i) {
    fds[i] = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    EXPECT_EQ(::bind(fds[i], reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::getsockname(fds[i], reinterpret_cast<sockaddr*>(&a), &len), 0);
    ports[i] = ntohs(a.sin_port);
  }
  for (int fd : fds) ::close(fd);
  return {ports[0], ports[1]};
}

bool listening(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return connected;
}

TEST_F(Daemon, SighupMovesStopsAndStartsTheDashboard) {
  const auto [first, second] = two_free_ports();
  const auto dashboard = [](int port) { return "[dashboard]\nlisten = \"127.0.0.1:" + std::to_string(port) + "\"\n"; };
  const std::filesystem::path link = db().string() + ".dashboard-link";
  const auto linked_to = [&](int port) {
    return read_file(link).find("127.0.0.1:" + std::to_string(port) + "/") != std::string::npos && listening(port);
  };
  write_config(local_account("a") + dashboard(first));
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return linked_to(first); }, 30s)) << log();
  write_config(local_account("a") + dashboard(second));
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return linked_to(second); }, 30s)) << log();
  EXPECT_FALSE(listening(first));
  write_config(local_account("a"));  // no [dashboard]: none served
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return !std::filesystem::exists(link) && !listening(second); }, 30s)) << log();
  write_config(local_account("a") + dashboard(first));
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return linked_to(first); }, 30s)) << log();
  // An address it may not serve: refused in the log, nothing served.
  write_config(local_account("a") + "[dashboard]\nlisten = \"0.0.0.0:" + std::to_string(second) + "\"\n");
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return log().find("dashboard not started") != std::string::npos; }, 30s)) << log();
  EXPECT_FALSE(listening(first));
  EXPECT_FALSE(std::filesystem::exists(link));
  EXPECT_TRUE(idle_after_success("a")) << status();  // the syncs went on throughout
}

TEST_F(Daemon, SighupAddsAndRemovesAccountsAndHistoryStays) {
  write_config(local_account("a"));
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("a"); }, 30s)) << log();
  write_config(local_account("a") + local_account("b"));
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return idle_after_success("b"); }, 30s)) << log();
  const auto interactions = count_rows(db(), "SELECT COUNT(*) FROM interactions");
  write_config(local_account("b"));
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return account_state("a")["state"]["state"] == "stopped"; }, 10s)) << status();
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM interactions"), interactions);
  // A broken config keeps the old one running.
  std::ofstream(dir / "kith.toml") << "[[account]\nbroken";
  ::kill(daemon.pid(), SIGHUP);
  EXPECT_TRUE(wait_for([&] { return log().find("config not reloaded, keeping the old one") != std::string::npos; }, 10s));
  EXPECT_TRUE(daemon.running());
  ASSERT_TRUE(daemon.stop());
  EXPECT_EQ(WEXITSTATUS(*daemon.wait_status()), 0);
}

TEST_F(Daemon, SigtermDuringASyncExitsCleanlyAndFast) {
  auto server = DovecotServer::start({});
  ASSERT_TRUE(server) << server.status().message();
  std::vector<std::string> raws;
  for (int i = 0; i < 3000; ++i) raws.push_back(message(i));
  ASSERT_TRUE((*server)->add_messages("alex@example.org", "INBOX", raws));
  write_config(imap_account(**server, "chunk_size = 10\npipeline_depth = 1"));
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return count_rows(db(), "SELECT COUNT(*) FROM interactions") >= 100; }, 60s)) << log();
  const auto t0 = Clock::now();
  ::kill(daemon.pid(), SIGTERM);
  ASSERT_TRUE(wait_for([&] { return !daemon.running(); }, 10s));
  const auto elapsed = Clock::now() - t0;
  ASSERT_TRUE(daemon.stop());  // reaps it
  EXPECT_EQ(WEXITSTATUS(*daemon.wait_status()), 0) << log();
  EXPECT_LT(elapsed, 5s);
  const auto partial = count_rows(db(), "SELECT COUNT(*) FROM interactions");
  EXPECT_LT(partial, 3000) << "the sync ended before the signal; nothing was tested";
  // What was committed is whole: a later pass completes without doubles.
  auto r = kith({"sync"}, db());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM interactions"), 3000);
}

TEST_F(Daemon, NewMailIsPushedThroughImapIdle) {
  auto started = DovecotServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  ASSERT_TRUE(server.add_messages("alex@example.org", "INBOX", {message(1)}));
  write_config(imap_account(server));  // interval: an hour
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("mail"); }, 30s)) << log();
  ASSERT_EQ(count_rows(db(), "SELECT COUNT(*) FROM interactions"), 1);
  std::this_thread::sleep_for(500ms);  // let the IDLE start
  ASSERT_TRUE(server.add_messages("alex@example.org", "INBOX", {message(2)}));
  EXPECT_TRUE(wait_for([&] { return count_rows(db(), "SELECT COUNT(*) FROM interactions") == 2; }, 20s)) << log();
  EXPECT_NE(log().find("the server reported a change"), std::string::npos) << log();
}

TEST_F(Daemon, BacksOffWhileTheImapServerIsDownAndRecovers) {
  auto started = DovecotServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  std::vector<std::string> raws;
  for (int i = 0; i < 2000; ++i) raws.push_back(message(i));
  ASSERT_TRUE(server.add_messages("alex@example.org", "INBOX", raws));
  write_config(imap_account(server, "chunk_size = 10\npipeline_depth = 1\ntimeout_seconds = 2"));
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return count_rows(db(), "SELECT COUNT(*) FROM interactions") >= 50; }, 60s)) << log();
  ASSERT_TRUE(server.stop());
  EXPECT_TRUE(wait_for([&] { return account_state("mail")["state"]["state"] == "backing_off"; }, 30s)) << status();
  ASSERT_TRUE(server.restart());
  EXPECT_TRUE(wait_for([&] { return idle_after_success("mail"); }, 60s)) << status() << log();
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM interactions"), 2000);
}

TEST_F(Daemon, AWrongPasswordFailsTheAccountUntilAManualSyncSucceeds) {
  auto started = DovecotServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  ASSERT_TRUE(server.add_messages("alex@example.org", "INBOX", {message(1)}));
  std::ofstream(dir / "password") << "wrong\n";
  write_config("[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" + server.imap_url() +
               "\"\nusername = \"alex@example.org\"\npassword_command = \"cat " + (dir / "password").string() +
               "\"\ninterval = 3600\n");
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return account_state("mail")["state"]["state"] == "failed"; }, 30s)) << status();
  EXPECT_NE(account_state("mail")["state"]["reason"].get<std::string>().find("refused the login"), std::string::npos);
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM sync_runs"), 1) << "a failed account must not be retried by itself";
  std::ofstream(dir / "password") << "secret\n";
  auto manual = kith({"sync", "mail"}, db());
  EXPECT_EQ(manual.exit_code, 0) << manual.err;
  EXPECT_TRUE(wait_for([&] { return account_state("mail")["state"]["state"] == "idle"; }, 15s)) << status();
}

TEST_F(Daemon, BrokenItemsAreQuarantinedAndTheRestSyncs) {
  // The sample data holds a broken .ics; add a mail file that is no message.
  std::filesystem::copy(std::filesystem::path(KITH_SAMPLES_DIR) / "data", dir / "data",
                        std::filesystem::copy_options::recursive);
  std::ofstream(dir / "data/mail/cur/1760000000.M99P1.sample:2,S") << std::string("\x01\x02\x03 no header here\n", 20);
  write_config("[[account]]\nname = \"sample\"\nprovider = \"local\"\nmaildir = \"data/mail\"\nvdir = \"data/calendars\"\n"
               "interval = 3600\n");
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("sample"); }, 30s)) << log();
  const json a = account_state("sample");
  ASSERT_EQ(a["item_errors"].size(), 2u) << a;
  // The sample's 14 addresses of others (Dana's two apart: no address
  // book here), plus alex.morgan@example.com: this config names only one
  // of the owner's two addresses.
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM contacts"), 15);
}

// After each sync, kithd makes the summaries the relationship lists read
// (relate/PersonSummary.h), so `kith due` answers at once.
TEST_F(Daemon, KeepsTheRelationshipSummariesCurrent) {
  std::filesystem::copy(std::filesystem::path(KITH_SAMPLES_DIR) / "data", dir / "data",
                        std::filesystem::copy_options::recursive);
  write_config("[[account]]\nname = \"sample\"\nprovider = \"local\"\nmaildir = \"data/mail\"\nvdir = \"data/calendars\"\n"
               "interval = 3600\n");
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("sample"); }, 30s)) << log();
  EXPECT_GT(count_rows(db(), "SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM changed_people"), 0) << log();
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM person_summaries"), count_rows(db(), "SELECT COUNT(*) FROM contacts"));
}

// After a sync pass that changed something, kithd writes the reminders:
// here into the sample's own vdir, through the local provider.
TEST_F(Daemon, WritesTheRemindersAfterASyncThatChangedSomething) {
  std::filesystem::copy(std::filesystem::path(KITH_SAMPLES_DIR) / "data", dir / "data",
                        std::filesystem::copy_options::recursive);
  write_config("[[account]]\nname = \"sample\"\nprovider = \"local\"\nmaildir = \"data/mail\"\nvdir = \"data/calendars\"\n"
               "interval = 3600\n\n[cadence]\ndefault = \"3m\"\n\n[reminders]\naccount = \"sample\"\ncalendar = \"Kith\"\n");
  auto daemon = start_kithd();
  const auto tasks = dir / "data/calendars/Kith";
  auto written = [&] {
    if (!std::filesystem::is_directory(tasks)) return std::size_t{0};
    std::size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(tasks)) n += f.path().extension() == ".ics";
    return n;
  };
  ASSERT_TRUE(wait_for([&] { return idle_after_success("sample") && written() > 0; }, 30s)) << log();
  EXPECT_NE(log().find("reminders: "), std::string::npos) << log();
  // What kithd wrote is what `kith remind` wants: nothing left to change.
  auto dry = kith({"remind", "--dry-run", "--json"}, db());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const json plan = json::parse(dry.out);
  EXPECT_TRUE(plan["steps"].empty()) << plan.dump(1);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM reminder_tasks"), static_cast<std::int64_t>(written()));
}

// Killed at random moments during a large first sync and restarted each
// time, the daemon must end with exactly the history one clean sync makes.
TEST_F(Daemon, KilledTwentyTimesDuringAFirstSyncItLosesAndDoublesNothing) {
  auto dovecot = DovecotServer::start({});
  ASSERT_TRUE(dovecot) << dovecot.status().message();
  std::vector<std::string> raws;
  // Enough work that twenty kills all land inside the first sync.
  for (int i = 0; i < 3000; ++i) raws.push_back(message(i % 300));  // each Message-ID ten times
  ASSERT_TRUE((*dovecot)->add_messages("alex@example.org", "INBOX", raws));
  auto radicale = RadicaleServer::start({});
  ASSERT_TRUE(radicale) << radicale.status().message();
  ASSERT_TRUE((*radicale)->make_calendar("alex", "work", "Work"));
  std::vector<std::pair<std::string, std::string>> events;
  for (int i = 0; i < 300; ++i) events.emplace_back("e" + std::to_string(i) + ".ics", event(i));
  ASSERT_TRUE((*radicale)->seed_events("alex", "work", events));
  write_config(imap_account(**dovecot, "chunk_size = 5\npipeline_depth = 1") +
               caldav_account(**radicale, "multiget_size = 5"));

  // Each kill must interrupt a sync in progress: a run a killed daemon
  // began stays unfinished in sync_runs forever, so the count of
  // unfinished runs grows by one for every kill that landed mid-sync.
  constexpr const char* kUnfinished = "SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NULL";
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> delay_ms(0, 30);
  int kills_mid_sync = 0;
  for (int kill = 0; kill < 20; ++kill) {
    const std::int64_t unfinished_before = std::max<std::int64_t>(count_rows(db(), kUnfinished), 0);
    auto daemon = start_kithd();
    ASSERT_TRUE(wait_for([&] { return count_rows(db(), kUnfinished) > unfinished_before; }, 30s))
        << "kill " << kill << ": no sync started\n" << log();
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    ASSERT_TRUE(daemon.kill_hard());
    if (count_rows(db(), kUnfinished) > unfinished_before) ++kills_mid_sync;
  }
  auto daemon = start_kithd();
  ASSERT_TRUE(wait_for([&] { return idle_after_success("mail") && idle_after_success("calendar"); }, 120s))
      << status() << log();
  ASSERT_TRUE(daemon.stop());
  const json survived = history_of(db());

  // One clean sync of the same servers into a fresh store.
  const auto clean_db = dir / "clean.db";
  auto clean = kith({"sync"}, clean_db);
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const json expected = history_of(clean_db);
  EXPECT_EQ(expected.size(), 600u);  // 300 senders + 300 guests
  EXPECT_EQ(survived, expected);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM interactions"), count_rows(clean_db, "SELECT COUNT(*) FROM interactions"));
  EXPECT_EQ(kills_mid_sync, 20) << "some kills landed between syncs";
  EXPECT_GE(count_rows(db(), kUnfinished), 20);
}

}  // namespace
}  // namespace kith::test

// Several kithd workers on one PostgreSQL store (engine/store/AccountLeases.h):
// the real kithd binary, three at once, against real Dovecot, Radicale and
// PostgreSQL 15 servers; one killed with SIGKILL mid-sync, PostgreSQL
// restarted under them.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/DovecotServer.h"
#include "servers/PostgresServer.h"
#include "servers/RadicaleServer.h"
#include "servers/TestProcess.h"

namespace kith::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using kith::testing::ChildProcess;
using kith::testing::DovecotServer;
using kith::testing::PostgresServer;
using kith::testing::RadicaleServer;

const std::vector<std::string> kMailUsers = {"ann@example.org", "ben@example.org", "cat@example.org", "dan@example.org"};
const std::vector<std::string> kCalendarUsers = {"alex", "bo"};

std::string message(const std::string& to, int i) {
  return "From: Person " + std::to_string(i) + " <person" + std::to_string(i) + "@example.net>\r\n"
         "To: " + to + "\r\nMessage-ID: <m" + std::to_string(i) + "." + to + ">\r\n"
         "Date: Mon, 2 Mar 2026 10:00:00 +0100\r\nSubject: hi\r\n\r\nbody\r\n";
}

std::string event(const std::string& user, int i) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:" + user + "-e" +
         std::to_string(i) + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T100000Z\r\nDTEND:20260310T110000Z\r\n"
         "ORGANIZER:mailto:alex@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:guest" + std::to_string(i) + "." + user +
         "@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

class LeasedWorkers : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
  }

  // Six accounts: four IMAP users on one Dovecot, two CalDAV users on one
  // Radicale, with enough in each that a first sync takes a moment.
  void start_servers(int messages_each = 300, int events_each = 100, int mail_interval = 3600) {
    kith::testing::DovecotOptions options;
    options.users.clear();
    for (const auto& u : kMailUsers) options.users.emplace_back(u, "secret");
    auto d = DovecotServer::start(options);
    ASSERT_TRUE(d) << d.status().message();
    dovecot = std::move(*d);
    for (const auto& u : kMailUsers) {
      std::vector<std::string> raws;
      for (int i = 0; i < messages_each; ++i) raws.push_back(message(u, i));
      ASSERT_TRUE(dovecot->add_messages(u, "INBOX", raws));
    }
    kith::testing::RadicaleOptions roptions;
    roptions.users.clear();
    for (const auto& u : kCalendarUsers) roptions.users.emplace_back(u, "secret");
    auto r = RadicaleServer::start(roptions);
    ASSERT_TRUE(r) << r.status().message();
    radicale = std::move(*r);
    for (const auto& u : kCalendarUsers) {
      ASSERT_TRUE(radicale->make_calendar(u, "work", "Work"));
      std::vector<std::pair<std::string, std::string>> events;
      for (int i = 0; i < events_each; ++i) events.emplace_back("e" + std::to_string(i) + ".ics", event(u, i));
      ASSERT_TRUE(radicale->seed_events(u, "work", events));
    }
    std::string accounts;
    for (std::size_t i = 0; i < kMailUsers.size(); ++i)
      accounts += "[[account]]\nname = \"mail" + std::to_string(i) + "\"\nprovider = \"imap\"\nurl = \"" +
                  dovecot->imap_url() + "\"\nusername = \"" + kMailUsers[i] +
                  "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ninterval = " + std::to_string(mail_interval) + "\nchunk_size = 5\npipeline_depth = 1\n\n";
    for (std::size_t i = 0; i < kCalendarUsers.size(); ++i)
      accounts += "[[account]]\nname = \"calendar" + std::to_string(i) + "\"\nprovider = \"caldav\"\nurl = \"" +
                  radicale->base_url() + "\"\nusername = \"" + kCalendarUsers[i] +
                  "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ninterval = 3600\nmultiget_size = 5\n\n";
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\", \"bo@example.org\", "
                                        "\"ann@example.org\", \"ben@example.org\", \"cat@example.org\", "
                                        "\"dan@example.org\"]\n\n[daemon]\nbackoff_initial_seconds = 1\n"
                                        "backoff_max_seconds = 2\nfailed_recheck_seconds = 1\nlease_seconds = 4\n\n"
                                     << accounts;
    for (std::size_t i = 0; i < kMailUsers.size(); ++i) names.push_back("mail" + std::to_string(i));
    for (std::size_t i = 0; i < kCalendarUsers.size(); ++i) names.push_back("calendar" + std::to_string(i));
  }

  void use_postgres(PostgresServer& server) {
    pg = &server;
    auto url = server.create_database();
    ASSERT_TRUE(url) << url.status().message();
    store_url = *url;
    database = PostgresServer::database_of(store_url);
    ::setenv("PGPASSWORD", server.password().c_str(), 1);  // libpq's own, for kith and kithd
  }

  ChildProcess start_kithd(int n) {
    auto child = ChildProcess::spawn({std::string(KITH_BINARY_DIR) + "/bin/kithd", "--config", (dir / "kith.toml").string(),
                                      "--db", store_url, "--log-level", "debug"},
                                     (dir / ("kithd" + std::to_string(n) + ".log")).string());
    EXPECT_TRUE(child) << child.status().message();
    return child ? std::move(*child) : ChildProcess();
  }

  ProcessResult kith(std::vector<std::string> args, const std::string& db) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", db});
    return run_kith(args, dir.path());
  }
  json status() {
    auto r = kith({"status", "--json"}, store_url);
    if (r.exit_code != 0) return json();
    return json::parse(r.out);
  }
  bool all_idle_after_success() {
    const json s = status();
    if (s.is_null()) return false;
    int done = 0;
    for (const auto& a : s["accounts"])
      if (!a["state"].is_null() && a["state"]["state"] == "idle" && !a["last_run"].is_null() &&
          a["last_run"]["result"] == "ok")
        ++done;
    return done == static_cast<int>(names.size());
  }
  // While kithd may not have made the lease tables yet: no rows.
  std::vector<std::string> sql_quiet(const std::string& query) {
    auto rows = pg->query_column(query, database);
    return rows ? *rows : std::vector<std::string>{};
  }
  std::vector<std::string> sql(const std::string& query) {
    auto rows = pg->query_column(query, database);
    EXPECT_TRUE(rows) << rows.status().message();
    return rows ? *rows : std::vector<std::string>{};
  }
  static bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return done();
  }
  json history_of(const std::string& db) {
    auto r = kith({"contacts", "--json", "--sort", "name"}, db);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return json();
    json contacts = json::parse(r.out);
    for (auto& c : contacts) c.erase("id");
    return contacts;
  }
  // One clean single-process sync of the same servers into a fresh SQLite store.
  json clean_history() {
    const auto clean_db = (dir / "clean.db").string();
    auto clean = kith({"sync"}, clean_db);
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    return history_of(clean_db);
  }
  std::string logs() const {
    std::string out;
    for (int i = 0; i < 3; ++i)
      out += "--- kithd" + std::to_string(i) + "\n" + read_file(dir / ("kithd" + std::to_string(i) + ".log"));
    return out;
  }

  kith::test::TempDir dir;
  std::unique_ptr<DovecotServer> dovecot;
  std::unique_ptr<RadicaleServer> radicale;
  PostgresServer* pg = nullptr;
  std::string store_url, database;
  std::vector<std::string> names;
};

TEST_F(LeasedWorkers, ThreeWorkersShareSixAccountsAndSyncEachOnce) {
  auto server = kith::testing::shared_postgres();
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_NO_FATAL_FAILURE(use_postgres(**server));
  ASSERT_NO_FATAL_FAILURE(start_servers());
  std::vector<ChildProcess> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_kithd(i));
  ASSERT_TRUE(wait_for([&] { return all_idle_after_success(); }, 50s)) << status().dump(1) << logs();

  // Each account under one lease, the six spread over the three workers
  // (at once, or once the idle extras of a worker that took more moved).
  EXPECT_TRUE(wait_for([&] {
    const json s = status();
    std::set<std::int64_t> holders;
    for (const auto& a : s["accounts"]) {
      if (a["lease"].is_null() || a["lease"]["expired"].get<bool>()) return false;
      holders.insert(a["lease"]["pid"].get<std::int64_t>());
    }
    return holders.size() == 3u;
  }, 15s)) << status().dump(1) << logs();
  // Each account synced exactly once: one run each stored its history (a
  // worker taking an account over from a rebalancing syncs it again at
  // once, incrementally: nothing new), none left unfinished.
  EXPECT_EQ(sql("SELECT count(*) FROM sync_runs WHERE interactions_added > 0"), std::vector<std::string>{"6"}) << logs();
  EXPECT_EQ(sql("SELECT count(*) FROM sync_runs WHERE finished_at IS NULL"), std::vector<std::string>{"0"});
  EXPECT_EQ(sql("SELECT count(DISTINCT account) FROM sync_runs WHERE finished_at IS NOT NULL"),
            std::vector<std::string>{"6"});

  for (auto& w : workers) ASSERT_TRUE(w.stop());
  EXPECT_EQ(sql("SELECT count(*) FROM account_leases"), std::vector<std::string>{"0"}) << "SIGTERM releases";
  const json shared = history_of(store_url);
  const json expected = clean_history();
  EXPECT_EQ(expected.size(), 300u + 2u * 100u);  // the same 300 senders write to all four; guests differ
  EXPECT_EQ(shared, expected);
}

TEST_F(LeasedWorkers, AWorkerKilledMidSyncHasItsAccountsFinishedByTheOthers) {
  auto server = kith::testing::shared_postgres();
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_NO_FATAL_FAILURE(use_postgres(**server));
  ASSERT_NO_FATAL_FAILURE(start_servers());
  std::vector<ChildProcess> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_kithd(i));

  // A worker whose account's first sync is under way.
  std::string victim_pid;
  ASSERT_TRUE(wait_for([&] {
    auto rows = sql_quiet("SELECT l.pid FROM account_leases l JOIN sync_runs r ON r.account = l.account "
                    "WHERE r.finished_at IS NULL LIMIT 1");
    if (rows.empty()) return false;
    victim_pid = rows.front();
    return true;
  }, 30s)) << logs();
  std::size_t victim = workers.size();
  for (std::size_t i = 0; i < workers.size(); ++i)
    if (std::to_string(workers[i].pid()) == victim_pid) victim = i;
  ASSERT_LT(victim, workers.size());
  ASSERT_TRUE(workers[victim].kill_hard());
  const auto killed_at = Clock::now();

  ASSERT_TRUE(wait_for([&] { return all_idle_after_success(); }, 45s)) << status().dump(1) << logs();
  EXPECT_LT(Clock::now() - killed_at, 30s);
  const json s = status();
  for (const auto& a : s["accounts"])
    EXPECT_NE(std::to_string(a["lease"]["pid"].get<std::int64_t>()), victim_pid) << a.dump();
  for (std::size_t i = 0; i < workers.size(); ++i)
    if (i != victim) {
      ASSERT_TRUE(workers[i].stop());
    }

  const json shared = history_of(store_url);
  const json expected = clean_history();
  EXPECT_EQ(shared, expected);
}

TEST_F(LeasedWorkers, PostgresRestartedUnderTheWorkersTheyReconnectAndResume) {
  auto own = PostgresServer::start();
  ASSERT_TRUE(own) << own.status().message();
  ASSERT_NO_FATAL_FAILURE(use_postgres(**own));
  // Mail is synced every 10 s too, not only on IDLE: the IMAP watch runs on a
  // provider instance of its own that knows nothing of the last sync, so a
  // message delivered between a sync and the IDLE that follows it waits for
  // the next scheduled sync; on a loaded machine the new mail below can fall
  // in that window. What this test is about is that the workers resume.
  ASSERT_NO_FATAL_FAILURE(start_servers(20, 10, /*mail_interval=*/10));
  std::vector<ChildProcess> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_kithd(i));
  ASSERT_TRUE(wait_for([&] { return all_idle_after_success(); }, 40s)) << status().dump(1) << logs();

  ASSERT_TRUE((*own)->stop());
  std::this_thread::sleep_for(6s);  // longer than a lease
  ASSERT_TRUE((*own)->start_again());
  // The workers reconnect and take every account again; then new mail
  // reaches the store (IMAP IDLE of the worker now holding mail0).
  ASSERT_TRUE(wait_for([&] {
    auto held = sql_quiet("SELECT count(*) FROM account_leases WHERE expires_at > clock_timestamp()");
    return held == std::vector<std::string>{"6"};
  }, 30s)) << status().dump(1) << logs();
  // Their syncs after taking the accounts again done, the IDLE watches on.
  ASSERT_TRUE(wait_for([&] { return all_idle_after_success(); }, 30s)) << status().dump(1) << logs();
  std::this_thread::sleep_for(2s);
  ASSERT_TRUE(dovecot->add_messages(kMailUsers[0], "INBOX", {message(kMailUsers[0], 999)}));

  ASSERT_TRUE(wait_for([&] {
    auto r = kith({"contacts", "--json"}, store_url);
    return r.exit_code == 0 && r.out.find("person999@example.net") != std::string::npos;
  }, 40s)) << status().dump(1) << logs();
  ASSERT_TRUE(wait_for([&] { return all_idle_after_success(); }, 30s)) << status().dump(1) << logs();
  for (auto& w : workers) {
    EXPECT_TRUE(w.running()) << logs();
    ASSERT_TRUE(w.stop());
  }
  EXPECT_EQ(history_of(store_url), clean_history());
}

}  // namespace
}  // namespace kith::test

// The imap provider against a real Dovecot on 127.0.0.1, through the real
// `kith` binary: what a user gets, from first sync to a dying server.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/DovecotServer.h"

namespace kith::test {
namespace {

using nlohmann::json;
using kith::testing::DovecotOptions;
using kith::testing::DovecotServer;
using kith::testing::SeedMessage;

const std::string kUser = "alex@example.org";

std::string message(const std::string& from, const std::string& to, const std::string& id,
                    const std::string& date = "Mon, 2 Mar 2026 10:00:00 +0100", const std::string& extra = "") {
  std::string m = "From: " + from + "\r\nTo: " + to + "\r\n";
  if (!id.empty()) m += "Message-ID: <" + id + ">\r\n";
  if (!date.empty()) m += "Date: " + date + "\r\n";
  return m + extra + "Subject: hello\r\n\r\nBody text that is never downloaded.\r\n";
}

// An RFC 5322 date for `t`, in UTC.
std::string format_rfc5322(std::int64_t t) {
  const std::time_t time = static_cast<std::time_t>(t);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

class ImapSync : public ::testing::Test {
 protected:
  void start(DovecotOptions options = {}) {
    auto s = DovecotServer::start(options);
    ASSERT_TRUE(s) << s.status().message();
    server = std::move(*s);
  }

  void write_config(const std::string& url, const std::string& extra = "") {
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[[account]]\n"
                                     << "name = \"mail\"\nprovider = \"imap\"\nurl = \"" << url << "\"\n"
                                     << "username = \"" << kUser << "\"\npassword_env = \"KITH_TEST_IMAP_PASSWORD\"\n"
                                     << extra;
  }

  ProcessResult kith(std::vector<std::string> args, const std::string& password = "secret") {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string()});
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_IMAP_PASSWORD=" +
                        shell_quote(password) + " ");
  }

  json kith_json(std::vector<std::string> args, int expected_exit = 0) {
    args.push_back("--json");
    auto r = kith(args);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << r.out << r.err;
      return json();
    }
  }

  json contact(const std::string& address) {
    auto r = kith({"history", address, "--json"});
    if (r.exit_code != 0) return json();
    return json::parse(r.out)["contact"];
  }

  void seed(const std::string& mailbox, const std::vector<std::string>& raws) {
    auto uids = server->add_messages(kUser, mailbox, raws);
    ASSERT_TRUE(uids) << uids.status().message();
  }

  kith::test::TempDir dir;
  std::unique_ptr<DovecotServer> server;
};

TEST_F(ImapSync, FirstSyncThenOnlyNewMail) {
  start();
  seed("INBOX", {message("Ann <ann@example.net>", "alex@example.org", "a1@x"),
                 message("Bob <bob@example.net>", "alex@example.org", "b1@x"),
                 message("Ann <ann@example.net>", "alex@example.org", "a2@x")});
  seed("Sent", {message("Alex <alex@example.org>", "Ann <ann@example.net>, carol@example.net", "s1@x")});
  write_config(server->imap_url());

  json sync = kith_json({"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 4);
  EXPECT_EQ(sync[0]["interactions_added"], 5);
  EXPECT_EQ(contact("ann@example.net")["counts"], json({{"email_sent", 1}, {"email_received", 2}, {"meeting", 0}}));
  EXPECT_EQ(contact("ann@example.net")["name"], "Ann");
  EXPECT_EQ(contact("carol@example.net")["counts"]["email_sent"], 1);

  // Nothing new: nothing fetched.
  sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 0);

  seed("INBOX", {message("Dan <dan@example.net>", "alex@example.org", "d1@x")});
  sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 1);
  EXPECT_EQ(sync[0]["interactions_added"], 1);
  EXPECT_EQ(contact("dan@example.net")["counts"]["email_received"], 1);
}

std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

// Extraction rule "Date": a Date more than a day after the server's date
// (here INTERNALDATE) is unusable and the server's date places the
// message; within a day the Date stands. Mail is never upcoming.
TEST_F(ImapSync, ADateFarAheadOfTheServersDateGivesWayToIt) {
  start();
  const std::int64_t server_day = 1772445600;  // 2026-03-02T10:00:00Z
  const std::int64_t soon = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count() + 2 * 3600;
  auto seeded = server->add_messages(
      kUser, "INBOX",
      std::vector<SeedMessage>{
          {message("Fay <fay@example.net>", kUser, "f1@x", "Wed, 01 Jan 2031 10:00:00 +0000"), {}, at(server_day)},
          {message("Gus <gus@example.net>", kUser, "g1@x", "Mon, 2 Mar 2026 22:00:00 +0000"), {}, at(server_day)},
          // Two hours ahead of now and of the server: a clock a little
          // fast, still mail received, not something upcoming.
          {message("Hana <hana@example.net>", kUser, "h1@x", format_rfc5322(soon)), {}, at(soon)}});
  ASSERT_TRUE(seeded) << seeded.status().message();
  write_config(server->imap_url());
  ASSERT_EQ(kith_json({"sync"})[0]["result"], "ok");

  const json fay = contact("fay@example.net");
  EXPECT_EQ(fay["first_interaction"], "2026-03-02T10:00:00Z") << fay;
  EXPECT_EQ(fay["last_interaction"], "2026-03-02T10:00:00Z") << fay;
  EXPECT_EQ(contact("gus@example.net")["last_interaction"], "2026-03-02T22:00:00Z");

  const json hana = kith_json({"history", "hana@example.net"});
  EXPECT_FALSE(hana["contact"]["last_interaction"].is_null()) << hana;
  ASSERT_EQ(hana["interactions"].size(), 1u);
  EXPECT_EQ(hana["interactions"][0]["upcoming"], false) << hana;
  const ProcessResult table = kith({"history", "hana@example.net"});
  EXPECT_EQ(table.out.find("upcoming)"), std::string::npos) << table.out;
}

// Rule 1 with a reused Message-ID: the copy stored first wins, whatever
// the sender of a later one, and a true copy in another folder adds
// nothing either.
TEST_F(ImapSync, AReusedMessageIdCreditsOnlyTheFirstCopyStored) {
  start();
  seed("INBOX", {message("Hal <hal@example.org>", kUser, "same@example.org"),
                 message("Ivy <ivy@example.org>", kUser, "same@example.org", "Tue, 3 Mar 2026 10:00:00 +0100")});
  ASSERT_TRUE(server->create_mailbox(kUser, "Archive"));
  seed("Archive", {message("Hal <hal@example.org>", kUser, "same@example.org")});
  write_config(server->imap_url(), "folders = [\"INBOX\", \"Archive\"]\n");
  const json sync = kith_json({"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 3);
  EXPECT_EQ(sync[0]["interactions_added"], 1);
  EXPECT_EQ(contact("hal@example.org")["counts"]["email_received"], 1);
  EXPECT_TRUE(contact("ivy@example.org").is_null()) << contact("ivy@example.org");
  EXPECT_EQ(kith_json({"contacts"}).size(), 1u);
}

// Dovecot starts a pipelined UID FETCH before it has completed the one
// before it, so the answers of two commands interleave. Attributing each
// answer to the oldest command in flight once dropped whole chunks (3,500
// of 20,000 messages in the benchmark) without a word, and the cursor moved
// past them. Every message must arrive, whatever the pipeline depth.
TEST_F(ImapSync, PipelinedFetchesLoseNoMessage) {
  start();
  std::vector<std::string> raws;
  for (int i = 0; i < 6000; ++i)
    raws.push_back(message("P" + std::to_string(i) + " <p" + std::to_string(i) + "@example.net>", kUser,
                           "p" + std::to_string(i) + "@x"));
  seed("INBOX", raws);
  for (const char* depth : {"8", "1"}) {
    SCOPED_TRACE(depth);
    std::filesystem::remove(dir / "history.db");
    write_config(server->imap_url(), std::string("chunk_size = 50\npipeline_depth = ") + depth + "\n");
    const json sync = kith_json({"sync"});
    ASSERT_EQ(sync[0]["result"], "ok") << sync;
    EXPECT_EQ(sync[0]["items"], 6000);
    EXPECT_EQ(sync[0]["interactions_added"], 6000);
    EXPECT_EQ(kith_json({"sync"})[0]["items"], 0);  // and the cursor is at the end
  }
}

TEST_F(ImapSync, FlagChangesAndExpungesFetchNothingAndKeepHistory) {
  start();
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x"), message("bob@example.net", "alex@example.org", "b1@x")});
  write_config(server->imap_url());
  ASSERT_EQ(kith_json({"sync"})[0]["items"], 2);

  // The sync is read-only: seeded mail keeps its flags (no \Seen).
  auto flags = server->doveadm({"fetch", "-u", kUser, "flags", "mailbox", "INBOX"});
  ASSERT_TRUE(flags) << flags.status().message();
  EXPECT_EQ(flags->find("\\Seen"), std::string::npos) << *flags;

  ASSERT_TRUE(server->doveadm({"flags", "add", "-u", kUser, "\\Seen \\Flagged", "mailbox", "INBOX", "all"}));
  json sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 0);

  ASSERT_TRUE(server->expunge(kUser, "INBOX", "1"));
  sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 0);
  EXPECT_EQ(contact("ann@example.net")["counts"]["email_received"], 1);  // rule 7
}

TEST_F(ImapSync, UidValidityChangeRereadsWithoutDuplicates) {
  start();
  const std::vector<std::string> sent = {message("alex@example.org", "ann@example.net", "s1@x"),
                                         message("alex@example.org", "bob@example.net", "s2@x")};
  seed("Sent", sent);
  write_config(server->imap_url());
  ASSERT_EQ(kith_json({"sync"})[0]["interactions_added"], 2);

  auto validity = server->recreate_mailbox(kUser, "Sent");
  ASSERT_TRUE(validity) << validity.status().message();
  seed("Sent", sent);
  json sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 2);  // the folder was read again...
  EXPECT_EQ(sync[0]["interactions_added"], 0);  // ...and nothing doubled
  EXPECT_EQ(contact("ann@example.net")["counts"]["email_sent"], 1);
}

TEST_F(ImapSync, WrongPasswordIsAClearErrorAndStoresNothing) {
  start();
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x")});
  write_config(server->imap_url());
  auto r = kith({"sync"}, "not-the-password");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("refused the login of 'alex@example.org'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not-the-password"), std::string::npos);
  EXPECT_EQ(kith_json({"contacts"}), json::array());
  const json status = kith_json({"status"});
  EXPECT_EQ(status["accounts"][0]["last_run"]["result"], "failed");
  EXPECT_EQ(status["accounts"][0]["last_run"]["error_kind"], "account");
  // The database never sees the password either.
  EXPECT_EQ(read_file(dir / "history.db").find("not-the-password"), std::string::npos);
}

TEST_F(ImapSync, SelfSignedTlsIsRefusedUnlessTrusted) {
  start();
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x")});
  write_config(server->imaps_url());
  auto refused = kith({"sync"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("is not trusted"), std::string::npos) << refused.err;

  write_config(server->imaps_url(), "ca_file = \"" + server->ca_file() + "\"\n");
  json sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 1);
}

// Whether the login went over TLS, from Dovecot's own log: its login line
// says "TLS" for a STARTTLS session and "secured" for plain loopback. The
// log process writes it a little after the login: wait for `count` lines.
std::vector<std::string> login_lines(const DovecotServer& server, std::size_t count) {
  std::vector<std::string> out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    out.clear();
    std::ifstream in(server.log_path());
    for (std::string line; std::getline(in, line);)
      if (line.find("imap-login: Info: Login: user=<" + kUser + ">") != std::string::npos) out.push_back(line);
    if (out.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
  return out;
}

// The non-loopback default (STARTTLS required) is checked without a
// network in LoopbackHost.ImapSettingsRequireStarttlsUnlessTheHostIsThisMachine.
TEST_F(ImapSync, StarttlsIsRequiredForNonLoopbackByDefaultAndWorksWhenAsked) {
  start();
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x")});
  write_config(server->imap_url(), "use_starttls = true\nca_file = \"" + server->ca_file() + "\"\n");
  json sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 1);
  auto logins = login_lines(*server, 1);
  ASSERT_EQ(logins.size(), 1u) << read_file(server->log_path());
  EXPECT_NE(logins[0].find(", TLS"), std::string::npos) << "the login did not go over TLS: " << logins[0];

  // The control: on loopback the default is plain, and the log says so.
  write_config(server->imap_url());
  sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["result"], "ok") << sync;
  logins = login_lines(*server, 2);
  ASSERT_EQ(logins.size(), 2u) << read_file(server->log_path());
  EXPECT_EQ(logins[1].find(", TLS"), std::string::npos) << logins[1];
}

TEST_F(ImapSync, HeadersThatNeedCare) {
  start();
  SeedMessage no_date{message("Eve <eve@example.net>", "alex@example.org", "e1@x", ""), {}, std::chrono::system_clock::from_time_t(1767225600)};
  SeedMessage garbage_date{message("frank@example.net", "alex@example.org", "f1@x", "sometime soon"), {},
                           std::chrono::system_clock::from_time_t(1767312000)};
  auto uids = server->add_messages(kUser, "INBOX", std::vector<SeedMessage>{no_date, garbage_date});
  ASSERT_TRUE(uids) << uids.status().message();
  seed("INBOX", {message("=?UTF-8?B?Sm9zw6kgTWFydMOtbmV6?= <jose@example.net>", "alex@example.org", "j1@x"),
                 message("=?ISO-8859-1?Q?S=F8ren?= <soren@example.net>", "alex@example.org", ""),
                 message("noreply@shop.example", "alex@example.org", "n1@x"),
                 message("news@example.net", "alex@example.org", "l1@x", "Mon, 2 Mar 2026 10:00:00 +0100",
                         "List-Id: <news.example.net>\r\n")});
  seed("Sent", {message("alex@example.org", "Team: gina@example.net, hal@example.net;, undisclosed-recipients:;", "g1@x")});
  seed("Junk", {message("spam@example.net", "alex@example.org", "x1@x")});
  // A folded, encoded subject (it comes before the helper's own, and the first one counts).
  seed("INBOX", {message("ivy@example.net", "alex@example.org", "i1@x", "Mon, 2 Mar 2026 10:00:00 +0100",
                         "Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n =?UTF-8?Q?_tomorrow=3F?=\r\n")});
  write_config(server->imap_url());
  json sync = kith_json({"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 8);  // Junk is not synced

  // Subjects come with the headers (still no body) and reach `kith history`.
  const json ivy = kith_json({"history", "ivy@example.net"});
  EXPECT_EQ(ivy["interactions"][0]["subject"], "Café tomorrow?") << ivy;
  EXPECT_EQ(kith_json({"history", "jose@example.net"})["interactions"][0]["subject"], "hello");

  EXPECT_EQ(contact("jose@example.net")["name"], "José Martínez");
  EXPECT_EQ(contact("soren@example.net")["name"], "Søren");
  EXPECT_EQ(contact("soren@example.net")["counts"]["email_received"], 1);  // no Message-ID
  EXPECT_EQ(contact("eve@example.net")["last_interaction"], "2026-01-01T00:00:00Z");  // INTERNALDATE
  EXPECT_EQ(contact("frank@example.net")["last_interaction"], "2026-01-02T00:00:00Z");
  EXPECT_EQ(contact("gina@example.net")["counts"]["email_sent"], 1);
  EXPECT_EQ(contact("hal@example.net")["counts"]["email_sent"], 1);
  EXPECT_TRUE(contact("noreply@shop.example").is_null());
  EXPECT_TRUE(contact("news@example.net").is_null());
  EXPECT_TRUE(contact("spam@example.net").is_null());
}

TEST_F(ImapSync, FolderSelectionFromConfig) {
  start();
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x")});
  seed("Junk", {message("bob@example.net", "alex@example.org", "b1@x")});
  ASSERT_TRUE(server->create_mailbox(kUser, "Lists"));
  seed("Lists", {message("carol@example.net", "alex@example.org", "c1@x")});
  write_config(server->imap_url(), "exclude_folders = [\"Lists\"]\n");
  EXPECT_EQ(kith_json({"sync"})[0]["items"], 1);
  write_config(server->imap_url(), "folders = [\"Lists\", \"Junk\"]\n");
  EXPECT_EQ(kith_json({"sync"})[0]["items"], 2);
  EXPECT_FALSE(contact("carol@example.net").is_null());
  EXPECT_TRUE(contact("bob@example.net").is_null());  // junk yields nothing even when synced
}

TEST_F(ImapSync, WithoutQresyncTheFallbackPathSyncs) {
  DovecotOptions options;
  options.qresync = false;
  start(options);
  seed("INBOX", {message("ann@example.net", "alex@example.org", "a1@x")});
  write_config(server->imap_url());
  EXPECT_EQ(kith_json({"sync"})[0]["items"], 1);
  seed("INBOX", {message("bob@example.net", "alex@example.org", "b1@x")});
  json sync = kith_json({"sync"});
  EXPECT_EQ(sync[0]["items"], 1);
  EXPECT_EQ(kith_json({"sync"})[0]["items"], 0);
}

std::int64_t interaction_count(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  std::int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 1000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT COUNT(*) FROM interactions", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return n;
}

TEST_F(ImapSync, ServerKilledMidFetchLosesAndDoublesNothing) {
  start();
  constexpr int kMessages = 4000;
  std::vector<std::string> raws;
  for (int i = 0; i < kMessages; ++i)
    raws.push_back(message("person" + std::to_string(i) + "@example.net", "alex@example.org", "m" + std::to_string(i) + "@x"));
  seed("INBOX", raws);
  // Small chunks and one command in flight: many commits, a slow enough pass.
  write_config(server->imap_url(), "chunk_size = 20\npipeline_depth = 1\ntimeout_seconds = 5\n");

  // Run the first sync in the background and kill the server once part of
  // it is committed.
  const std::string command = shell_quote(std::string(KITH_BINARY_DIR) + "/bin/kith") + " --config " +
                              shell_quote((dir / "kith.toml").string()) + " --db " +
                              shell_quote((dir / "history.db").string()) + " sync >" +
                              shell_quote((dir / "first.out").string()) + " 2>" + shell_quote((dir / "first.err").string());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_IMAP_PASSWORD", "secret", 1);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::int64_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = interaction_count(dir / "history.db");
    if (seen >= 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(server->kill_hard());
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_GE(seen, 200) << "the first sync never got going";
  const std::string first_err = read_file(dir / "first.err");
  ASSERT_EQ(WEXITSTATUS(status), 1) << "the sync finished before the server died; make it slower. " << first_err;
  EXPECT_NE(first_err.find("IMAP server"), std::string::npos) << first_err;
  const auto partial = interaction_count(dir / "history.db");
  EXPECT_GT(partial, 0);
  EXPECT_LT(partial, kMessages);

  ASSERT_TRUE(server->restart());
  json sync = kith_json({"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(interaction_count(dir / "history.db"), kMessages);
  EXPECT_EQ(kith_json({"contacts"}).size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(kith_json({"sync"})[0]["items"], 0);
}

// Output of a python3 snippet (python3 is there already: Radicale needs
// it), for what the tests need of JWTs and base64 without a library.
std::string python3(const std::string& script, const std::vector<std::string>& args) {
  std::string cmd = "python3 -c " + shell_quote(script);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  std::string out;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    char buf[1024];
    while (std::fgets(buf, sizeof buf, f)) out += buf;
    ::pclose(f);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// A JWT signed with HS256 by `secret`, for `subject`, valid for an hour.
std::string signed_token(const std::string& secret, const std::string& subject) {
  return python3(
      "import base64,hashlib,hmac,json,sys,time\n"
      "b=lambda d: base64.urlsafe_b64encode(d).rstrip(b'=')\n"
      "h=b(json.dumps({'alg':'HS256','typ':'JWT','kid':'default'}).encode())\n"
      "n=int(time.time())\n"
      "p=b(json.dumps({'sub':sys.argv[2],'iat':n,'nbf':n-60,'exp':n+3600}).encode())\n"
      "s=b(hmac.new(sys.argv[1].encode(),h+b'.'+p,hashlib.sha256).digest())\n"
      "print((h+b'.'+p+b'.'+s).decode())\n",
      {secret, subject});
}

// XOAUTH2 through libcurl against Dovecot's oauth2 passdb, which validates
// the token itself (introspection_mode = local, an HS256 key).
TEST_F(ImapSync, Xoauth2TokenFromTheConfigSignsIn) {
  const std::string secret = "kith-test-hmac-key-0123456789abcdef";
  std::filesystem::create_directories(dir / "keys" / "default" / "HS256");
  // Dovecot reads HS keys base64-encoded.
  std::ofstream(dir / "keys" / "default" / "HS256" / "default")
      << python3("import base64,sys; print(base64.b64encode(sys.argv[1].encode()).decode())", {secret});
  // Dovecot's auth process runs as its own user: let it read the key.
  for (const auto& d : {dir.path(), dir / "keys", dir / "keys" / "default", dir / "keys" / "default" / "HS256"})
    std::filesystem::permissions(d, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  std::ofstream(dir / "oauth2.conf.ext") << "introspection_mode = local\n"
                                         << "local_validation_key_dict = fs:posix:prefix=" << (dir / "keys").string() << "/\n"
                                         << "username_attribute = sub\n";
  DovecotOptions options;
  options.extra_config = "auth_mechanisms = plain login xoauth2 oauthbearer\nauth_verbose = yes\n"
                         "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " +
                         (dir / "oauth2.conf.ext").string() + "\n}\n";
  start(options);
  seed("INBOX", {message("Ann <ann@example.net>", kUser, "o1@x")});
  const std::string token = signed_token(secret, kUser);
  ASSERT_FALSE(token.empty());

  std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[[account]]\n"
                                   << "name = \"mail\"\nprovider = \"imap\"\nurl = \"" << server->imap_url() << "\"\n"
                                   << "username = \"" << kUser << "\"\noauth_token_env = \"KITH_TEST_IMAP_TOKEN\"\n";
  auto run = [&](const std::string& with_token) {
    return run_kith({"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string(), "sync", "--json"},
                    dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_IMAP_TOKEN=" +
                        shell_quote(with_token) + " ");
  };
  auto good = run(token);
  ASSERT_EQ(good.exit_code, 0) << good.err << "\n" << server->log_tail();
  EXPECT_EQ(json::parse(good.out)[0]["items"], 1);
  EXPECT_EQ(contact("ann@example.net")["counts"]["email_received"], 1);

  // A token signed with another key is refused, and the token stays secret.
  const std::string forged = signed_token("another-key-of-the-same-length!!!!!", kUser);
  auto bad = run(forged);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("refused the login of 'alex@example.org' (expired or wrong token?)"), std::string::npos)
      << bad.err;
  EXPECT_EQ(bad.err.find(forged), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find(forged.substr(forged.rfind('.') + 1)), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace kith::test

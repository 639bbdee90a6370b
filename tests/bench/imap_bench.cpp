// kith_imap_bench: how fast Kith's first IMAP sync is, and what it costs,
// next to what users do today (mbsync + mu index) on the same mailbox.
//
// One run: start a Dovecot (tests/servers), seed a large mailbox, time the
// real `kith` binary's first sync while Dovecot's cache is cold (the
// headline: what a user's first sync meets), warm the cache with one
// untimed header FETCH, then time a second first sync into a new store
// (the warm one, beside it), no-op re-syncs, an incremental sync, and the
// peers (mbsync full download, mu index). Prints the figures as tables on stdout
// and one JSON object as the last line. Progress goes to stderr.
//
// Run on demand through tests/bench/run-imap-bench.sh; never part of ctest.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "MailGenerator.h"
#include "servers/DovecotServer.h"
#include "servers/ImapTestClient.h"
#include "servers/TestProcess.h"
#include "BenchSupport.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using kith::bench::GeneratedMessage;
using kith::bench::MailGenerator;
using kith::testing::DovecotOptions;
using kith::testing::DovecotServer;
using kith::testing::ImapTestClient;
using kith::testing::SeedMessage;

const std::string kUser = "alex@example.org";
const char* const kPasswordEnv = "KITH_BENCH_IMAP_PASSWORD";

// The targets.
constexpr double kTargetSpeedup = 10.0;          // first sync vs mbsync + mu index
constexpr double kTargetRssMiB = 64.0;           // peak RSS of the first sync
constexpr double kTargetNoopSeconds = 0.5;       // no-op re-sync

// The header fields the imap provider asks for (plugins/imap/sync/FolderSync.cpp,
// kHeaderFields). The warm-up FETCH asks for the same ones: Dovecot caches
// header fields one by one, so a different list would leave Kith's first
// sync reading message files after all.
constexpr const char* kKithHeaderFields =
    "MESSAGE-ID DATE FROM TO CC BCC REPLY-TO IN-REPLY-TO LIST-ID LIST-UNSUBSCRIBE PRECEDENCE AUTO-SUBMITTED SUBJECT";

using namespace kith::bench;  // BenchSupport.h

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string fs_type(const std::string& path) {
  struct statfs s {};
  if (::statfs(path.c_str(), &s) != 0) return "?";
  switch (static_cast<unsigned long>(s.f_type)) {
    case 0x01021994UL: return "tmpfs";
    case 0xEF53UL: return "ext4";
    case 0x9123683EUL: return "btrfs";
    case 0x58465342UL: return "xfs";
    case 0x794C7630UL: return "overlayfs";
    case 0x2FC12FC1UL: return "zfs";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "fs 0x%lx", static_cast<unsigned long>(s.f_type));
      return buf;
    }
  }
}

std::uint64_t mem_available_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return 0;
}

std::uint64_t tree_bytes(const fs::path& root) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) ++n;
  return n;
}

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

// ---- timed child processes -------------------------------------------------

struct Timed {
  std::string label;
  double wall = 0;   // seconds
  double user = 0;   // CPU seconds
  double sys = 0;
  long max_rss_kib = 0;
  int wait_status = 0;
  std::string out, err;
  bool ok() const { return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0; }
  double rss_mib() const { return static_cast<double>(max_rss_kib) / 1024.0; }
  json to_json() const {
    return {{"wall_s", wall}, {"user_s", user}, {"sys_s", sys}, {"peak_rss_mib", rss_mib()}};
  }
};

// Peak RSS needs care. Linux folds the RSS high-water mark of the memory a
// process had before execve() into its own ru_maxrss, so a tool forked
// straight from this (large: it generated the whole mailbox) process would
// report at least our size. Every measured tool is therefore started by a
// small launcher: this same binary, re-executed in "measure" mode, which
// forks the tool from its own few MiB, times it from fork to wait4(), and
// writes the result to a file. (GNU time works the same way, but reports
// wall time in 10 ms steps.)
constexpr const char* kMeasureMode = "--internal-measure";

volatile pid_t g_measured = -1;

void on_launcher_signal(int sig) {
  const pid_t child = g_measured;
  if (child > 0) ::kill(child, sig);
}

// argv: <self> --internal-measure RESULT OUT ERR CWD -- TOOL ARGS...
// The environment is the tool's. Writes "status wall_ns user_us sys_us maxrss_kib".
int launcher_main(int argc, char** argv) {
  if (argc < 8 || std::string(argv[6]) != "--") return 125;
  const char* result = argv[2];
  struct sigaction sa {};
  sa.sa_handler = on_launcher_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) return 125;
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0 ||
        ::chdir(argv[5]) != 0)
      ::_exit(126);
    ::execv(argv[7], argv + 7);
    ::_exit(127);
  }
  g_measured = pid;
  struct rusage ru {};
  int status = 0;
  while (::wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR) return 125;
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
  std::FILE* f = std::fopen(result, "w");
  if (!f) return 125;
  std::fprintf(f, "%d %lld %lld %lld %ld\n", status, static_cast<long long>(wall),
               static_cast<long long>(ru.ru_utime.tv_sec) * 1000000 + ru.ru_utime.tv_usec,
               static_cast<long long>(ru.ru_stime.tv_sec) * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss);
  return std::fclose(f) == 0 ? 0 : 125;
}

std::string self_exe() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw BenchError("cannot find this program through /proc/self/exe: " + ec.message());
  return p.string();
}

// Runs argv (through the launcher) with stdin /dev/null, stdout/stderr into
// files in `scratch`, `env` added to (and overriding) this process's
// environment, in `cwd`. Wall time is fork to exit of the tool itself; CPU
// time and peak RSS are wait4()'s rusage of it (and anything it waited for).
Timed run_timed(const std::string& label, std::vector<std::string> argv, const std::vector<std::string>& env,
                const fs::path& scratch, const fs::path& cwd) {
  check_interrupted();
  auto exe = kith::testing::find_executable(argv.at(0));
  if (!exe) throw BenchError("cannot find '" + argv[0] + "'");
  argv[0] = *exe;

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    const bool overridden = std::any_of(env.begin(), env.end(), [&](const std::string& s) {
      return s.compare(0, key.size() + 1, key + "=") == 0;
    });
    if (!overridden) env_strings.push_back(entry);
  }
  env_strings.insert(env_strings.end(), env.begin(), env.end());

  const std::string result_path = (scratch / (label + ".rusage")).string();
  const std::string out_path = (scratch / (label + ".out")).string();
  const std::string err_path = (scratch / (label + ".err")).string();
  static const std::string self = self_exe();
  std::vector<std::string> launcher = {self, kMeasureMode, result_path, out_path, err_path, cwd.string(), "--"};
  launcher.insert(launcher.end(), argv.begin(), argv.end());
  std::vector<char*> cargv, cenv;
  for (auto& a : launcher) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : env_strings) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  std::error_code ec;
  fs::remove(result_path, ec);
  const pid_t pid = ::fork();
  if (pid < 0) throw BenchError(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::execve(cargv[0], cargv.data(), cenv.data());
    ::_exit(127);
  }
  set_running_child(pid);
  int launcher_status = 0;
  while (::waitpid(pid, &launcher_status, 0) < 0)
    if (errno != EINTR) throw BenchError(std::string("waitpid: ") + std::strerror(errno));
  set_running_child(-1);
  check_interrupted();

  Timed t;
  t.label = label;
  long long wall_ns = 0, user_us = 0, sys_us = 0;
  std::ifstream in(result_path);
  if (!(WIFEXITED(launcher_status) && WEXITSTATUS(launcher_status) == 0) ||
      !(in >> t.wait_status >> wall_ns >> user_us >> sys_us >> t.max_rss_kib))
    throw BenchError("could not measure " + label + " (launcher " +
                     kith::testing::describe_wait_status(launcher_status) + ")");
  t.wall = static_cast<double>(wall_ns) / 1e9;
  t.user = static_cast<double>(user_us) / 1e6;
  t.sys = static_cast<double>(sys_us) / 1e6;
  t.out = read_file(out_path);
  t.err = read_file(err_path);
  return t;
}

void require_ok(const Timed& t, const std::string& what) {
  if (t.ok()) return;
  throw BenchError(what + " failed (" + kith::testing::describe_wait_status(t.wait_status) + ")\n--- stdout:\n" +
                   last_lines(t.out, 20) + "\n--- stderr:\n" + last_lines(t.err, 20));
}

std::string tool_version(const std::vector<std::string>& argv) {
  auto r = kith::testing::run_process(argv, std::chrono::seconds(10));
  if (!r) return "?";
  std::string text = first_line(r->out.empty() ? r->err : r->out);
  return text.empty() ? "?" : text;
}

// ---- options ---------------------------------------------------------------

struct Options {
  std::size_t messages = 100000;
  double sent_share = 0.3;
  std::size_t incremental = 100;
  int noop_runs = 3;
  std::size_t batch = 10000;
  bool peers = true;
  std::string server_parent;  // empty: /dev/shm when it has room, else /tmp
  std::string work_parent;    // empty: $TMPDIR or /tmp
  std::string kith_binary = KITH_BENCH_KITH_BINARY;
  std::string plugin_dir = KITH_BENCH_PLUGIN_DIR;
  std::vector<std::string> imap_settings;  // TOML lines for the account
  std::uint64_t seed = 20240229;
  bool print_sample = false;
};

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: kith_imap_bench [options]\n"
               "  --messages N        messages to seed (default 100000; 70%% INBOX, 30%% Sent)\n"
               "  --sent-share F      share of them in Sent (default 0.3)\n"
               "  --incremental N     new INBOX messages for the incremental sync (default 100)\n"
               "  --noop-runs N       no-op re-syncs, the median is reported (default 3)\n"
               "  --batch N           messages per add_messages call when seeding (default 10000)\n"
               "  --no-peers          skip mbsync and mu index\n"
               "  --server-dir DIR    parent of Dovecot's directory (default /dev/shm if it has room, else /tmp)\n"
               "  --work-dir DIR      parent of the scratch directory with Kith's database, mbsync's Maildir\n"
               "                      and mu's store (default $TMPDIR or /tmp: a disk, as for a user)\n"
               "  --imap-setting K=V  extra imap account setting for Kith, TOML value (e.g. chunk_size=1000);\n"
               "                      repeatable\n"
               "  --kith PATH         the kith binary (default: this build's)\n"
               "  --plugin-dir DIR    KITH_PLUGIN_PATH for kith (default: this build's plugin dir)\n"
               "  --seed N            seed of the mail generator (default 20240229)\n"
               "  --print-sample      print a few generated messages and exit\n");
}

Options parse_options(int argc, char** argv) {
  Options o;
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) throw BenchError(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  auto number = [&](int& i) -> std::uint64_t {
    const std::string name = argv[i];
    const std::string v = value(i);
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || v[0] == '-') throw BenchError(name + ": not a number: " + v);
    return n;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--messages") o.messages = number(i);
    else if (a == "--sent-share") {
      const std::string v = value(i);
      char* end = nullptr;
      o.sent_share = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0') throw BenchError("--sent-share: not a number: " + v);
    }
    else if (a == "--incremental") o.incremental = number(i);
    else if (a == "--noop-runs") o.noop_runs = static_cast<int>(number(i));
    else if (a == "--batch") o.batch = number(i);
    else if (a == "--no-peers") o.peers = false;
    else if (a == "--server-dir") o.server_parent = value(i);
    else if (a == "--work-dir") o.work_parent = value(i);
    else if (a == "--imap-setting") o.imap_settings.push_back(value(i));
    else if (a == "--kith") o.kith_binary = value(i);
    else if (a == "--plugin-dir") o.plugin_dir = value(i);
    else if (a == "--seed") o.seed = number(i);
    else if (a == "--print-sample") o.print_sample = true;
    else if (a == "-h" || a == "--help") {
      usage(stdout);
      std::exit(0);
    } else {
      usage(stderr);
      throw BenchError("unknown option " + a);
    }
  }
  if (o.messages < 10) throw BenchError("--messages must be at least 10");
  if (o.sent_share < 0 || o.sent_share > 0.9) throw BenchError("--sent-share must be between 0 and 0.9");
  if (o.noop_runs < 1) throw BenchError("--noop-runs must be at least 1");
  if (o.batch < 1) throw BenchError("--batch must be at least 1");
  for (const auto& s : o.imap_settings)
    if (s.find('=') == std::string::npos) throw BenchError("--imap-setting wants KEY=VALUE, not " + s);
  return o;
}

// ---- the steps ---------------------------------------------------------------

// /dev/shm when it holds the server comfortably: seeding and Dovecot's own
// reads then do not depend on the disk (or on other builds using it).
std::string choose_server_parent(const Options& o, std::string& why) {
  if (!o.server_parent.empty()) {
    why = "given";
    return o.server_parent;
  }
  // tmpfs spends a page per small file; plus Dovecot's index and cache.
  const std::uint64_t need = o.messages * 6 * 1024 + (256ull << 20);
  const std::uint64_t room = std::min(free_bytes("/dev/shm"), mem_available_bytes());
  if (fs::is_directory("/dev/shm") && room >= need) {
    why = "has room: " + fixed(mib(room), 0) + " MiB free, ~" + fixed(mib(need), 0) + " MiB needed";
    return "/dev/shm";
  }
  why = "/dev/shm too small (" + fixed(mib(room), 0) + " MiB free, ~" + fixed(mib(need), 0) + " MiB needed)";
  return "/tmp";
}

struct SeedPlan {
  std::size_t inbox = 0, sent = 0;
};

double seed_mailbox(DovecotServer& server, const std::string& mailbox, std::vector<GeneratedMessage> messages,
                    std::size_t batch) {
  const auto start = Clock::now();
  for (std::size_t first = 0; first < messages.size(); first += batch) {
    check_interrupted();
    const std::size_t last = std::min(messages.size(), first + batch);
    std::vector<SeedMessage> seeds;
    seeds.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      SeedMessage s;
      s.raw = std::move(messages[i].raw);
      if (messages[i].seen) s.flags.push_back("\\Seen");
      s.internal_date = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(messages[i].time));
      seeds.push_back(std::move(s));
    }
    auto uids = server.add_messages(kUser, mailbox, seeds);
    if (!uids) throw BenchError("seeding " + mailbox + " failed: " + uids.status().message());
    if (uids->size() != seeds.size()) throw BenchError("seeding " + mailbox + ": fewer UIDs than messages");
    progress("  " + mailbox + ": " + grouped(last) + "/" + grouped(messages.size()));
  }
  return seconds_since(start);
}

// One FETCH of every message's flags, size, date and Kith's header fields,
// per mailbox, before anything is timed: Dovecot's first header FETCH of a
// freshly filled mailbox reads every file and builds its cache; the tools
// measured after it all find the cache warm.
double warm_dovecot(DovecotServer& server, const std::vector<std::pair<std::string, std::size_t>>& mailboxes) {
  const auto start = Clock::now();
  auto client = ImapTestClient::connect(server.imap_port());
  if (!client) throw BenchError("warm-up: " + client.status().message());
  client->set_timeout(std::chrono::minutes(10));
  auto login = client->login(kUser, server.password(kUser));
  if (!login || !login->ok()) throw BenchError("warm-up: login failed");
  for (const auto& [mailbox, expected] : mailboxes) {
    auto ex = client->command("EXAMINE " + kith::testing::imap_quote(mailbox));
    if (!ex || !ex->ok()) throw BenchError("warm-up: EXAMINE " + mailbox + " failed");
    auto fetch = client->command(std::string("UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (") +
                                 kKithHeaderFields + ")])");
    if (!fetch || !fetch->ok())
      throw BenchError("warm-up: FETCH in " + mailbox + " failed" + (fetch ? ": " + fetch->tagged : ": " + fetch.status().message()));
    std::size_t fetched = 0;
    for (const auto& line : fetch->untagged)
      if (line.find(" FETCH (") != std::string::npos) ++fetched;
    if (fetched < expected)
      throw BenchError("warm-up: " + mailbox + " answered " + std::to_string(fetched) + " of " + std::to_string(expected));
  }
  (void)client->command("LOGOUT");
  return seconds_since(start);
}

// What a no-op sync cannot go below on this server: a bare client logs in,
// lists the folders and asks STATUS of each (as Kith does), then logs out.
// Seconds from connect to the LOGOUT answer.
double imap_floor(DovecotServer& server, const std::vector<std::string>& folders) {
  const auto start = Clock::now();
  auto client = ImapTestClient::connect(server.imap_port());
  if (!client) throw BenchError("bare IMAP client: " + client.status().message());
  auto login = client->login(kUser, server.password(kUser));
  if (!login || !login->ok()) throw BenchError("bare IMAP client: login failed");
  auto list = client->command("LIST \"\" \"*\"");
  if (!list || !list->ok()) throw BenchError("bare IMAP client: LIST failed");
  for (const auto& f : folders) {
    auto st = client->command("STATUS " + kith::testing::imap_quote(f) + " (UIDNEXT UIDVALIDITY HIGHESTMODSEQ)");
    if (!st || !st->ok()) throw BenchError("bare IMAP client: STATUS " + f + " failed");
  }
  (void)client->command("LOGOUT");
  return seconds_since(start);
}

struct KithRun {
  Timed t;
  std::string result;
  std::uint64_t items = 0;
  std::uint64_t added = 0;
  std::uint64_t item_errors = 0;
  double reported_seconds = 0;
};

class Kith {
 public:
  Kith(const Options& o, const fs::path& work, const DovecotServer& server) : o_(o), work_(work) {
    config_ = work / "kith.toml";
    db_ = work / "kith" / "history.db";
    std::ofstream cfg(config_);
    cfg << "[identity]\naddresses = [\"" << kUser << "\"]\n\n"
        << "[[account]]\nname = \"bench\"\nprovider = \"imap\"\n"
        << "url = \"" << server.imap_url() << "\"\n"
        << "username = \"" << kUser << "\"\n"
        << "password_env = \"" << kPasswordEnv << "\"\n";
    for (const auto& s : o.imap_settings) cfg << s.substr(0, s.find('=')) << " = " << s.substr(s.find('=') + 1) << "\n";
    if (!cfg) throw BenchError("cannot write " + config_.string());
    env_ = {"KITH_PLUGIN_PATH=" + o.plugin_dir, std::string(kPasswordEnv) + "=" + server.password(kUser)};
  }

  KithRun sync(const std::string& label) {
    KithRun r;
    r.t = run_timed(label, {o_.kith_binary, "--config", config_.string(), "--db", db_.string(), "--json", "sync"},
                    env_, work_, work_);
    require_ok(r.t, "kith sync (" + label + ")");
    try {
      const json out = json::parse(r.t.out);
      const json& a = out.at(0);
      r.result = a.at("result").get<std::string>();
      r.items = a.at("items").get<std::uint64_t>();
      r.added = a.at("interactions_added").get<std::uint64_t>();
      r.item_errors = a.at("item_errors").get<std::uint64_t>();
      r.reported_seconds = a.at("seconds").get<double>();
    } catch (const std::exception& e) {
      throw BenchError("kith sync (" + label + "): unexpected output (" + e.what() + "): " + last_lines(r.t.out, 5));
    }
    if (r.result != "ok") throw BenchError("kith sync (" + label + ") result: " + r.result + "\n" + r.t.err);
    return r;
  }

  std::uint64_t db_bytes() const {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const auto size = fs::file_size(db_.string() + suffix, ec);
      if (!ec) total += size;
    }
    return total;
  }

 private:
  const Options& o_;
  fs::path work_, config_, db_;
  std::vector<std::string> env_;
};

struct PeerResult {
  Timed mbsync, mu_index;
  std::size_t downloaded = 0;
  std::string mu_count;  // what mu reports, if it says
  std::uint64_t maildir_bytes = 0, mu_bytes = 0;
};

PeerResult run_peers(const fs::path& work, const DovecotServer& server, const std::string& inbox, const std::string& sent) {
  PeerResult r;
  const fs::path home = work / "home", mail = work / "maildir", muhome = work / "mu";
  fs::create_directories(home);
  fs::create_directories(mail);
  const fs::path rc = work / "mbsyncrc";
  {
    std::ofstream out(rc);
    out << "IMAPAccount bench\n"
        << "Host 127.0.0.1\n"
        << "Port " << server.imap_port() << "\n"
        << "User " << kUser << "\n"
        << "Pass " << server.password(kUser) << "\n"  // a throwaway local test server
        << "SSLType None\n"
        << "AuthMechs LOGIN\n\n"
        << "IMAPStore bench-far\nAccount bench\n\n"
        << "MaildirStore bench-near\n"
        << "Path " << mail.string() << "/\n"
        << "Inbox " << (mail / "INBOX").string() << "\n"
        << "SubFolders Verbatim\n\n"
        << "Channel bench\n"
        << "Far :bench-far:\n"
        << "Near :bench-near:\n"
        << "Patterns " << inbox << " " << sent << "\n"
        << "Create Near\n"
        << "Sync Pull\n"
        << "SyncState *\n";
    if (!out) throw BenchError("cannot write " + rc.string());
  }
  const std::vector<std::string> env = {"HOME=" + home.string(), "XDG_CONFIG_HOME=" + (home / ".config").string(),
                                        "XDG_CACHE_HOME=" + (home / ".cache").string()};
  progress("mbsync: full download of " + inbox + " and " + sent);
  r.mbsync = run_timed("mbsync", {"mbsync", "-c", rc.string(), "-a"}, env, work, work);
  require_ok(r.mbsync, "mbsync");
  for (const auto& box : {mail / "INBOX", mail / sent})
    r.downloaded += count_files(box / "cur") + count_files(box / "new");
  r.maildir_bytes = tree_bytes(mail);

  progress("mu: init (untimed), then index");
  Timed init = run_timed("mu-init", {"mu", "init", "--maildir=" + mail.string(), "--muhome=" + muhome.string(),
                                     "--my-address=" + kUser},
                         env, work, work);
  require_ok(init, "mu init");
  r.mu_index = run_timed("mu-index", {"mu", "index", "--muhome=" + muhome.string()}, env, work, work);
  require_ok(r.mu_index, "mu index");
  r.mu_bytes = tree_bytes(muhome);
  Timed info = run_timed("mu-info", {"mu", "info", "--muhome=" + muhome.string(), "store"}, env, work, work);
  if (info.ok()) {
    // mu 1.8 prints a table; keep the "messages in store" row's number.
    std::istringstream lines(info.out);
    for (std::string line; std::getline(lines, line);)
      if (line.find("messages in store") != std::string::npos) {
        std::string digits;
        for (char c : line.substr(line.find("messages in store") + 17))
          if (c >= '0' && c <= '9') digits += c;
        r.mu_count = digits;
      }
  }
  return r;
}

// ---- output ------------------------------------------------------------------

using Row = std::vector<std::string>;

// A Markdown-style table; `right` marks right-aligned columns.
void print_table(const Row& header, const std::vector<Row>& rows, const std::vector<bool>& right) {
  std::vector<std::size_t> w(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) w[i] = header[i].size();
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], r[i].size());
  auto line = [&](const Row& r) {
    std::string out = "|";
    for (std::size_t i = 0; i < w.size(); ++i) {
      const std::string cell = i < r.size() ? r[i] : "";
      const std::string pad(w[i] - cell.size(), ' ');
      out += ' ';
      if (right[i]) out += pad;
      out += cell;
      if (!right[i]) out += pad;
      out += " |";
    }
    std::printf("%s\n", out.c_str());
  };
  line(header);
  std::string rule = "|";
  for (std::size_t i = 0; i < w.size(); ++i) rule += std::string(w[i] + 2, '-') + "|";
  std::printf("%s\n", rule.c_str());
  for (const auto& r : rows) line(r);
}

std::string run_row(const Timed& t) {
  return fixed(t.wall, 3) + " s wall, " + fixed(t.user + t.sys, 2) + " s CPU, " + fixed(t.rss_mib(), 1) + " MiB";
}

int run(const Options& o) {
  const auto bench_start = Clock::now();
  const std::string load_before = load_average();
  if (!fs::exists(o.kith_binary)) throw BenchError("no kith binary at " + o.kith_binary + " (build the 'kith' target)");
  if (!fs::exists(fs::path(o.plugin_dir) / KITH_BENCH_IMAP_PLUGIN_NAME))
    progress(std::string("warning: no ") + KITH_BENCH_IMAP_PLUGIN_NAME + " in " + o.plugin_dir +
             " (build the 'kith_imap_provider' target)");
  const bool have_peers = o.peers && kith::testing::find_executable("mbsync") && kith::testing::find_executable("mu");
  if (o.peers && !have_peers) progress("warning: mbsync or mu not installed: peers skipped (apt-get install isync maildir-utils)");

  SeedPlan plan;
  plan.sent = static_cast<std::size_t>(static_cast<double>(o.messages) * o.sent_share + 0.5);
  plan.inbox = o.messages - plan.sent;

  std::string server_why;
  const std::string server_parent = choose_server_parent(o, server_why);
  std::string work_parent = o.work_parent;
  if (work_parent.empty()) {
    const char* tmpdir = std::getenv("TMPDIR");
    work_parent = tmpdir && *tmpdir ? tmpdir : "/tmp";
  }

  // ---- server and mail
  progress("starting Dovecot in " + server_parent + " (" + server_why + ")");
  DovecotOptions dopt;
  dopt.imaps = false;  // plain imap:// on loopback for every tool
  dopt.parent_dir = server_parent;
  auto started = DovecotServer::start(dopt);
  if (!started) throw BenchError("Dovecot did not start: " + started.status().message());
  std::unique_ptr<DovecotServer> server = std::move(*started);
  TempDir work(work_parent, "kith-bench-");
  progress("scratch directory " + work.path().string() + " (" + fs_type(work.path().string()) + ")");

  // Three years of mail up to 2025-11-01, then the incremental batch after it.
  std::tm end_tm{};
  end_tm.tm_year = 2025 - 1900;
  end_tm.tm_mon = 10;
  end_tm.tm_mday = 1;
  const std::int64_t end = ::timegm(&end_tm);
  const std::int64_t begin = end - 3 * 365 * 86400LL;
  MailGenerator gen(o.seed, kUser);
  progress("generating and seeding " + grouped(o.messages) + " messages (INBOX " + grouped(plan.inbox) + ", Sent " +
           grouped(plan.sent) + ")");
  auto inbox_mail = gen.inbox(plan.inbox, begin, end, std::min<std::size_t>(200, plan.inbox / 100));
  auto sent_mail = gen.sent(plan.sent, begin, end);
  std::uint64_t raw_bytes = 0;
  for (const auto& m : inbox_mail) raw_bytes += m.raw.size();
  for (const auto& m : sent_mail) raw_bytes += m.raw.size();
  double seed_seconds = seed_mailbox(*server, "INBOX", std::move(inbox_mail), o.batch);
  if (plan.sent) seed_seconds += seed_mailbox(*server, "Sent", std::move(sent_mail), o.batch);
  progress("seeded in " + fixed(seed_seconds, 1) + " s");

  // ---- kith, cold: Dovecot has never been asked for these header fields,
  // as on a user's first sync; it builds its cache as Kith asks.
  const fs::path cold_dir = work.path() / "cold";
  fs::create_directories(cold_dir);
  Kith cold_kith(o, cold_dir, *server);
  progress("kith: first sync, Dovecot's cache cold");
  KithRun cold = cold_kith.sync("kith-first-cold");
  progress("  " + fixed(cold.t.wall, 2) + " s, " + grouped(cold.items) + " items");

  progress("warming Dovecot's cache: one untimed header FETCH of every message");
  std::vector<std::pair<std::string, std::size_t>> boxes = {{"INBOX", plan.inbox}};
  if (plan.sent) boxes.emplace_back("Sent", plan.sent);
  const double warm_seconds = warm_dovecot(*server, boxes);
  progress("warm-up took " + fixed(warm_seconds, 2) + " s");

  // ---- kith
  Kith kith(o, work.path(), *server);
  progress("kith: first sync into a new store, Dovecot's cache warm");
  KithRun first = kith.sync("kith-first");
  progress("  " + fixed(first.t.wall, 2) + " s, " + grouped(first.items) + " items, peak RSS " +
           fixed(first.t.rss_mib(), 1) + " MiB");
  const std::uint64_t db_after_first = kith.db_bytes();

  std::vector<KithRun> noops;
  std::vector<double> noop_walls;
  for (int i = 0; i < o.noop_runs; ++i) {
    progress("kith: no-op re-sync " + std::to_string(i + 1) + "/" + std::to_string(o.noop_runs));
    noops.push_back(kith.sync("kith-noop-" + std::to_string(i + 1)));
    noop_walls.push_back(noops.back().t.wall);
  }
  const double noop_median = median(noop_walls);
  std::vector<double> floor_walls;
  for (int i = 0; i < o.noop_runs; ++i) floor_walls.push_back(imap_floor(*server, {"INBOX", "Sent", "Trash"}));
  const double floor_median = median(floor_walls);

  // ---- peers, on the very same mailbox
  std::optional<PeerResult> peers;
  if (have_peers) peers = run_peers(work.path(), *server, "INBOX", "Sent");

  // ---- incremental
  std::optional<KithRun> incremental;
  if (o.incremental > 0) {
    progress("adding " + grouped(o.incremental) + " new INBOX messages (untimed), then kith: incremental sync");
    auto fresh = gen.inbox(o.incremental, end, end + 86400, o.incremental);
    seed_mailbox(*server, "INBOX", std::move(fresh), o.batch);
    incremental = kith.sync("kith-incremental");
  }

  std::vector<std::string> warnings;
  if (cold.items != o.messages)
    warnings.push_back("cold first sync read " + grouped(cold.items) + " items, expected " + grouped(o.messages));
  if (first.items != o.messages)
    warnings.push_back("first sync read " + grouped(first.items) + " items, expected " + grouped(o.messages));
  if (first.item_errors) warnings.push_back("first sync skipped " + grouped(first.item_errors) + " items");
  for (const auto& n : noops)
    if (n.items != 0) warnings.push_back("a no-op re-sync read " + grouped(n.items) + " items");
  if (incremental && incremental->items != o.incremental)
    warnings.push_back("incremental sync read " + grouped(incremental->items) + " items, expected " +
                       grouped(o.incremental));
  if (peers && peers->downloaded != o.messages)
    warnings.push_back("mbsync left " + grouped(peers->downloaded) + " messages in the Maildir, expected " +
                       grouped(o.messages));
  if (peers && !peers->mu_count.empty() && peers->mu_count != std::to_string(o.messages))
    warnings.push_back("mu reports " + peers->mu_count + " messages in its store, expected " + std::to_string(o.messages));

  // ---- report
  // The headline is the cold first sync; the warm one stands beside it.
  const double rate = cold.t.wall > 0 ? static_cast<double>(cold.items) / cold.t.wall : 0;
  const double first_rss_mib = std::max(cold.t.rss_mib(), first.t.rss_mib());
  const bool rss_met = first_rss_mib < kTargetRssMiB;
  const bool noop_met = noop_median < kTargetNoopSeconds;
  std::optional<double> peers_seconds, ratio, warm_ratio;
  if (peers) {
    peers_seconds = peers->mbsync.wall + peers->mu_index.wall;
    ratio = cold.t.wall > 0 ? *peers_seconds / cold.t.wall : 0;
    warm_ratio = first.t.wall > 0 ? *peers_seconds / first.t.wall : 0;
  }
  const bool speed_met = ratio && *ratio >= kTargetSpeedup;
  // The same ratio in CPU seconds: not the target, but far less moved by
  // other work on the machine (disk syncs and server waits do not count).
  std::optional<double> cpu_ratio;
  const double kith_cpu = cold.t.user + cold.t.sys;
  if (peers && kith_cpu > 0)
    cpu_ratio = (peers->mbsync.user + peers->mbsync.sys + peers->mu_index.user + peers->mu_index.sys) / kith_cpu;

  const auto version = tool_version({"dovecot", "--version"});
  std::printf("\nKith IMAP benchmark\n");
  std::printf("  mailbox     %s messages: INBOX %s, Sent %s; %s people in the pool (%zu with RFC 2047 names), "
              "%s list messages; %.1f MiB of raw mail (avg %s bytes)\n",
              grouped(o.messages).c_str(), grouped(plan.inbox).c_str(), grouped(plan.sent).c_str(),
              grouped(gen.people()).c_str(), gen.encoded_names(), grouped(gen.list_messages()).c_str(), mib(raw_bytes),
              grouped(raw_bytes / o.messages).c_str());
  std::printf("  server      Dovecot %s on 127.0.0.1:%d, imap:// (no TLS), in %s (%s); seeded in %.1f s\n",
              version.c_str(), server->imap_port(), server_parent.c_str(), fs_type(server->dir()).c_str(),
              seed_seconds);
  std::printf("  cache       Kith's cold first sync ran first, on a Dovecot never asked for these fields;\n"
              "              then one untimed FETCH (flags, size, date and Kith's header fields of every\n"
              "              message: %.2f s) warmed Dovecot's cache, and every other timed run below,\n"
              "              Kith's warm first sync (into a new store) and the peers, found it warm.\n",
              warm_seconds);
  std::printf("  scratch     %s (%s): Kith's database, mbsync's Maildir, mu's store\n", work.path().c_str(),
              fs_type(work.path().string()).c_str());
  std::printf("  kith        %s (%s build), plugins from %s%s\n", o.kith_binary.c_str(), KITH_BENCH_BUILD_TYPE,
              o.plugin_dir.c_str(), o.imap_settings.empty() ? ", default imap settings" : "");
  for (const auto& s : o.imap_settings) std::printf("              imap setting %s\n", s.c_str());
  if (peers)
    std::printf("  peers       %s (FSync default: yes), %s\n", tool_version({"mbsync", "--version"}).c_str(),
                tool_version({"mu", "--version"}).c_str());
  std::printf("  machine     %ld CPUs, load average %s at the start, %s at the end (other work on the machine\n"
              "              slows wall times; CPU times are steadier)\n",
              ::sysconf(_SC_NPROCESSORS_ONLN), load_before.c_str(), load_average().c_str());
  std::printf("  measuring   wall time of each whole process (fork to exit); CPU time and peak RSS from wait4()\n");

  std::printf("\nEvery timed process\n");
  std::vector<Row> runs;
  runs.push_back({"kith first sync, cold", run_row(cold.t),
                  grouped(cold.items) + " items, " + grouped(cold.added) + " interactions"});
  runs.push_back({"kith first sync, warm", run_row(first.t),
                  grouped(first.items) + " items, " + grouped(first.added) + " interactions, db " +
                      fixed(mib(db_after_first), 1) + " MiB"});
  for (std::size_t i = 0; i < noops.size(); ++i)
    runs.push_back({"kith no-op re-sync " + std::to_string(i + 1), run_row(noops[i].t),
                    grouped(noops[i].items) + " items"});
  runs.push_back({"bare IMAP client (median of " + std::to_string(o.noop_runs) + ")", fixed(floor_median, 3) + " s wall",
                  "login, LIST, STATUS INBOX/Sent/Trash: the server's share of a no-op"});
  if (incremental)
    runs.push_back({"kith incremental", run_row(incremental->t),
                    grouped(incremental->items) + " items, " + grouped(incremental->added) + " interactions"});
  if (peers) {
    runs.push_back({"mbsync full download", run_row(peers->mbsync),
                    grouped(peers->downloaded) + " messages, Maildir " + fixed(mib(peers->maildir_bytes), 1) + " MiB"});
    runs.push_back({"mu index", run_row(peers->mu_index),
                    (peers->mu_count.empty() ? std::string("?") : peers->mu_count) + " in store, " +
                        fixed(mib(peers->mu_bytes), 1) + " MiB"});
  }
  print_table({"process", "cost", "what it did"}, runs, {false, false, false});

  std::printf("\nSummary (targets from the issue)\n");
  std::vector<Row> rows;
  rows.push_back({"messages", grouped(o.messages), "", ""});
  rows.push_back({"kith first sync (Dovecot's cache cold)", fixed(cold.t.wall, 3) + " s", "", ""});
  rows.push_back({"kith first sync (warm, beside it)", fixed(first.t.wall, 3) + " s", "", ""});
  rows.push_back({"kith first sync rate (cold)", grouped(static_cast<std::uint64_t>(rate + 0.5)) + " msg/s", "", ""});
  rows.push_back({"kith peak RSS (first syncs)", fixed(first_rss_mib, 1) + " MiB", "< " + fixed(kTargetRssMiB, 0) + " MiB",
                  rss_met ? "yes" : "NO"});
  rows.push_back({"kith no-op re-sync (median of " + std::to_string(o.noop_runs) + ")", fixed(noop_median, 3) + " s",
                  "< " + fixed(kTargetNoopSeconds, 1) + " s", noop_met ? "yes" : "NO"});
  rows.push_back({"kith incremental (" + grouped(o.incremental) + " new)",
                  incremental ? fixed(incremental->t.wall, 3) + " s" : "not run", "", ""});
  rows.push_back({"mbsync full download", peers ? fixed(peers->mbsync.wall, 3) + " s" : "not run", "", ""});
  rows.push_back({"mu index", peers ? fixed(peers->mu_index.wall, 3) + " s" : "not run", "", ""});
  rows.push_back({"mbsync + mu index", peers_seconds ? fixed(*peers_seconds, 3) + " s" : "not run", "", ""});
  rows.push_back({"(mbsync + mu index) / kith first sync (cold)", ratio ? fixed(*ratio, 1) + "x" : "not measured",
                  ">= " + fixed(kTargetSpeedup, 0) + "x", ratio ? (speed_met ? "yes" : "NO") : "not measured"});
  rows.push_back({"the same against the warm first sync", warm_ratio ? fixed(*warm_ratio, 1) + "x" : "not measured", "", ""});
  rows.push_back({"the cold one in CPU seconds (for reference)", cpu_ratio ? fixed(*cpu_ratio, 1) + "x" : "not measured", "", ""});
  print_table({"measure", "value", "target", "met"}, rows, {false, true, false, false});

  for (const auto& w : warnings) std::printf("WARNING: %s\n", w.c_str());
  std::printf("\nbenchmark took %.1f s in all\n", seconds_since(bench_start));

  json j = {
      {"benchmark", "kith_imap"},
      {"messages", o.messages},
      {"inbox", plan.inbox},
      {"sent", plan.sent},
      {"raw_mail_bytes", raw_bytes},
      {"server_dir", server_parent},
      {"work_dir_fs", fs_type(work.path().string())},
      {"seed_s", seed_seconds},
      {"warmup_s", warm_seconds},
      {"imap_settings", o.imap_settings},
      {"kith_first_sync_cold", {{"items", cold.items}, {"interactions", cold.added}, {"msg_per_s", rate}}},
      {"kith_first_sync", {{"items", first.items}, {"interactions", first.added},
                           {"msg_per_s", first.t.wall > 0 ? static_cast<double>(first.items) / first.t.wall : 0},
                           {"db_mib", mib(db_after_first)}}},
      {"kith_noop_resync_median_s", noop_median},
      {"kith_noop_resync_s", noop_walls},
      {"bare_imap_status_round_median_s", floor_median},
      {"load_average", {load_before, load_average()}},
      {"kith_incremental", incremental ? json{{"new", o.incremental}, {"items", incremental->items}} : json(nullptr)},
      {"mbsync", peers ? json{{"messages", peers->downloaded}} : json(nullptr)},
      {"mu_index", peers ? json{{"store_messages", peers->mu_count}} : json(nullptr)},
      {"peers_s", peers_seconds ? json(*peers_seconds) : json(nullptr)},
      {"ratio_peers_over_kith", ratio ? json(*ratio) : json(nullptr)},  // against the cold first sync
      {"ratio_peers_over_kith_warm", warm_ratio ? json(*warm_ratio) : json(nullptr)},
      {"cpu_ratio_peers_over_kith", cpu_ratio ? json(*cpu_ratio) : json(nullptr)},
      {"targets", {{"speedup_min", kTargetSpeedup}, {"rss_max_mib", kTargetRssMiB}, {"noop_max_s", kTargetNoopSeconds}}},
      {"met", {{"speedup", ratio ? json(speed_met) : json(nullptr)}, {"rss", rss_met}, {"noop", noop_met}}},
      {"warnings", warnings},
  };
  j["kith_first_sync_cold"].update(cold.t.to_json());
  j["kith_first_sync"].update(first.t.to_json());
  if (incremental) j["kith_incremental"].update(incremental->t.to_json());
  if (peers) {
    j["mbsync"].update(peers->mbsync.to_json());
    j["mu_index"].update(peers->mu_index.to_json());
  }
  std::fflush(stderr);
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
  progress("cleaning up (stopping Dovecot, removing " + work.path().string() + " and " + server->dir() + ")");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == kMeasureMode) return launcher_main(argc, argv);
  install_signal_handlers();
  set_progress_prefix("bench");
  try {
    const Options o = parse_options(argc, argv);
    if (o.print_sample) {
      MailGenerator gen(o.seed, kUser);
      const std::int64_t end = 1761955200;  // 2025-11-01
      for (const auto& m : gen.inbox(4, end - 86400 * 30, end)) std::printf("%s\n=====\n", m.raw.c_str());
      for (const auto& m : gen.sent(2, end - 86400 * 30, end)) std::printf("%s\n=====\n", m.raw.c_str());
      return 0;
    }
    return run(o);
  } catch (const BenchError& e) {
    std::fprintf(stderr, "kith_imap_bench: %s\n", e.what());
    return interrupted() ? 130 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kith_imap_bench: unexpected error: %s\n", e.what());
    return 1;
  }
}

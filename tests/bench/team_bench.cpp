// kith_team_bench: a team's first sync (README.md, "Benchmarks": "A team's
// store"). Writes --messages messages over --accounts Maildir accounts
// (provider `local`: the store's share of the work shows, no mail server's),
// then syncs them all from scratch with kithd: once with one kithd on a
// SQLite file, then on a fresh PostgreSQL database (a PostgreSQL 15 this
// program starts) with each --workers count of kithd processes sharing it.
// Times from the start of the workers until every account has a successful
// run in the store; each worker's peak RSS is its VmHWM just before it is
// stopped. On demand, never in CI.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "BenchSupport.h"
#include "MailGenerator.h"
#include "servers/PostgresServer.h"
#include "store/PostgresDatabase.h"
#include "store/SqliteDatabase.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace kith::bench;

namespace {

struct Options {
  std::size_t messages = 100'000;
  std::size_t accounts = 20;
  std::vector<int> workers = {1, 2, 4};
  unsigned seed = 1;
  int timeout_seconds = 3600;
  std::string work_dir = "/tmp";
  bool keep = false;
};

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: kith_team_bench [--messages N] [--accounts N] [--workers 1,2,4] [--seed N]\n"
               "                       [--timeout SECONDS] [--work-dir DIR] [--keep]\n"
               "A first sync of N messages over the accounts: one kithd on SQLite, then each count\n"
               "of kithd workers sharing one PostgreSQL store.\n");
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--messages") o.messages = std::stoul(value());
    else if (a == "--accounts") o.accounts = std::stoul(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--timeout") o.timeout_seconds = std::stoi(value());
    else if (a == "--work-dir") o.work_dir = value();
    else if (a == "--keep") o.keep = true;
    else if (a == "--workers") {
      o.workers.clear();
      std::stringstream list(value());
      for (std::string n; std::getline(list, n, ',');) o.workers.push_back(std::stoi(n));
    } else if (a == "-h" || a == "--help") {
      usage(stdout);
      std::exit(0);
    } else {
      throw BenchError("unknown argument '" + a + "' (--help)");
    }
  }
  if (o.accounts < 1 || o.messages < o.accounts || o.workers.empty())
    throw BenchError("need --accounts >= 1, --messages >= --accounts and at least one --workers count");
  return o;
}

std::string owner_of(std::size_t account) { return "member" + std::to_string(account) + "@team.example"; }

// Maildir++: the root is INBOX, .Sent the sent mail; one file per message.
void write_maildirs(const Options& o, const fs::path& root) {
  const std::int64_t end = 1'790'000'000, begin = end - 3 * 365 * 86400;
  std::size_t written = 0;
  for (std::size_t a = 0; a < o.accounts; ++a) {
    const std::size_t count = o.messages / o.accounts + (a < o.messages % o.accounts ? 1 : 0);
    const std::size_t sent = count * 3 / 10;
    MailGenerator gen(o.seed * 1000 + a, owner_of(a));
    const fs::path box = root / ("account" + std::to_string(a));
    std::size_t n = 0;
    auto put = [&](const fs::path& folder, const std::vector<GeneratedMessage>& mail) {
      for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(folder / sub);
      for (const auto& m : mail) {
        std::ofstream(folder / "cur" / (std::to_string(m.time) + "." + std::to_string(++n) + ".bench:2,S"),
                      std::ios::binary)
            << m.raw;
      }
      written += mail.size();
    };
    put(box, gen.inbox(count - sent, begin, end));
    put(box / ".Sent", gen.sent(sent, begin, end));
    check_interrupted();
    progress("mail: " + grouped(written) + " of " + grouped(o.messages) + " messages");
  }
}

void write_config(const Options& o, const fs::path& file, const fs::path& mail, const std::string& store_lines) {
  std::ofstream out(file);
  out << "plugin_dirs = [\"" << KITH_BENCH_PLUGIN_DIR << "\"]\n\n[identity]\naddresses = [";
  for (std::size_t a = 0; a < o.accounts; ++a) out << (a ? ", " : "") << '"' << owner_of(a) << '"';
  out << "]\n\n" << store_lines << "\n[daemon]\nlease_seconds = 15\n";
  for (std::size_t a = 0; a < o.accounts; ++a)
    out << "\n[[account]]\nname = \"account" << a << "\"\nprovider = \"local\"\nmaildir = \""
        << (mail / ("account" + std::to_string(a))).string() << "\"\ninterval = 86400\n";
}

pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> owned = args;
  std::vector<char*> argv;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw BenchError("cannot start " + args[0] + ": " + std::strerror(rc));
  return pid;
}

// VmHWM of a live process, in KiB (its own peak RSS since its exec).
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

struct Outcome {
  std::string store;
  int workers = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // all workers together
  long max_rss_kib = 0;    // the largest worker's
  std::int64_t interactions = 0;
};

// Starts the workers, waits until every account has a successful run
// (asked of the store on a connection of our own), stops them.
Outcome run_workers(const Options& o, const std::string& label, int workers, const fs::path& config,
                    const std::vector<std::string>& extra_args, kith::engine::SqlDatabase& db, const fs::path& logs) {
  Outcome out;
  out.store = label;
  out.workers = workers;
  const auto started = std::chrono::steady_clock::now();
  std::vector<pid_t> pids;
  for (int w = 0; w < workers; ++w) {
    std::vector<std::string> args = {KITH_BENCH_KITHD_BINARY, "--config", config.string(), "--log-level", "warn"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pids.push_back(spawn(args, logs / (label + "-" + std::to_string(workers) + "-worker" + std::to_string(w) + ".log")));
  }
  auto stop_all = [&] {
    for (pid_t pid : pids) ::kill(pid, SIGTERM);
  };
  std::size_t done = 0;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (interrupted()) {
      stop_all();
      check_interrupted();
    }
    auto stmt = db.prepare("SELECT COUNT(DISTINCT account) FROM sync_runs WHERE state = 'ok'");
    if (stmt) {
      auto row = stmt->step();
      if (row && *row) done = static_cast<std::size_t>(stmt->column_int(0));
    }
    if (done >= o.accounts) break;
    if (seconds_since(started) > o.timeout_seconds) {
      stop_all();
      throw BenchError(label + " with " + std::to_string(workers) + " workers: " + std::to_string(done) + " of " +
                       std::to_string(o.accounts) + " accounts synced after " + std::to_string(o.timeout_seconds) +
                       " s; logs in " + logs.string());
    }
  }
  out.seconds = seconds_since(started);
  for (pid_t pid : pids) out.max_rss_kib = std::max(out.max_rss_kib, peak_rss_kib(pid));
  stop_all();
  for (pid_t pid : pids) {
    struct rusage ru {};
    int status = 0;
    while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    out.cpu_seconds += static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  }
  auto count = db.prepare("SELECT COUNT(*) FROM interactions");
  if (count && *count->step()) out.interactions = count->column_int(0);
  return out;
}

int run(const Options& o) {
  TempDir work(o.work_dir, "kith-team-bench-", o.keep);
  const fs::path mail = work.path() / "mail";
  progress("writing " + grouped(o.messages) + " messages over " + std::to_string(o.accounts) + " accounts");
  write_maildirs(o, mail);
  std::vector<Outcome> outcomes;

  {
    progress("one kithd on SQLite");
    const fs::path db_file = work.path() / "sqlite.db";
    const fs::path config = work.path() / "sqlite.toml";
    write_config(o, config, mail, "");
    // The store exists before kithd starts, so we can watch it from the start.
    auto watch = kith::engine::SqliteDatabase::open(db_file.string());
    if (!watch) throw BenchError(watch.status().message());
    auto created = spawn({KITH_BENCH_KITH_BINARY, "--config", config.string(), "--db", db_file.string(), "status"},
                         work.path() / "create.log");
    int status = 0;
    ::waitpid(created, &status, 0);
    outcomes.push_back(run_workers(o, "sqlite", 1, config, {"--db", db_file.string()}, **watch, work.path()));
  }

  // In /tmp, not the work dir: the server runs as nobody when we are root.
  auto server = kith::testing::PostgresServer::start();
  if (!server) throw BenchError(server.status().message());
  ::setenv("PGPASSWORD", (*server)->password().c_str(), 1);
  for (const int workers : o.workers) {
    progress(std::to_string(workers) + " kithd on PostgreSQL");
    auto url = (*server)->create_database();
    if (!url) throw BenchError(url.status().message());
    const fs::path config = work.path() / ("postgres-" + std::to_string(workers) + ".toml");
    write_config(o, config, mail, "[store]\nurl = \"" + *url + "\"\n");
    auto created = spawn({KITH_BENCH_KITH_BINARY, "--config", config.string(), "status"}, work.path() / "create.log");
    int status = 0;
    ::waitpid(created, &status, 0);
    kith::engine::PostgresSettings settings;
    settings.url = *url;
    settings.password = (*server)->password();
    auto watch = kith::engine::PostgresDatabase::open(settings);
    if (!watch) throw BenchError(watch.status().message());
    outcomes.push_back(run_workers(o, "postgresql", workers, config, {}, **watch, work.path()));
  }

  std::printf("%-12s %8s %10s %12s %10s %14s %14s\n", "store", "workers", "wall s", "messages/s", "CPU s",
              "max RSS MiB", "interactions");
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& r : outcomes) {
    std::printf("%-12s %8d %10s %12s %10s %14s %14s\n", r.store.c_str(), r.workers, fixed(r.seconds, 1).c_str(),
                grouped(static_cast<std::uint64_t>(static_cast<double>(o.messages) / r.seconds)).c_str(),
                fixed(r.cpu_seconds, 1).c_str(), fixed(static_cast<double>(r.max_rss_kib) / 1024.0, 1).c_str(),
                grouped(static_cast<std::uint64_t>(r.interactions)).c_str());
    runs.push_back({{"store", r.store}, {"workers", r.workers}, {"seconds", r.seconds}, {"cpu_seconds", r.cpu_seconds},
                    {"max_rss_kib", r.max_rss_kib}, {"interactions", r.interactions}});
  }
  std::printf("machine: %u cores, load %s\n", std::max(1u, std::thread::hardware_concurrency()), load_average().c_str());
  // Every run synced the same mail: a store that kept more or fewer rows
  // lost or doubled something, and its speed means nothing.
  for (const auto& r : outcomes)
    if (r.interactions != outcomes.front().interactions)
      std::printf("WARNING: %s with %d workers stored %lld interactions, the first run %lld\n", r.store.c_str(),
                  r.workers, static_cast<long long>(r.interactions),
                  static_cast<long long>(outcomes.front().interactions));
  nlohmann::json summary = {{"messages", o.messages}, {"accounts", o.accounts}, {"seed", o.seed},
                            {"build_type", KITH_BENCH_BUILD_TYPE}, {"runs", runs}};
  std::cout << summary.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  set_progress_prefix("team-bench");
  try {
    return run(parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kith_team_bench: %s\n", e.what());
    return 1;
  }
}

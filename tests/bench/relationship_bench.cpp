// kith_relationship_bench: how fast the relationship queries answer on a big
// history (README.md, "Relationship queries"). Builds a seeded synthetic
// store of --people people and --interactions interactions through the
// store's own apply() (the schema and bookkeeping a sync writes), then times
// the real `kith` binary, warm, for each query. On demand, never in CI.
// --postgres: the same on a PostgreSQL store, on a PostgreSQL 15 this
// program starts and stops (tests/servers/PostgresServer.h).
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "BenchSupport.h"
#include "servers/PostgresServer.h"
#include "store/PostgresStore.h"
#include "store/SqlHistoryStore.h"
#include "store/StoreCopy.h"
#include "util/Time.h"

namespace fs = std::filesystem;
using namespace kith::bench;
using kith::engine::ExtractedBatch;
using kith::engine::Interaction;
using kith::engine::InteractionKind;

namespace {

struct Options {
  std::size_t people = 50'000;
  std::size_t interactions = 2'000'000;
  unsigned seed = 1;
  int runs = 9;
  std::string work_dir = "/tmp";
  bool keep = false;
  bool postgres = false;
};

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: kith_relationship_bench [--people N] [--interactions N] [--seed N] [--runs N]\n"
               "                               [--work-dir DIR] [--keep] [--postgres]\n"
               "Builds a synthetic store (default 50,000 people, 2,000,000 interactions) and times\n"
               "kith due, drift, awaiting, contacts --sort strength, show and explain, warm.\n");
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--people") o.people = std::stoul(value());
    else if (a == "--interactions") o.interactions = std::stoul(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--runs") o.runs = std::stoi(value());
    else if (a == "--work-dir") o.work_dir = value();
    else if (a == "--keep") o.keep = true;
    else if (a == "--postgres") o.postgres = true;
    else if (a == "-h" || a == "--help") { usage(stdout); std::exit(0); }
    else throw BenchError("unknown argument '" + a + "' (--help)");
  }
  if (o.people < 10 || o.interactions < o.people || o.runs < 1) throw BenchError("need --people >= 10, --interactions >= --people, --runs >= 1");
  return o;
}

const char* kFirst[] = {"Ada", "Ben", "Chloé", "Dana", "Emil", "Farah", "Grace", "Hiro", "Ines", "Jonas",
                        "Kemal", "Lena", "Marco", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Søren", "Tomás"};
const char* kLast[] = {"Okafor", "Martínez", "Kim", "Whitfield", "Raman", "Becker", "Hoffmann", "Tanaka", "Kjær",
                       "Nakamura", "Silva", "Novak", "Dubois", "Rossi", "Cohen", "Ivanova", "Haddad", "Murphy"};

// The history ends now, as a user's does: the queries run at the clock's
// moment (passed as --as-of so every run sees the same one), which is what
// the kept summaries answer for. (An --as-of in the past reads the
// timelines of everyone with an interaction since; see the README.)
const kith::UnixSeconds kAsOf = kith::engine::now_utc() / 60 * 60;
constexpr kith::UnixSeconds kDay = 86400;

// Writes the store; returns seconds taken.
// The store the queries read: a file, or a PostgreSQL database.
struct BenchStore {
  fs::path file;
  std::unique_ptr<kith::testing::PostgresServer> server;
  kith::engine::PostgresSettings postgres;
  std::string location() const { return server ? postgres.url : file.string(); }
};

double build_store(const Options& o, const BenchStore& where) {
  const auto started = std::chrono::steady_clock::now();
  auto opened = where.server ? kith::engine::open_postgres_store(where.postgres)
                             : kith::engine::SqlHistoryStore::open(where.file.string());
  if (!opened) throw BenchError(opened.status().message());
  auto& store = **opened;
  std::mt19937_64 rng(o.seed);
  // Zipf-like activity: a few people account for much of the history.
  std::vector<double> weight(o.people);
  double total = 0;
  for (std::size_t i = 0; i < o.people; ++i) total += weight[i] = 1.0 / std::pow(static_cast<double>(i + 1), 0.7);
  std::vector<std::size_t> per_person(o.people);
  std::size_t assigned = 0;
  for (std::size_t i = 0; i < o.people; ++i) {
    per_person[i] = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(weight[i] / total * static_cast<double>(o.interactions))));
    assigned += per_person[i];
  }
  for (std::size_t i = 0; assigned < o.interactions; i = (i + 1) % o.people, ++assigned) ++per_person[i];
  auto address = [](std::size_t i) { return "p" + std::to_string(i) + "@d" + std::to_string(i % 997) + ".example"; };
  auto name = [](std::size_t i) {
    return std::string(kFirst[i % std::size(kFirst)]) + " " + kLast[(i / std::size(kFirst)) % std::size(kLast)];
  };
  std::uniform_real_distribution<double> unit(0, 1);
  ExtractedBatch batch;
  std::size_t in_batch = 0, done = 0, key = 0;
  auto flush = [&] {
    if (!in_batch) return;
    auto applied = store.apply("bench", batch);
    if (!applied) throw BenchError(applied.status().message());
    batch = ExtractedBatch{};
    in_batch = 0;
  };
  for (std::size_t i = 0; i < o.people; ++i) {
    // Each person is active over a stretch of the last three years, at
    // their own rhythm; some have gone quiet.
    const double span_days = 30 + unit(rng) * 1065;
    const double quiet_days = unit(rng) < 0.3 ? unit(rng) * 200 : unit(rng) * 20;
    for (std::size_t n = 0; n < per_person[i]; ++n) {
      const double r = unit(rng);
      const kith::UnixSeconds when =
          kAsOf - static_cast<kith::UnixSeconds>((quiet_days + unit(rng) * span_days) * kDay);
      const std::string k = "k" + std::to_string(key++);
      if (r < 0.15) {
        // A meeting; 2% of them still to come; some with others too.
        kith::engine::EventInteractions e{"cal", k + ".ics", k, {}, "", {}};
        const kith::UnixSeconds start = unit(rng) < 0.02 ? kAsOf + static_cast<kith::UnixSeconds>(unit(rng) * 30 * kDay) : when;
        const std::size_t others = unit(rng) < 0.7 ? 1 : 2 + static_cast<std::size_t>(unit(rng) * 4);
        for (std::size_t p = 0; p < others; ++p) {
          const std::size_t who = p == 0 ? i : static_cast<std::size_t>(unit(rng) * static_cast<double>(o.people));
          e.meetings.push_back({InteractionKind::Meeting, address(who), name(who), start, "evt:" + k + "|", "Meeting " + k,
                                kith::HandleKind::Email, ""});
        }
        batch.events.push_back(std::move(e));
      } else {
        const auto kind = r < 0.55 ? InteractionKind::EmailReceived : InteractionKind::EmailSent;
        batch.mail.push_back({k, {{kind, address(i), name(i), when, k, "Subject line " + k, kith::HandleKind::Email, ""}}});
      }
      if (++in_batch == 5000) flush();
      if (++done % 200'000 == 0) progress("store: " + grouped(done) + " of " + grouped(o.interactions) + " interactions");
    }
  }
  flush();
  // Decisions: a tag with a cadence on a fifth of the people, a cadence of
  // their own on one in a hundred.
  if (auto s = store.set_tag_cadence("network", 60); !s) throw BenchError(s.message());
  for (std::size_t i = 0; i < o.people; i += 5)
    if (auto s = store.tag_person(static_cast<std::int64_t>(i + 1), {"network"}, true); !s) throw BenchError(s.message());
  for (std::size_t i = 0; i < o.people; i += 100)
    if (auto s = store.set_person_cadence(static_cast<std::int64_t>(i + 1), 30); !s) throw BenchError(s.message());
  return seconds_since(started);
}

// Waits until what was written to `path` is on disk.
void settle_writes(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  static_cast<void>(::fsync(fd));
  ::close(fd);
}

struct Timed {
  double seconds = 0;
  double cpu = 0;
  std::size_t bytes = 0;
};

Timed run_kith(const std::vector<std::string>& args, const fs::path& out) {
  std::vector<char*> argv;
  std::vector<std::string> owned = args;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Each run writes a new file, as a user's `> file` of a list usually
  // does: rewriting the last run's (28 MB for contacts) made ext4 free its
  // pages on open and flush it at close (auto_da_alloc), which measured
  // the file system, not the query.
  std::error_code ignored;
  fs::remove(out, ignored);
  // posix_spawn, not fork: this process holds what it built the store
  // with, and a fork copied its page tables inside the timed run.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  const auto started = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw BenchError(std::string("posix_spawn: ") + std::strerror(spawned));
  set_running_child(pid);
  int status = 0;
  struct rusage ru {};
  while (::wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR) throw BenchError(std::string("wait4: ") + std::strerror(errno));
  set_running_child(-1);
  Timed t;
  t.seconds = seconds_since(started);
  t.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw BenchError(args[args.size() - 1] + ": kith exited with " + std::to_string(WEXITSTATUS(status)) + ": " +
                     last_lines(read_file(out), 3));
  t.bytes = static_cast<std::size_t>(fs::file_size(out));
  check_interrupted();
  return t;
}

int run(const Options& o) {
  TempDir work(o.work_dir, "kith-relationship-bench-", o.keep);
  const fs::path db = work.path() / "history.db";
  BenchStore store;
  store.file = db;
  if (o.postgres) {
    // In /tmp, not the work dir: the server runs as nobody when we are root.
    auto started = kith::testing::PostgresServer::start();
    if (!started) throw BenchError(started.status().message());
    store.server = std::move(*started);
    auto url = store.server->create_database();
    if (!url) throw BenchError(url.status().message());
    store.postgres.url = *url;
    store.postgres.password = store.server->password();
    // The kith processes below find it as libpq does.
    ::setenv("PGPASSWORD", store.server->password().c_str(), 1);
  }
  auto store_size = [&]() -> std::string {
    if (!store.server) return fixed(static_cast<double>(fs::file_size(db)) / 1048576.0, 0);
    auto size = store.server->query_column("SELECT pg_database_size(current_database())",
                                           kith::testing::PostgresServer::database_of(store.postgres.url));
    return size && !size->empty() ? fixed(std::stod(size->front()) / 1048576.0, 0) : "?";
  };
  const fs::path config = work.path() / "kith.toml";
  std::ofstream(config) << "[identity]\naddresses = [\"alex@example.org\"]\n";
  progress("building a store of " + grouped(o.people) + " people and " + grouped(o.interactions) + " interactions");
  double build_seconds = 0;
  if (store.server) {
    // Made on SQLite and copied as `kith migrate-store` copies (COPY, one
    // transaction): the same rows as apply() writes, in minutes instead of
    // the ~20 a row-by-row apply() takes over the network at 2M.
    BenchStore sqlite;
    sqlite.file = db;
    build_seconds = build_store(o, sqlite);
    progress("built on SQLite in " + fixed(build_seconds, 1) + " s; copying to PostgreSQL");
    const auto copy_started = std::chrono::steady_clock::now();
    auto source = kith::engine::SqliteDatabase::open(db.string());
    if (!source) throw BenchError(source.status().message());
    auto target = kith::engine::open_postgres_database(store.postgres);
    if (!target) throw BenchError(target.status().message());
    auto copied = kith::engine::copy_sqlite_to_postgres(**source, **target);
    if (!copied) throw BenchError(copied.status().message());
    (*target).reset();
    (*source).reset();
    if (auto analyzed = store.server->execute("ANALYZE", kith::testing::PostgresServer::database_of(store.postgres.url));
        !analyzed)
      throw BenchError(analyzed.message());
    progress("copied in " + fixed(seconds_since(copy_started), 1) + " s");
  } else {
    build_seconds = build_store(o, store);
  }
  progress("store built in " + fixed(build_seconds, 1) + " s, " + store_size() + " MiB");

  const std::string as_of = kith::engine::format_rfc3339(kAsOf);
  const std::vector<std::string> base = {KITH_BENCH_KITH_BINARY, "--config", config.string(), "--db", store.location(),
                                         "--as-of", as_of, "--json"};
  const std::string busy = "p1@d1.example";  // the second most active person
  const std::vector<std::pair<std::string, std::vector<std::string>>> queries = {
      {"due", {"due"}},
      {"drift", {"drift"}},
      {"awaiting", {"awaiting"}},
      {"contacts --sort strength", {"contacts", "--sort", "strength"}},
      {"show", {"show", busy}},
      {"explain", {"explain", busy}},
      {"merge --suggest", {"merge", "--suggest"}},  // folds every name (libunistring)
  };
  nlohmann::json results = nlohmann::json::object();
  std::printf("%-26s %10s %10s %10s %12s\n", "query (warm)", "median s", "min s", "CPU s", "output");
  double first_query = -1;
  for (const auto& [label, args] : queries) {
    std::vector<std::string> argv = base;
    argv.insert(argv.end(), args.begin(), args.end());
    // Warm-up: the page cache, and for the first query the kept summaries
    // of everyone, made once after the store was written.
    const Timed warm = run_kith(argv, work.path() / "out.json");
    if (first_query < 0) first_query = warm.seconds;
    // Warm means in the page cache, not still being written back: the
    // kernel writing out the store (350 MB just built, then every summary)
    // took a core from the runs that followed.
    if (!store.server) settle_writes(db);
    std::vector<double> wall, cpu;
    std::size_t bytes = 0;
    for (int r = 0; r < o.runs; ++r) {
      const Timed t = run_kith(argv, work.path() / "out.json");
      wall.push_back(t.seconds);
      cpu.push_back(t.cpu);
      bytes = t.bytes;
    }
    const double med = median(wall);
    std::printf("%-26s %10s %10s %10s %9s KB\n", label.c_str(), fixed(med, 3).c_str(),
                fixed(*std::min_element(wall.begin(), wall.end()), 3).c_str(), fixed(median(cpu), 3).c_str(),
                fixed(static_cast<double>(bytes) / 1024.0, 0).c_str());
    results[label] = {{"median_seconds", med}, {"cpu_seconds", median(cpu)}, {"output_bytes", bytes}};
  }
  std::printf("first query after the store was written (makes every summary): %s s\n", fixed(first_query, 2).c_str());
  std::printf("machine: %u cores, load %s; store %s MiB\n", std::max(1u, std::thread::hardware_concurrency()),
              load_average().c_str(), store_size().c_str());
  nlohmann::json summary = {{"store", o.postgres ? "postgresql" : "sqlite"}, {"people", o.people}, {"interactions", o.interactions}, {"seed", o.seed}, {"runs", o.runs}, {"as_of", as_of},
                            {"build_type", KITH_BENCH_BUILD_TYPE}, {"store_build_seconds", build_seconds},
                            {"first_query_seconds", first_query},
                            {"queries", results}};
  std::cout << summary.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  set_progress_prefix("relationship-bench");
  try {
    return run(parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kith_relationship_bench: %s\n", e.what());
    return 1;
  }
}

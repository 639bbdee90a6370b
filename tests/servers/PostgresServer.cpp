#include "servers/PostgresServer.h"

#include <dirent.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "servers/CalDavTestClient.h"  // loopback_port_owned_by_group
#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kKeepDirEnv = "KITH_KEEP_POSTGRES_DIR";
// Set by ctest for the tests that need the fixture postgres_server (tests/CMakeLists.txt).
constexpr const char* kRunServerEnv = "KITH_TEST_POSTGRES_SERVER";
constexpr std::size_t kMaxParentDir = 60;

std::string errno_text() { return std::strerror(errno); }

// 32 hex digits from /dev/urandom (std::random_device if that cannot be read).
std::string random_password() {
  unsigned char bytes[16] = {};
  bool have = false;
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    have = ::read(fd, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes);
    ::close(fd);
  }
  if (!have) {
    std::random_device rd;
    for (auto& b : bytes) b = static_cast<unsigned char>(rd());
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// A value in a libpq conninfo string: quoted, with \ and ' escaped.
std::string conninfo_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// The names in `dir` made of digits only ("15", or PIDs in /proc).
std::vector<std::string> numeric_entries(const char* dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir);
  if (!d) return names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) names.push_back(name);
  }
  ::closedir(d);
  return names;
}

// The newest /usr/lib/postgresql/<N>/bin with initdb and postgres.
std::optional<std::string> default_bin_dir() {
  if (const char* env = std::getenv("KITH_POSTGRES_BIN_DIR"); env && *env) return std::string(env);
  int best = -1;
  std::string found;
  for (const std::string& name : numeric_entries("/usr/lib/postgresql")) {
    const std::string bin = "/usr/lib/postgresql/" + name + "/bin";
    if (!find_executable(bin + "/initdb") || !find_executable(bin + "/postgres")) continue;
    const int version = std::atoi(name.c_str());
    if (version > best) {
      best = version;
      found = bin;
    }
  }
  if (best < 0) return std::nullopt;
  return found;
}

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

kith::Result<PgConn> connect(const std::string& conninfo, const std::string& what) {
  PgConn conn(PQconnectdb(conninfo.c_str()));
  if (!conn) return kith::Status::internal("connecting to " + what + ": out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return kith::Status::internal("connecting to " + what + ": " + trimmed(PQerrorMessage(conn.get())));
  }
  return conn;
}

// State and parent of /proc/<pid>/stat; false if the process is gone.
bool read_state_and_parent(pid_t pid, char& state, pid_t& parent) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  std::FILE* f = std::fopen(path.c_str(), "re");
  if (!f) return false;
  char buffer[1024];
  const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
  std::fclose(f);
  buffer[n] = '\0';
  const char* close = std::strrchr(buffer, ')');
  if (!close) return false;
  long ppid = 0;
  if (std::sscanf(close + 1, " %c %ld", &state, &ppid) != 2) return false;
  parent = static_cast<pid_t>(ppid);
  return true;
}

bool is_live(pid_t pid) {
  char state = 0;
  pid_t parent = 0;
  return read_state_and_parent(pid, state, parent) && state != 'Z' && state != 'X' && state != 'x';
}

// Live (not zombie) processes whose parent is `parent`.
std::vector<pid_t> live_children_of(pid_t parent) {
  std::vector<pid_t> found;
  for (const std::string& name : numeric_entries("/proc")) {
    const auto pid = static_cast<pid_t>(std::atol(name.c_str()));
    char state = 0;
    pid_t ppid = 0;
    if (!read_state_and_parent(pid, state, ppid) || ppid != parent) continue;
    if (state == 'Z' || state == 'X' || state == 'x') continue;
    found.push_back(pid);
  }
  return found;
}

}  // namespace

// ---------------------------------------------------------------------------
// Start

kith::Result<std::unique_ptr<PostgresServer>> PostgresServer::start(const PostgresOptions& options) {
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->options_ = options;
  // On any failure `server` goes out of scope: no process, no directory left.
  if (auto st = server->prepare(); !st) return st;
  if (auto st = server->run_initdb(); !st) return st;
  if (auto st = server->launch(/*pick_port=*/true); !st) return st;
  if (auto st = server->execute("CREATE DATABASE kith", "postgres"); !st) {
    return st.with_context("creating the database kith").with_context(server->log_tail(10));
  }
  return server;
}

kith::Status PostgresServer::prepare() {
  if (server_parent_dir(options_.parent_dir).size() > kMaxParentDir) {
    return kith::Status::internal("parent_dir longer than " + std::to_string(kMaxParentDir) +
                                  " characters (unix socket paths are bounded): " + options_.parent_dir);
  }
  if (!options_.bin_dir.empty()) {
    bin_dir_ = options_.bin_dir;
  } else if (auto bin = default_bin_dir()) {
    bin_dir_ = *bin;
  } else {
    return kith::Status::internal(
        "no PostgreSQL server found in /usr/lib/postgresql/<N>/bin (install the Debian package postgresql-15)");
  }
  for (const char* program : {"initdb", "postgres"}) {
    if (!find_executable(bin_dir_ + "/" + program)) {
      return kith::Status::internal(std::string(program) + " not found in " + bin_dir_);
    }
  }
  auto env = find_executable("env");
  if (!env) return kith::Status::internal("env not found");
  env_bin_ = *env;
  // setpriv: as root, to become nobody; always, for --pdeathsig (a uid change
  // clears the parent-death signal ChildProcess set before exec).
  auto setpriv = find_executable("setpriv");
  if (!setpriv) return kith::Status::internal("setpriv not found (Debian package util-linux)");
  setpriv_bin_ = *setpriv;

  as_root_ = ::geteuid() == 0;
  if (as_root_) {
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody) return kith::Status::internal("no 'nobody' user to run PostgreSQL as (initdb refuses root)");
    run_uid_ = nobody->pw_uid;
    run_gid_ = nobody->pw_gid;
  } else {
    run_uid_ = ::geteuid();
    run_gid_ = ::getegid();
  }

  auto dir = make_server_dir(options_.parent_dir, "kp-");
  if (!dir) return dir.status();
  dir_ = *dir;
  // 0755: nobody (when we are root) must reach data/ and run/ inside.
  if (::chmod(dir_.c_str(), 0755) != 0) return kith::Status::internal("chmod " + dir_ + ": " + errno_text());
  data_dir_ = dir_ + "/data";
  socket_dir_ = dir_ + "/run";
  log_path_ = dir_ + "/postgres.log";
  pwfile_path_ = dir_ + "/pwfile";
  // data/ must be 0700 (or 0750) and belong to the server's user.
  for (const auto& [path, mode] : {std::pair{data_dir_, 0700}, std::pair{socket_dir_, 0755}}) {
    if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) != 0) {
      return kith::Status::internal("mkdir " + path + ": " + errno_text());
    }
    if (as_root_ && ::chown(path.c_str(), run_uid_, run_gid_) != 0) {
      return kith::Status::internal("chown " + path + ": " + errno_text());
    }
  }
  password_ = random_password();
  if (auto st = write_file_with_mode(pwfile_path_, password_ + "\n", 0600); !st) return st;
  if (as_root_ && ::chown(pwfile_path_.c_str(), run_uid_, run_gid_) != 0) {
    return kith::Status::internal("chown " + pwfile_path_ + ": " + errno_text());
  }
  return {};
}

std::vector<std::string> PostgresServer::command_prefix(bool die_with_parent) const {
  std::vector<std::string> argv = {env_bin_, "-i", "-C", dir_, "PATH=" + bin_dir_ + ":/usr/bin:/bin",
                                   "HOME=" + dir_, "TZ=UTC"};
  argv.push_back(setpriv_bin_);
  if (as_root_) {
    argv.insert(argv.end(), {"--reuid=" + std::to_string(run_uid_), "--regid=" + std::to_string(run_gid_),
                             "--clear-groups"});
  }
  // SIGINT is PostgreSQL's fast shutdown: should the test process die, the
  // server ends its sessions and stops at once.
  if (die_with_parent) argv.insert(argv.end(), {"--pdeathsig", "INT"});
  return argv;
}

kith::Status PostgresServer::run_initdb() {
  std::vector<std::string> argv = command_prefix(/*die_with_parent=*/false);
  argv.insert(argv.end(), {bin_dir_ + "/initdb", "-D", data_dir_, "-U", user(), "--pwfile=" + pwfile_path_, "-E",
                           "UTF8", "--locale=C.UTF-8", "--auth-host=scram-sha-256", "--auth-local=trust",
                           "--no-sync", "--no-instructions"});
  auto result = run_process(argv, options_.initdb_timeout);
  ::unlink(pwfile_path_.c_str());  // the password is in the cluster now
  if (!result) return result.status().with_context("running initdb");
  if (!result->ok()) {
    std::string why = result->timed_out ? "timed out after " + std::to_string(options_.initdb_timeout.count()) + " ms"
                      : result->term_signal ? "killed by signal " + std::to_string(result->term_signal)
                                            : "exit " + std::to_string(result->exit_code);
    return kith::Status::internal("initdb failed (" + why + ")\n--- initdb output ---\n" + result->out +
                                  result->err);
  }
  return {};
}

kith::Status PostgresServer::launch(bool pick_port) {
  ServerLaunch launch;
  launch.name = "PostgreSQL";
  launch.program = "postgres";
  launch.port_count = 1;
  launch.use_ports = [this](const std::vector<int>& ports) { port_ = ports[0]; };
  launch.command = [this]() -> kith::Result<std::vector<std::string>> {
    std::vector<std::string> argv = command_prefix(/*die_with_parent=*/true);
    argv.insert(argv.end(), {bin_dir_ + "/postgres", "-D", data_dir_, "-p", std::to_string(port_), "-k", socket_dir_});
    const std::vector<std::pair<std::string, std::string>> settings = {
        {"listen_addresses", "127.0.0.1"},
        // No /dev/shm needed (a minimal chroot may lack it): DSM segments are
        // files under data/pg_dynshmem.
        {"dynamic_shared_memory_type", "mmap"},
        // Nothing reaches the disk before the OS writes it back: fast, and
        // safe for everything but an OS crash. synchronous_commit stays on:
        // with fsync off a commit costs one write(), and a commit the client
        // saw survives kill_hard() (off, the WAL writer may not have written
        // it out of shared memory yet).
        {"fsync", "off"},
        {"full_page_writes", "off"},
        {"timezone", "UTC"},
        {"log_timezone", "UTC"},
    };
    for (const auto& list : {settings, options_.settings}) {
      for (const auto& [name, value] : list) argv.insert(argv.end(), {"-c", name + "=" + value});
    }
    return argv;
  };
  launch.output_path = log_path_;
  launch.startup_timeout = options_.startup_timeout;
  launch.awaited = "connection";
  launch.make_probe = [this]() -> ReadinessProbe {
    const int port = port_;
    const pid_t pgid = process_.pid();
    // PQping needs no password: it only asks whether connections are accepted.
    const std::string ping = "host=127.0.0.1 port=" + std::to_string(port) +
                             " user=kith dbname=postgres connect_timeout=2 sslmode=disable";
    return [ping, port, pgid](std::string& last_error) {
      switch (PQping(ping.c_str())) {
        case PQPING_OK:
          if (loopback_port_owned_by_group(port, pgid)) return true;
          last_error = "another server answered on port " + std::to_string(port);
          return false;
        case PQPING_REJECT: last_error = "the server rejects connections (starting up)"; return false;
        case PQPING_NO_RESPONSE: last_error = "no answer on port " + std::to_string(port); return false;
        case PQPING_NO_ATTEMPT: last_error = "PQping: bad connection parameters"; return false;
      }
      return false;
    };
  };
  launch.log_tail = [this](std::size_t lines) { return log_tail(lines); };
  launch.log_location = log_path_;
  return launch_server(process_, launch, pick_port);
}

// ---------------------------------------------------------------------------
// Lifecycle

PostgresServer::~PostgresServer() {
  if (attached_) {
    drop_created_databases();
    return;
  }
  (void)stop();
  remove_server_dir(dir_, kKeepDirEnv);
}

void PostgresServer::drop_created_databases() {
  std::lock_guard<std::mutex> lock(created_mutex_);
  // Best effort: the run's server is stopped, directory and all, after the
  // last test anyway; dropping keeps its disk use to the tests running.
  for (const auto& name : created_) (void)execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "postgres");
  created_.clear();
}

kith::Status PostgresServer::write_description(const std::string& path, pid_t keeper) const {
  const std::string temp = path + ".tmp";
  const std::string text = std::to_string(keeper) + " " + std::to_string(port_) + " " + password_ + " " + dir_ + "\n";
  if (auto st = write_file_with_mode(temp, text, 0600); !st) return st;
  if (::rename(temp.c_str(), path.c_str()) != 0) return kith::Status::internal("rename " + temp + ": " + errno_text());
  return {};
}

kith::Result<std::unique_ptr<PostgresServer>> PostgresServer::attach(const std::string& description_path) {
  std::FILE* f = std::fopen(description_path.c_str(), "re");
  if (!f) {
    return kith::Status::internal("the run's PostgreSQL server: cannot read " + description_path + ": " + errno_text() +
                                  " (did the ctest fixture postgres_server start?)");
  }
  char password[128] = {}, dir[512] = {};
  long keeper = 0;
  int port = 0;
  const int fields = std::fscanf(f, "%ld %d %127s %511s", &keeper, &port, password, dir);
  std::fclose(f);
  if (fields != 4 || keeper <= 0 || port <= 0) {
    return kith::Status::internal("the run's PostgreSQL server: " + description_path + " is not a server description");
  }
  if (!is_live(static_cast<pid_t>(keeper))) {
    return kith::Status::internal("the run's PostgreSQL server: its keeper (pid " + std::to_string(keeper) +
                                  ", " + description_path + ") is gone");
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->attached_ = true;
  server->port_ = port;
  server->password_ = password;
  server->dir_ = dir;
  server->data_dir_ = server->dir_ + "/data";
  server->socket_dir_ = server->dir_ + "/run";
  server->log_path_ = server->dir_ + "/postgres.log";
  if (auto st = server->execute("SELECT 1", "postgres"); !st) {
    return st.with_context("the run's PostgreSQL server (" + description_path + ")");
  }
  return server;
}

std::vector<pid_t> PostgresServer::server_processes() const {
  const pid_t postmaster = process_.pid();
  if (postmaster <= 0 || !is_live(postmaster)) return {};
  std::vector<pid_t> pids = {postmaster};
  for (pid_t child : live_children_of(postmaster)) pids.push_back(child);
  return pids;
}

void PostgresServer::kill_children(const std::vector<pid_t>& children) const {
  for (pid_t child : children) ::kill(child, SIGKILL);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < deadline &&
         std::any_of(children.begin(), children.end(), [](pid_t p) { return is_live(p); })) {
    std::this_thread::sleep_for(milliseconds(5));
  }
}

kith::Status PostgresServer::kill_hard() {
  if (attached_) return kith::Status::internal("kill_hard: an attached server is not this test's to kill");
  const pid_t postmaster = process_.pid();
  if (postmaster <= 0) return {};
  // Frozen, the postmaster reaps no child: until it dies their PIDs stay
  // theirs (alive or zombie), so the SIGKILLs below hit only them.
  ::kill(postmaster, SIGSTOP);
  const std::vector<pid_t> children = live_children_of(postmaster);
  for (pid_t child : children) ::kill(child, SIGKILL);
  auto st = process_.kill_hard();
  // Once they are gone, nothing holds the shared memory: start_again() can
  // run crash recovery at once.
  kill_children(children);
  return st;
}

kith::Status PostgresServer::stop() {
  if (attached_) return kith::Status::internal("stop: an attached server is not this test's to stop");
  const pid_t postmaster = process_.pid();
  if (postmaster <= 0) return {};
  if (process_.running()) {
    ::kill(postmaster, SIGINT);  // fast shutdown
    const auto deadline = Clock::now() + options_.stop_timeout;
    while (process_.running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(10));
    if (process_.running()) {
      auto st = kill_hard();
      if (!st) return st;
      return kith::Status::internal("PostgreSQL (pid " + std::to_string(postmaster) + ") did not stop within " +
                                    std::to_string(options_.stop_timeout.count()) + " ms of SIGINT; killed\n" +
                                    log_tail(10));
    }
  }
  // The postmaster has exited (a clean shutdown waits for every child): reap it.
  return process_.stop();
}

kith::Status PostgresServer::start_again() {
  if (attached_) return kith::Status::internal("start_again: an attached server is not this test's to restart");
  if (auto st = stop(); !st) return st;
  if (dir_.empty()) return kith::Status::internal("start_again: the server was never started");
  return launch(/*pick_port=*/false);
}

// ---------------------------------------------------------------------------
// Connecting and databases

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://" + user() + "@" + host() + ":" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::conninfo(const std::string& database) const {
  return "host=" + host() + " port=" + std::to_string(port_) + " user=" + user() +
         " password=" + conninfo_value(password_) + " dbname=" + conninfo_value(database) +
         " connect_timeout=10 sslmode=disable";
}

std::string PostgresServer::database_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto slash = url.find('/', scheme + 3);
  if (slash == std::string::npos) return {};
  std::string db = url.substr(slash + 1);
  if (const auto query = db.find('?'); query != std::string::npos) db.resize(query);
  return db;
}

kith::Status PostgresServer::execute(const std::string& sql, const std::string& database) {
  auto conn = connect(conninfo(database), url(database));
  if (!conn) return conn.status();
  PgResult result(PQexec(conn->get(), sql.c_str()));
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return kith::Status::internal(url(database) + ": " + sql + ": " + trimmed(PQerrorMessage(conn->get())));
  }
  return {};
}

kith::Result<std::vector<std::string>> PostgresServer::query_column(const std::string& sql,
                                                                    const std::string& database) {
  auto conn = connect(conninfo(database), url(database));
  if (!conn) return conn.status();
  PgResult result(PQexec(conn->get(), sql.c_str()));
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    return kith::Status::internal(url(database) + ": " + sql + ": " + trimmed(PQerrorMessage(conn->get())));
  }
  std::vector<std::string> values;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    values.emplace_back(PQgetisnull(result.get(), row, 0) ? "" : PQgetvalue(result.get(), row, 0));
  }
  return values;
}

kith::Result<std::string> PostgresServer::create_database() {
  const std::string name =
      "kith_test_" + std::to_string(::getpid()) + "_" + std::to_string(next_database_.fetch_add(1));
  if (auto st = execute("CREATE DATABASE " + name + " TEMPLATE template0 OWNER kith", "postgres"); !st) return st;
  if (attached_) {
    std::lock_guard<std::mutex> lock(created_mutex_);
    created_.push_back(name);
  }
  return url(name);
}

std::string PostgresServer::log_tail(std::size_t lines) const { return read_tail(log_path_, lines); }

// ---------------------------------------------------------------------------
// One server per test binary

kith::Result<PostgresServer*> shared_postgres() {
  static std::mutex mutex;
  static std::unique_ptr<PostgresServer> server;  // destroyed at exit: stopped by PID, directory removed
  static std::optional<kith::Status> failure;
  std::lock_guard<std::mutex> lock(mutex);
  if (server) return server.get();
  if (failure) return *failure;
  const char* run_server = std::getenv(kRunServerEnv);
  auto started = run_server && *run_server ? PostgresServer::attach(run_server) : PostgresServer::start();
  if (!started) {
    failure = started.status().with_context("shared_postgres");
    return *failure;
  }
  server = std::move(*started);
  if (server->attached()) {
    // Before OpenSSL's own exit handler (registered when libpq first
    // connected, just now): at `server`'s static destruction libcrypto is
    // already cleaned up and connecting crashes.
    std::atexit([] { server->drop_created_databases(); });
  }
  return server.get();
}

}  // namespace kith::testing

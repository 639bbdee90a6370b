// A real PostgreSQL 15 server for tests, on 127.0.0.1, owned by the test.
//
//   auto pg = kith::testing::shared_postgres();          // one per test binary
//   ASSERT_TRUE(pg) << pg.status().message();            // with initdb's / the server's log tail
//   auto url = (*pg)->create_database();                 // a fresh empty database per test
//   ASSERT_TRUE(url) << url.status().message();
//   ... point the store at *url ("postgresql://kith@127.0.0.1:PORT/kith_test_3")
//       with the password (*pg)->password() ...
//
// Each server lives in its own temporary directory (/tmp/kp-XXXXXX: data/,
// run/ for the unix socket, postgres.log) on a port chosen at start, so any
// number can run in parallel processes. `initdb` makes the cluster (superuser
// `kith` with a random password; TCP connections need it — scram-sha-256 —
// unix-socket ones are trusted), then `postgres` runs in the foreground as a
// child of the test process, in its own process group, and is stopped by that
// PID (never by name). As root both run as `nobody` (setpriv; initdb refuses
// to run as root) and data/ and run/ belong to it. The server's settings are
// for tests: fsync and full_page_writes off (synchronous_commit stays on, so
// a commit a client saw survives kill_hard()),
// dynamic_shared_memory_type = mmap (no /dev/shm needed), timezone UTC,
// encoding UTF8 with locale C.UTF-8. See README.md.
//
// Starting costs initdb (~1 s here, more on a loaded machine) plus ~0.1 s for
// the server: share one server per test binary (shared_postgres()) and take a
// fresh database per test (create_database()).
//
// Under ctest a whole run shares one server: the fixture `postgres_server`
// (kith_test_postgres_fixture, PostgresFixtureMain.cpp) starts it before the
// first test that needs it and stops it after the last, and those tests find
// it through $KITH_TEST_POSTGRES_SERVER (the file it wrote); shared_postgres()
// then attaches to it instead of running initdb in every test process.
//
// Debian packages postgresql-15 (binaries in /usr/lib/postgresql/15/bin) and
// libpq-dev. The system PostgreSQL service is never used or touched.
// KITH_KEEP_POSTGRES_DIR=1 keeps the directory after the server is gone.
//
// Nothing here throws: failures are kith::Status / kith::Result values.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"
#include "servers/TestProcess.h"

namespace kith::testing {

struct PostgresOptions {
  // More server settings, passed as `-c name=value` after the harness's own
  // (so they win), e.g. {"max_connections", "20"}, {"log_statement", "all"}.
  std::vector<std::pair<std::string, std::string>> settings;
  // Where the server directory (<parent_dir>/kp-XXXXXX) is made; "/dev/shm"
  // for runs that should not depend on disk load. At most 60 characters
  // (the unix socket path is bounded to 107 bytes).
  std::string parent_dir = "/tmp";
  // Directory holding initdb and postgres. "" = $KITH_POSTGRES_BIN_DIR if
  // set, else the newest /usr/lib/postgresql/<N>/bin that has both.
  std::string bin_dir;
  // Bound on initdb.
  std::chrono::milliseconds initdb_timeout = std::chrono::minutes(2);
  // Bound on the wait for the server to accept connections after each (re)start.
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(30);
  // stop(): how long a fast shutdown (SIGINT) may take before SIGKILL.
  std::chrono::milliseconds stop_timeout = std::chrono::seconds(10);
};

class PostgresServer {
 public:
  // Runs initdb, starts the server, waits until it accepts connections (and
  // the listening socket is its own), then creates the database `kith`. If
  // the port is taken before the server binds it, start retries with a new
  // port (up to 5 times). On failure nothing is left behind (no process, no
  // directory) and the error holds initdb's output or the server's log tail.
  static kith::Result<std::unique_ptr<PostgresServer>> start(const PostgresOptions& options = {});

  // A server another process started and described with write_description()
  // (the ctest fixture's): connects once to check it answers. Attached, the
  // server is not this object's: stop(), start_again() and kill_hard() refuse,
  // and the destructor drops the databases create_database() made (WITH
  // FORCE) instead of stopping anything.
  static kith::Result<std::unique_ptr<PostgresServer>> attach(const std::string& description_path);
  // Writes "<keeper pid> <port> <password> <dir>" to `path` (0600, by
  // rename): what attach() reads. `keeper` is the process that will stop the
  // server; `attach` checks it is alive.
  kith::Status write_description(const std::string& path, pid_t keeper) const;
  bool attached() const { return attached_; }
  // Attached: drops the databases create_database() made so far.
  void drop_created_databases();

  // stop(), then removes the directory (unless KITH_KEEP_POSTGRES_DIR=1);
  // attached: drops this object's databases.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // ---- Where to connect ----
  int port() const { return port_; }
  std::string host() const { return "127.0.0.1"; }
  std::string user() const { return "kith"; }            // a superuser
  const std::string& password() const { return password_; }  // random, 32 hex digits
  // "postgresql://kith@127.0.0.1:PORT/<database>" — no password in it.
  std::string url(const std::string& database = "kith") const;
  // The libpq conninfo string with the password, for PQconnectdb in tests:
  // "host=127.0.0.1 port=PORT user=kith password=… dbname=<database> connect_timeout=10 sslmode=disable".
  std::string conninfo(const std::string& database = "kith") const;
  // The database named by a url() ("kith_test_3" of ".../kith_test_3"), "" if none.
  static std::string database_of(const std::string& url);

  // ---- Databases ----
  // A new empty database (CREATE DATABASE kith_test_<pid>_<n> TEMPLATE
  // template0, owned by kith: the PID keeps the names of processes sharing an
  // attached server apart); returns its url(). Safe to call from several threads.
  kith::Result<std::string> create_database();
  // Runs SQL (one or more statements, no results wanted) as kith in `database`.
  kith::Status execute(const std::string& sql, const std::string& database = "kith");
  // The first column of each row of a query's result, as text (NULL → "").
  kith::Result<std::vector<std::string>> query_column(const std::string& sql, const std::string& database = "kith");

  // ---- Lifecycle ----
  // Fast shutdown: SIGINT to the postmaster's PID (open sessions are ended,
  // a shutdown checkpoint is written); after stop_timeout, SIGKILL to it and
  // its children. Data stays until destruction. Safe to call repeatedly.
  kith::Status stop();
  // Starts the server again (stopping it first if it runs) on the same port
  // with the same data directory — "PostgreSQL restarted under the workers".
  // After kill_hard() the server runs crash recovery first.
  kith::Status start_again();
  // A crash, as clients see it: the postmaster is frozen (SIGSTOP), then it
  // and every child it has (backends, checkpointer, …) are SIGKILLed by PID.
  // postmaster.pid and the shared memory are left as a crash leaves them.
  kith::Status kill_hard();
  bool running() const { return process_.running(); }
  // PID of the postmaster (== its process group id), -1 when stopped.
  pid_t pid() const { return process_.pid(); }
  // The postmaster and its live children. The children are not in the
  // postmaster's process group: PostgreSQL makes each one a session leader.
  std::vector<pid_t> server_processes() const;

  // ---- Inspection ----
  const std::string& dir() const { return dir_; }        // /tmp/kp-XXXXXX (see parent_dir)
  const std::string& data_dir() const { return data_dir_; }   // <dir>/data (PGDATA)
  const std::string& socket_dir() const { return socket_dir_; }  // <dir>/run: .s.PGSQL.<port>
  const std::string& log_path() const { return log_path_; }    // the server's stderr (its log)
  std::string log_tail(std::size_t lines = 40) const;
  const PostgresOptions& options() const { return options_; }

 private:
  PostgresServer() = default;
  kith::Status prepare();
  kith::Status run_initdb();
  kith::Status launch(bool pick_port);
  // env -i -C <dir> PATH=… TZ=UTC HOME=<dir> [setpriv …] — the prefix every
  // command runs behind (a clean environment, a readable working directory,
  // and as root the user nobody).
  std::vector<std::string> command_prefix(bool die_with_parent) const;
  void kill_children(const std::vector<pid_t>& children) const;

  PostgresOptions options_;
  std::string dir_, data_dir_, socket_dir_, log_path_, pwfile_path_;
  std::string bin_dir_, env_bin_, setpriv_bin_;
  std::string password_;
  bool as_root_ = false;
  uid_t run_uid_ = 0;
  gid_t run_gid_ = 0;
  int port_ = 0;
  bool attached_ = false;
  std::atomic<unsigned> next_database_{1};
  std::mutex created_mutex_;
  std::vector<std::string> created_;  // attached: dropped by the destructor
  ChildProcess process_;
};

// The server of this test binary, for GoogleTest suites: under ctest the
// run's (attached, see $KITH_TEST_POSTGRES_SERVER above); else started on first use
// (thread-safe), then the same one for every later call; it lives until the
// process exits, when a static destructor stops it by PID and removes its
// directory (and, should the process die without exiting, PDEATHSIG gives the
// postmaster SIGINT). A failed start is remembered: every later call returns
// the same error at once instead of running initdb again. Tests must not
// stop(), kill_hard() or start_again() it — start a server of their own for
// that — and should take a database of their own with create_database().
kith::Result<PostgresServer*> shared_postgres();

}  // namespace kith::testing

// Tests of the PostgreSQL test-server harness (PostgresServer, shared_postgres)
// against a real PostgreSQL 15 on 127.0.0.1 (Debian package postgresql-15),
// through libpq. Connection and database tests share the binary's server;
// lifecycle tests start servers of their own.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "servers/FreePort.h"
#include "servers/PostgresServer.h"

namespace postgres_server_test {

using kith::testing::PostgresOptions;
using kith::testing::PostgresServer;
using kith::testing::shared_postgres;

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// No ~/.pgpass or PGPASSWORD may supply a password behind the test's back.
constexpr const char* kNoPassfile = " passfile=/nonexistent/kith-no-pgpass";

PgConn connect(const std::string& conninfo) { return PgConn(PQconnectdb(conninfo.c_str())); }

// The first value of a query's first row; "" (and a test failure) on error.
std::string query_value(PGconn* conn, const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn, sql.c_str()), PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) < 1) {
    ADD_FAILURE() << sql << ": " << PQerrorMessage(conn);
    return {};
  }
  return PQgetvalue(r.get(), 0, 0);
}

// Alive and not a zombie (children PID 1 has not reaped yet are zombies).
bool process_is_live(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z' && line[close + 2] != 'X';
}

uid_t process_uid(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "Uid:") {
      long uid = -1;
      in >> uid;
      return static_cast<uid_t>(uid);
    }
  }
  return static_cast<uid_t>(-1);
}

#define START_POSTGRES(var, options)                                 \
  auto var##_started = PostgresServer::start(options);              \
  ASSERT_TRUE(var##_started) << var##_started.status().message();   \
  auto& var = *var##_started

#define SHARED_POSTGRES(var)                              \
  auto var##_shared = shared_postgres();                  \
  ASSERT_TRUE(var##_shared) << var##_shared.status().message(); \
  PostgresServer& var = **var##_shared

TEST(PostgresServerTest, SharedServerAcceptsThePasswordOverTcp) {
  SHARED_POSTGRES(pg);
  EXPECT_EQ(pg.host(), "127.0.0.1");
  EXPECT_EQ(pg.user(), "kith");
  EXPECT_EQ(pg.password().size(), 32u);
  EXPECT_GT(pg.port(), 0);
  EXPECT_TRUE(pg.running());

  PgConn conn = connect(pg.conninfo() + kNoPassfile);
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  EXPECT_EQ(std::string(PQhost(conn.get())), "127.0.0.1");
  EXPECT_EQ(query_value(conn.get(), "SELECT current_user"), "kith");
  EXPECT_EQ(query_value(conn.get(), "SELECT current_database()"), "kith");
  EXPECT_EQ(query_value(conn.get(), "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"), "true");
  EXPECT_GE(std::stoi(query_value(conn.get(), "SHOW server_version_num")), 150000);
  EXPECT_EQ(query_value(conn.get(), "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(query_value(conn.get(), "SHOW lc_collate"), "C.UTF-8");
  EXPECT_EQ(query_value(conn.get(), "SHOW TimeZone"), "UTC");
  EXPECT_EQ(query_value(conn.get(), "SHOW fsync"), "off");
  EXPECT_EQ(query_value(conn.get(), "SHOW dynamic_shared_memory_type"), "mmap");
  EXPECT_EQ(query_value(conn.get(), "SHOW listen_addresses"), "127.0.0.1");
  EXPECT_EQ(query_value(conn.get(), "SHOW password_encryption"), "scram-sha-256");
  EXPECT_EQ(query_value(conn.get(), "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'kith'"),
            "SCRAM-SHA-256$");

  // As root the server runs as nobody (initdb refuses root).
  if (::geteuid() == 0) {
    const passwd* nobody = ::getpwnam("nobody");
    ASSERT_NE(nobody, nullptr);
    EXPECT_EQ(process_uid(pg.pid()), nobody->pw_uid);
  } else {
    EXPECT_EQ(process_uid(pg.pid()), ::geteuid());
  }

  // The same server for every caller.
  auto again = shared_postgres();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, &pg);
}

TEST(PostgresServerTest, TcpWithoutOrWithAWrongPasswordIsRefused) {
  SHARED_POSTGRES(pg);
  const std::string base =
      "host=127.0.0.1 port=" + std::to_string(pg.port()) + " user=kith dbname=kith sslmode=disable" + kNoPassfile;

  PgConn none = connect(base);
  EXPECT_NE(PQstatus(none.get()), CONNECTION_OK);
  EXPECT_TRUE(contains(PQerrorMessage(none.get()), "no password supplied")) << PQerrorMessage(none.get());

  PgConn wrong = connect(base + " password=not-the-password");
  EXPECT_NE(PQstatus(wrong.get()), CONNECTION_OK);
  EXPECT_TRUE(contains(PQerrorMessage(wrong.get()), "password authentication failed for user \"kith\""))
      << PQerrorMessage(wrong.get());

  // The unix socket is trusted (for the harness and psql, not for the store).
  PgConn local = connect("host=" + pg.socket_dir() + " port=" + std::to_string(pg.port()) + " user=kith dbname=kith" +
                         kNoPassfile);
  EXPECT_EQ(PQstatus(local.get()), CONNECTION_OK) << PQerrorMessage(local.get());
}

TEST(PostgresServerTest, UrlsCarryNoPasswordAndWorkWithLibpq) {
  SHARED_POSTGRES(pg);
  const std::string url = pg.url();
  EXPECT_EQ(url, "postgresql://kith@127.0.0.1:" + std::to_string(pg.port()) + "/kith");
  EXPECT_FALSE(contains(url, pg.password()));
  EXPECT_EQ(PostgresServer::database_of(url), "kith");
  EXPECT_EQ(PostgresServer::database_of("postgresql://kith@127.0.0.1:5432/db1?sslmode=disable"), "db1");
  EXPECT_EQ(PostgresServer::database_of("not a url"), "");

  // The URL as the store would use it: libpq reads it, the password comes apart.
  const char* keys[] = {"dbname", "password", "passfile", nullptr};
  const std::string password = pg.password();
  const char* values[] = {url.c_str(), password.c_str(), "/nonexistent/kith-no-pgpass", nullptr};
  PgConn conn(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  EXPECT_EQ(query_value(conn.get(), "SELECT current_database()"), "kith");
  EXPECT_EQ(std::string(PQport(conn.get())), std::to_string(pg.port()));
}

TEST(PostgresServerTest, CreatedDatabasesAreFreshAndIndependent) {
  SHARED_POSTGRES(pg);
  const auto t0 = std::chrono::steady_clock::now();
  auto first = pg.create_database();
  ASSERT_TRUE(first) << first.status().message();
  std::cout << "[ timing ] create_database: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
            << " ms" << std::endl;
  auto second = pg.create_database();
  ASSERT_TRUE(second) << second.status().message();
  const std::string a = PostgresServer::database_of(*first);
  const std::string b = PostgresServer::database_of(*second);
  EXPECT_NE(a, b);
  EXPECT_TRUE(contains(a, "kith_test_")) << a;
  EXPECT_EQ(*first, pg.url(a));

  ASSERT_TRUE(pg.execute("CREATE TABLE contacts (id integer PRIMARY KEY, name text);"
                         "INSERT INTO contacts VALUES (1, 'Ada')",
                         a));
  auto in_a = pg.query_column("SELECT name FROM contacts", a);
  ASSERT_TRUE(in_a) << in_a.status().message();
  EXPECT_EQ(*in_a, std::vector<std::string>{"Ada"});

  // Nothing of a's in b: fresh from template0, no user tables at all.
  auto tables_in_b = pg.query_column("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", b);
  ASSERT_TRUE(tables_in_b) << tables_in_b.status().message();
  EXPECT_TRUE(tables_in_b->empty());
  auto missing = pg.query_column("SELECT name FROM contacts", b);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(contains(missing.status().message(), "relation \"contacts\" does not exist"))
      << missing.status().message();

  auto owner = pg.query_column("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + b + "'",
                               "postgres");
  ASSERT_TRUE(owner) << owner.status().message();
  EXPECT_EQ(*owner, std::vector<std::string>{"kith"});
  auto encoding = pg.query_column("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = '" + b + "'",
                                  "postgres");
  ASSERT_TRUE(encoding);
  EXPECT_EQ(*encoding, std::vector<std::string>{"UTF8"});

  // SQL errors come back as Statuses with the server's message.
  auto bad = pg.execute("SELEC 1", a);
  EXPECT_FALSE(bad);
  EXPECT_TRUE(contains(bad.message(), "syntax error")) << bad.message();
}

TEST(PostgresServerTest, StartAgainKeepsPortAndData) {
  const auto t0 = std::chrono::steady_clock::now();
  START_POSTGRES(pg, PostgresOptions{});
  std::cout << "[ timing ] PostgresServer::start (initdb + server + CREATE DATABASE): "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
            << " ms" << std::endl;
  ASSERT_TRUE(pg->execute("CREATE TABLE t (v text); INSERT INTO t VALUES ('kept')"));
  const int port = pg->port();
  const pid_t pid = pg->pid();

  PgConn open_session = connect(pg->conninfo());
  ASSERT_EQ(PQstatus(open_session.get()), CONNECTION_OK);

  const auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(pg->start_again());
  std::cout << "[ timing ] start_again (fast shutdown + start): "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t1).count()
            << " ms" << std::endl;
  EXPECT_EQ(pg->port(), port);
  EXPECT_NE(pg->pid(), pid);
  EXPECT_FALSE(process_is_live(pid));
  auto v = pg->query_column("SELECT v FROM t");
  ASSERT_TRUE(v) << v.status().message();
  EXPECT_EQ(*v, std::vector<std::string>{"kept"});

  // The session from before the restart was ended by the fast shutdown.
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(open_session.get(), "SELECT 1"), PQclear);
  EXPECT_NE(PQresultStatus(r.get()), PGRES_TUPLES_OK);
  // Databases made before the restart are still there, and new ones follow on.
  auto db = pg->create_database();
  ASSERT_TRUE(db) << db.status().message();
  ASSERT_TRUE(pg->start_again());
  EXPECT_TRUE(pg->execute("SELECT 1", PostgresServer::database_of(*db)));
}

TEST(PostgresServerTest, KillHardThenStartAgainRecovers) {
  START_POSTGRES(pg, PostgresOptions{});
  ASSERT_TRUE(pg->execute("CREATE TABLE t (v integer)"));
  const std::vector<pid_t> processes = pg->server_processes();
  ASSERT_GE(processes.size(), 4u);  // postmaster, checkpointer, background writer, walwriter, ...
  EXPECT_EQ(processes.front(), pg->pid());

  PgConn session = connect(pg->conninfo());
  ASSERT_EQ(PQstatus(session.get()), CONNECTION_OK);
  // Committed just before the crash: must survive it (synchronous_commit stays on).
  std::unique_ptr<PGresult, void (*)(PGresult*)> ins(PQexec(session.get(), "INSERT INTO t SELECT generate_series(1, 1000)"),
                                                     PQclear);
  ASSERT_EQ(PQresultStatus(ins.get()), PGRES_COMMAND_OK) << PQerrorMessage(session.get());
  const pid_t backend = static_cast<pid_t>(PQbackendPID(session.get()));

  ASSERT_TRUE(pg->kill_hard());
  EXPECT_FALSE(pg->running());
  EXPECT_EQ(pg->pid(), -1);
  for (pid_t p : processes) EXPECT_FALSE(process_is_live(p)) << p;
  EXPECT_FALSE(process_is_live(backend));
  EXPECT_TRUE(std::filesystem::exists(pg->data_dir() + "/postmaster.pid"));  // as a crash leaves it
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(session.get(), "SELECT 1"), PQclear);
  EXPECT_NE(PQresultStatus(r.get()), PGRES_TUPLES_OK);
  EXPECT_FALSE(kith::testing::can_connect_loopback(pg->port()));

  ASSERT_TRUE(pg->start_again()) << pg->log_tail();
  EXPECT_TRUE(contains(pg->log_tail(), "automatic recovery in progress")) << pg->log_tail();
  auto count = pg->query_column("SELECT count(*) FROM t");
  ASSERT_TRUE(count) << count.status().message();
  EXPECT_EQ(*count, std::vector<std::string>{"1000"});
}

TEST(PostgresServerTest, StopLeavesNoProcessAndTheDestructorNoDirectory) {
  START_POSTGRES(pg, PostgresOptions{});
  const std::string dir = pg->dir();
  EXPECT_TRUE(std::regex_match(dir, std::regex(R"(/tmp/kp-[A-Za-z0-9]{6})"))) << dir;
  EXPECT_TRUE(std::filesystem::is_directory(pg->data_dir()));
  EXPECT_TRUE(std::filesystem::exists(pg->socket_dir() + "/.s.PGSQL." + std::to_string(pg->port())));
  EXPECT_FALSE(std::filesystem::exists(dir + "/pwfile"));  // the password file is gone after initdb
  const pid_t pid = pg->pid();
  const std::vector<pid_t> processes = pg->server_processes();
  ASSERT_GE(processes.size(), 4u);
  PgConn session = connect(pg->conninfo());
  ASSERT_EQ(PQstatus(session.get()), CONNECTION_OK);  // an open session does not hold up the stop

  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(pg->stop());
  std::cout << "[ timing ] stop (fast shutdown, one open session): "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
            << " ms" << std::endl;
  EXPECT_FALSE(pg->running());
  EXPECT_EQ(pg->pid(), -1);
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);  // reaped: no process with that PID at all
  EXPECT_EQ(errno, ESRCH);
  for (pid_t p : processes) EXPECT_FALSE(process_is_live(p)) << p;
  EXPECT_FALSE(kith::testing::can_connect_loopback(pg->port()));
  EXPECT_TRUE(contains(pg->log_tail(), "database system is shut down")) << pg->log_tail();
  EXPECT_TRUE(pg->stop());  // twice is fine
  EXPECT_TRUE(std::filesystem::is_directory(dir));  // data stays until destruction

  pg.reset();
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(PostgresServerTest, StartFailureReportsTheLogTailAndLeavesNothing) {
  PostgresOptions options;
  options.settings = {{"kith_no_such_setting", "1"}};
  auto started = PostgresServer::start(options);
  ASSERT_FALSE(started);
  const std::string msg = started.status().message();
  EXPECT_TRUE(contains(msg, "PostgreSQL did not start")) << msg;
  EXPECT_TRUE(contains(msg, "unrecognized configuration parameter \"kith_no_such_setting\"")) << msg;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(msg, m, std::regex(R"(/tmp/kp-[A-Za-z0-9]{6})"))) << msg;
  EXPECT_FALSE(std::filesystem::exists(m[0].str())) << m[0];

  PostgresOptions no_binaries;
  no_binaries.bin_dir = "/nonexistent/bin";
  auto missing = PostgresServer::start(no_binaries);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(contains(missing.status().message(), "initdb not found")) << missing.status().message();
}

TEST(PostgresServerTest, SettingsAreAppliedAfterTheHarnessDefaults) {
  PostgresOptions options;
  options.settings = {{"max_connections", "23"}, {"full_page_writes", "on"}};
  START_POSTGRES(pg, options);
  PgConn conn = connect(pg->conninfo());
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  EXPECT_EQ(query_value(conn.get(), "SHOW max_connections"), "23");
  EXPECT_EQ(query_value(conn.get(), "SHOW full_page_writes"), "on");  // the harness sets off
}

}  // namespace postgres_server_test

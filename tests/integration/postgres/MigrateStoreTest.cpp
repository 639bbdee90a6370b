// `kith migrate-store --to postgresql://…` through the real kith binary,
// into a real PostgreSQL 15 (tests/servers/PostgresServer.h): the sample
// data synced into SQLite, copied, and every answer the same from both.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "servers/PostgresServer.h"
#include "store/SqliteDatabase.h"

namespace kith::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kAsOf = "2026-12-01";

class MigrateStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pg = kith::testing::shared_postgres();
    ASSERT_TRUE(pg) << pg.status().message();
    server = *pg;
    auto url = server->create_database();
    ASSERT_TRUE(url) << url.status().message();
    target = *url;
    database = kith::testing::PostgresServer::database_of(target);

    fs::copy(fs::path(KITH_SAMPLES_DIR) / "data", dir / "data", fs::copy_options::recursive);
    fs::copy_file(fs::path(KITH_SAMPLES_DIR) / "kith.toml", dir / "kith.toml");
    // The PostgreSQL store configured as a user moving to it would (its
    // password from the environment); --db names the SQLite file until then.
    std::ofstream(dir / "kith.toml", std::ios::app)
        << "\n[store]\nurl = \"" << target << "\"\npassword_env = \"KITH_TEST_PG_PASSWORD\"\n";
  }

  // `db`: the SQLite file by default, or a URL.
  ProcessResult kith(std::vector<std::string> args, const std::string& db = "",
                     const std::string& password = "") {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db",
                               db.empty() ? (dir / "history.db").string() : db});
    const std::string env = "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) +
                            " KITH_TEST_PG_PASSWORD=" + shell_quote(password.empty() ? server->password() : password) +
                            " PGPASSWORD= PGPASSFILE=/nonexistent ";
    return run_kith(args, dir.path(), env);
  }

  json kith_json(std::vector<std::string> args, const std::string& db = "") {
    args.push_back("--json");
    auto r = kith(args, db);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
      return json();
    }
  }

  // The sample synced, some decisions made, the summaries made (blobs).
  void fill_sqlite() {
    ASSERT_EQ(kith({"sync"}).exit_code, 0);
    ASSERT_EQ(kith({"tag", "dana@example.net", "friends"}).exit_code, 0);
    ASSERT_EQ(kith({"cadence", "--tag", "friends", "14d"}).exit_code, 0);
    ASSERT_EQ(kith({"rename", "tom.becker@example.org", "Tom B."}).exit_code, 0);
    ASSERT_EQ(kith({"event", "add", "Offsite", "--from", "2026-11-02"}).exit_code, 0);
    ASSERT_EQ(kith({"--as-of", kAsOf, "contacts"}).exit_code, 0);
  }

  std::int64_t sqlite_count(const std::string& table) {
    auto db = kith::engine::SqliteDatabase::open((dir / "history.db").string());
    EXPECT_TRUE(db) << db.status().message();
    if (!db) return -1;
    auto stmt = (*db)->prepare("SELECT count(*) FROM \"" + table + "\"");
    EXPECT_TRUE(stmt);
    if (!stmt) return -1;
    auto row = stmt->step();
    return row && *row ? stmt->column_int(0) : -1;
  }

  std::string pg_value(const std::string& sql) {
    auto values = server->query_column(sql, database);
    EXPECT_TRUE(values) << values.status().message();
    return values && !values->empty() ? values->front() : "?";
  }

  std::int64_t pg_count(const std::string& table) { return std::stoll(pg_value("SELECT count(*) FROM \"" + table + "\"")); }

  kith::testing::PostgresServer* server = nullptr;
  std::string target, database;
  TempDir dir;
};

TEST_F(MigrateStore, CopiesEverythingAndEveryAnswerIsTheSame) {
  fill_sqlite();
  auto migrated = kith({"migrate-store", "--to", target, "--json"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  const json report = json::parse(migrated.out);
  EXPECT_EQ(report["target"], target);
  const json& tables = report["tables"];
  // Every table of the SQLite schema, its count equal on both sides.
  auto names = [&] {
    auto db = kith::engine::SqliteDatabase::open((dir / "history.db").string());
    std::vector<std::string> list;
    auto stmt = (*db)->prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (*stmt->step()) list.push_back(stmt->column_text(0));
    return list;
  }();
  EXPECT_EQ(tables.size(), names.size());
  std::int64_t total = 0;
  for (const auto& table : names) {
    SCOPED_TRACE(table);
    ASSERT_TRUE(tables.contains(table));
    EXPECT_EQ(tables[table].get<std::int64_t>(), sqlite_count(table));
    EXPECT_EQ(pg_count(table), sqlite_count(table));
    total += sqlite_count(table);
  }
  EXPECT_EQ(report["rows"], total);
  EXPECT_GT(sqlite_count("interactions"), 50);
  EXPECT_GT(sqlite_count("person_summaries"), 0);
  EXPECT_GT(sqlite_count("declared_events"), 0);
  // changed_people as in the source, not as the triggers left it.
  EXPECT_EQ(pg_count("changed_people"), sqlite_count("changed_people"));
  // The cards' order (SQLite's rowid) and the ids kept; every sequence past them.
  EXPECT_EQ(pg_value("SELECT string_agg(resource || ':' || rowid, ',' ORDER BY rowid) FROM contact_cards"),
            [&] {
              auto db = kith::engine::SqliteDatabase::open((dir / "history.db").string());
              auto stmt = (*db)->prepare("SELECT group_concat(resource || ':' || rowid, ',') FROM "
                                         "(SELECT resource, rowid FROM contact_cards ORDER BY rowid)");
              EXPECT_TRUE(*stmt->step());
              return stmt->column_text(0);
            }());
  for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
           {"contacts", "id"}, {"interactions", "id"}, {"handles", "id"}, {"contact_cards", "rowid"},
           {"sync_runs", "id"}, {"declared_events", "id"}}) {
    SCOPED_TRACE(table);
    EXPECT_EQ(pg_value("SELECT nextval(pg_get_serial_sequence('" + table + "', '" + column + "')) > COALESCE(max(" +
                       column + "), 0) FROM " + table),
              "t");
  }

  const std::vector<std::vector<std::string>> queries = {
      {"--as-of", kAsOf, "contacts"},
      {"--as-of", kAsOf, "contacts", "--sort", "strength"},
      {"--as-of", kAsOf, "due"},
      {"--as-of", kAsOf, "network"},
      {"--as-of", kAsOf, "events"},
      {"--as-of", kAsOf, "show", "dana@example.net"},
      {"--as-of", kAsOf, "show", "priya.raman@example.com"},
      {"--as-of", kAsOf, "history", "ben.okafor@example.com"},
      {"--as-of", kAsOf, "status"},
  };
  for (const auto& query : queries) {
    SCOPED_TRACE(query[2]);
    json from_sqlite = kith_json(query);
    json from_postgres = kith_json(query, target);
    if (query[2] == "status") {  // names the store
      EXPECT_EQ(from_postgres["store"], target);
      from_sqlite.erase("store");
      from_postgres.erase("store");
      // Only a PostgreSQL store has leases and workers: no kithd holds any here.
      EXPECT_EQ(from_postgres["daemon"]["workers"], 0);
      from_postgres["daemon"].erase("workers");
      for (auto& account : from_postgres["accounts"]) {
        EXPECT_TRUE(account["lease"].is_null());
        account.erase("lease");
      }
    }
    EXPECT_FALSE(from_sqlite.empty());
    EXPECT_EQ(from_postgres, from_sqlite);
  }

  // The PostgreSQL store goes on from there: a sync of the same data adds nothing.
  const std::int64_t interactions = pg_count("interactions");
  auto sync = kith({"sync"}, target);
  EXPECT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(pg_count("interactions"), interactions);
  EXPECT_EQ(kith({"event", "add", "Retreat", "--from", "2026-11-20"}, target).exit_code, 0);
}

TEST_F(MigrateStore, PrintsASummaryAndHowToUseIt) {
  fill_sqlite();
  auto r = kith({"migrate-store", "--to", target});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("copied " + std::to_string(sqlite_count("contacts")) + " people, " +
                       std::to_string(sqlite_count("interactions")) + " interactions"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("url = \"" + target + "\""), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("interactions: " + std::to_string(sqlite_count("interactions")) + " rows"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find(server->password()), std::string::npos);
  EXPECT_EQ(r.err.find(server->password()), std::string::npos);
}

TEST_F(MigrateStore, RefusesATargetThatHoldsAHistoryAndLeavesItAlone) {
  fill_sqlite();
  ASSERT_EQ(kith({"migrate-store", "--to", target}).exit_code, 0);
  ASSERT_EQ(kith({"tag", "ben.okafor@example.com", "work"}).exit_code, 0);  // the source moves on
  const std::string before = pg_value("SELECT count(*) || '/' || (SELECT count(*) FROM person_tags) FROM interactions");
  auto again = kith({"migrate-store", "--to", target});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already holds a history"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find(target), std::string::npos) << again.err;
  EXPECT_EQ(std::count(again.err.begin(), again.err.end(), '\n'), 1) << again.err;
  EXPECT_EQ(pg_value("SELECT count(*) || '/' || (SELECT count(*) FROM person_tags) FROM interactions"), before);
}

TEST_F(MigrateStore, AWrongPasswordIsOneLineWithoutThePassword) {
  fill_sqlite();
  const std::string wrong = "not-the-password-5f3a9c";
  auto r = kith({"migrate-store", "--to", target}, "", wrong);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("password authentication failed"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(wrong), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(wrong), std::string::npos) << r.out;
}

TEST_F(MigrateStore, AllOrNothing) {
  fill_sqlite();
  // The schema made, then one meeting the target will not take: the copy
  // fails at interactions, after the tables before it were copied.
  ASSERT_EQ(kith({"contacts"}, target).exit_code, 0);
  ASSERT_TRUE(server->execute("ALTER TABLE interactions ADD CONSTRAINT no_meetings CHECK (kind <> 'meeting')", database));
  auto r = kith({"migrate-store", "--to", target});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("interactions"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no_meetings"), std::string::npos) << r.err;
  // The tables copied before it, a line each, then the error: one line.
  std::istringstream lines(r.err);
  int errors = 0;
  for (std::string line; std::getline(lines, line);)
    if (!line.ends_with(" rows")) ++errors;
  EXPECT_EQ(errors, 1) << r.err;
  for (const auto* table : {"contacts", "handles", "interactions", "person_groups", "cursors", "changed_people"})
    EXPECT_EQ(pg_count(table), 0) << table;

  // Without the constraint the same database takes it all.
  ASSERT_TRUE(server->execute("ALTER TABLE interactions DROP CONSTRAINT no_meetings", database));
  auto again = kith({"migrate-store", "--to", target});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(pg_count("interactions"), sqlite_count("interactions"));
}

TEST_F(MigrateStore, RefusesAPostgresSourceAndANonPostgresTarget) {
  auto from_pg = kith({"migrate-store", "--to", target}, target);
  EXPECT_EQ(from_pg.exit_code, 1);
  EXPECT_NE(from_pg.err.find("already PostgreSQL"), std::string::npos) << from_pg.err;
  fill_sqlite();
  auto to_file = kith({"migrate-store", "--to", (dir / "other.db").string()});
  EXPECT_EQ(to_file.exit_code, 1);
  EXPECT_NE(to_file.err.find("not a PostgreSQL URL"), std::string::npos) << to_file.err;
}

}  // namespace
}  // namespace kith::test

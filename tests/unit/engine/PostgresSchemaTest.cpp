// The PostgreSQL schema's versions: a new database gets version 11 at once
// and every later migration; a database Kith made at 11 is migrated. (A
// newer database refused: HistoryStoreTest, on both backends.)
#include <gtest/gtest.h>

#include "servers/PostgresServer.h"
#include "store/PostgresSchema.h"
#include "store/PostgresStore.h"
#include "store/Schema.h"

namespace kith::engine {
namespace {

TEST(PostgresSchema, AVersionElevenDatabaseIsMigratedAndKeepsItsRows) {
  auto server = kith::testing::shared_postgres();
  ASSERT_TRUE(server) << server.status().message();
  auto url = (*server)->create_database();
  ASSERT_TRUE(url) << url.status().message();
  const std::string db = kith::testing::PostgresServer::database_of(*url);
  // What a Kith of schema 11 left: its schema, its version, a person decided.
  ASSERT_TRUE((*server)->execute(std::string("BEGIN;") + postgres_schema_v11() +
                                     "CREATE TABLE kith_schema (version BIGINT NOT NULL);"
                                     "INSERT INTO kith_schema VALUES (11);"
                                     "INSERT INTO person_groups (id, cadence_days) VALUES (1, 30);"
                                     "INSERT INTO contacts (id, created_at, group_id) VALUES (1, 0, 1);"
                                     "INSERT INTO handles (id, contact_id, kind, value) VALUES (1, 1, 'email', 'a@x.example');"
                                     // 2026-03-01 00:00, 2026-03-31 23:59:59, 2026-04-01 00:00, and a
                                     // moment past year 9999 (quarter 0, as SQLite counts it).
                                     "INSERT INTO interactions (handle_id, kind, direction, occurred_at, account, dedupe_key) "
                                     "VALUES (1, 'email_received', 'incoming', 1772323200, 'a', 'k1'),"
                                     "(1, 'email_received', 'incoming', 1775001599, 'a', 'k2'),"
                                     "(1, 'email_received', 'incoming', 1775001600, 'a', 'k3'),"
                                     "(1, 'email_received', 'incoming', 300000000000, 'a', 'k4');"
                                     "COMMIT;",
                                 db));
  PostgresSettings settings;
  settings.url = *url;
  settings.password = (*server)->password();
  auto store = open_postgres_store(settings);
  ASSERT_TRUE(store) << store.status().message();
  auto version = (*server)->query_column("SELECT version FROM kith_schema", db);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, std::vector<std::string>{std::to_string(kSchemaVersion)});
  auto tables = (*server)->query_column(
      "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'member_%' ORDER BY table_name", db);
  ASSERT_TRUE(tables);
  EXPECT_EQ(*tables, (std::vector<std::string>{"member_ignores", "member_person_decisions", "member_person_tags",
                                               "member_tag_cadences"}));
  auto kept = (*server)->query_column("SELECT cadence_days FROM person_groups WHERE id = 1", db);
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, std::vector<std::string>{"30"});
  // Schema 13 counted the interactions already there by quarter.
  auto months = (*server)->query_column(
      "SELECT quarter || ':' || count || ':' || first_at || ':' || last_at FROM interaction_quarters ORDER BY quarter", db);
  ASSERT_TRUE(months) << months.status().message();
  EXPECT_EQ(*months, (std::vector<std::string>{"0:1:300000000000:300000000000", "8104:2:1772323200:1775001599",
                                               "8105:1:1775001600:1775001600"}));
  // Opening it again changes nothing.
  store->reset();
  auto again = open_postgres_store(settings);
  ASSERT_TRUE(again) << again.status().message();
  auto rows = (*server)->query_column("SELECT count(*) FROM kith_schema", db);
  ASSERT_TRUE(rows);
  EXPECT_EQ(*rows, std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace kith::engine

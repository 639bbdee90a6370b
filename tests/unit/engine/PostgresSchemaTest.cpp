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

// The store suite runs once per backend: SQLite (a file in a temp dir) and
// PostgreSQL (a fresh database on a real PostgreSQL 15 this test binary
// starts, servers/PostgresServer.h). A store test derives from
// StoreBackendTest, is written with TEST_P, and is instantiated with
// KITH_ON_EVERY_STORE_BACKEND(Suite): one test, never a copy per backend.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "TempDir.h"
#include "servers/PostgresServer.h"
#include "store/PostgresStore.h"
#include "store/SqlHistoryStore.h"

namespace kith::test {

enum class StoreBackend { Sqlite, Postgres };

inline std::string store_backend_name(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::Sqlite ? "SQLite" : "PostgreSQL";
}

// Where a test's store lives, so that it can be opened again (a second
// connection, as a second kith process would).
struct TestStoreLocation {
  StoreBackend backend = StoreBackend::Sqlite;
  std::string path;  // SQLite
  kith::engine::PostgresSettings postgres;
};

inline kith::Result<TestStoreLocation> new_test_store(StoreBackend backend, const TempDir& dir) {
  TestStoreLocation location;
  location.backend = backend;
  if (backend == StoreBackend::Sqlite) {
    location.path = (dir / "history.db").string();
    return location;
  }
  auto server = kith::testing::shared_postgres();
  if (!server) return server.status();
  auto url = (*server)->create_database();
  if (!url) return url.status();
  location.postgres.url = *url;
  location.postgres.password = (*server)->password();
  return location;
}

inline kith::Result<std::unique_ptr<kith::engine::SqlHistoryStore>> open_test_store(const TestStoreLocation& location) {
  if (location.backend == StoreBackend::Sqlite) return kith::engine::SqlHistoryStore::open(location.path);
  return kith::engine::open_postgres_store(location.postgres);
}

class StoreBackendTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    auto made = new_test_store(GetParam(), dir);
    ASSERT_TRUE(made) << made.status().message();
    location = *made;
    auto opened = open_test_store(location);
    ASSERT_TRUE(opened) << opened.status().message();
    store = std::move(*opened);
  }

  bool on_postgres() const { return GetParam() == StoreBackend::Postgres; }

  // The store again, on a connection of its own.
  std::unique_ptr<kith::engine::SqlHistoryStore> reopen() {
    auto opened = open_test_store(location);
    EXPECT_TRUE(opened) << opened.status().message();
    return opened ? std::move(*opened) : nullptr;
  }

  // The first column of the first row of `sql`, as an integer (0 if none).
  std::int64_t scalar(const std::string& sql) {
    auto stmt = store->database().prepare(sql);
    EXPECT_TRUE(stmt) << stmt.status().message();
    if (!stmt) return 0;
    auto row = stmt->step();
    EXPECT_TRUE(row) << row.status().message();
    return row && *row ? stmt->column_int(0) : 0;
  }

  // Makes every INSERT into `table` whose row meets `condition` (SQL over
  // NEW) fail with `message`, until clear_failure(); for tests that check
  // what a failure halfway leaves.
  kith::Status inject_failure(const std::string& table, const std::string& condition, const std::string& message) {
    if (!on_postgres())
      return store->database().exec("CREATE TRIGGER injected_failure BEFORE INSERT ON " + table + " WHEN " + condition +
                                    " BEGIN SELECT RAISE(ABORT, '" + message + "'); END");
    return store->database().exec(
        "CREATE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '" + message +
        "'; END $$; CREATE TRIGGER injected_failure BEFORE INSERT ON " + table + " FOR EACH ROW WHEN (" + condition +
        ") EXECUTE FUNCTION injected_failure()");
  }
  kith::Status clear_failure(const std::string& table) {
    if (!on_postgres()) return store->database().exec("DROP TRIGGER injected_failure");
    return store->database().exec("DROP TRIGGER injected_failure ON " + table + "; DROP FUNCTION injected_failure()");
  }

  TempDir dir;
  TestStoreLocation location;
  std::unique_ptr<kith::engine::SqlHistoryStore> store;
};

}  // namespace kith::test

#define KITH_ON_EVERY_STORE_BACKEND(Suite)                                                              \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                             \
                           ::testing::Values(::kith::test::StoreBackend::Sqlite,                        \
                                             ::kith::test::StoreBackend::Postgres),                     \
                           ::kith::test::store_backend_name)

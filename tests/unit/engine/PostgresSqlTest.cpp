#include <gtest/gtest.h>

#include "store/PostgresSql.h"

namespace kith::engine {
namespace {

struct Case {
  const char* sqlite;
  const char* postgres;
  int parameters;
};

// Each rule of PostgresSql.h, and what it must leave alone.
TEST(PostgresSql, RewritesWhatPostgresSpellsDifferently) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2", 2},
      // SQLite's numbering: a bare ? is one more than the largest so far.
      {"UPDATE t SET a = ?1 WHERE b = ?3 OR c = ?", "UPDATE t SET a = $1 WHERE b = $3 OR c = $4", 4},
      {"VALUES (?, ?) WHERE x IS DISTINCT FROM ?1", "VALUES ($1, $2) WHERE x IS DISTINCT FROM $1", 2},
      // Quoted text, quoted names and comments keep their ? and keywords.
      {"SELECT '?', \"a?\", 'it''s ?' -- why?\nFROM t WHERE a = ?",
       "SELECT '?', \"a?\", 'it''s ?' -- why?\nFROM t WHERE a = $1", 1},
      {"INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING", 1},
      {"insert  or ignore   into t (a) SELECT b FROM u  ", "INSERT INTO t (a) SELECT b FROM u ON CONFLICT DO NOTHING", 0},
      {"INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id",
       "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", 1},
      // Only the statement that asked for it; the others pass as they were.
      {"INSERT OR IGNORE INTO t VALUES (1); DELETE FROM u", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING; DELETE FROM u", 0},
      {"SELECT CAST(x AS INTEGER), CAST(y AS INTEGERS) FROM t", "SELECT CAST(x AS BIGINT), CAST(y AS INTEGERS) FROM t", 0},
      {"SELECT * FROM a CROSS JOIN b ON b.id = a.id", "SELECT * FROM a JOIN b ON b.id = a.id", 0},
      {"VALUES (strftime('%s','now'))", "VALUES (CAST(EXTRACT(EPOCH FROM now()) AS BIGINT))", 0},
      // Words inside longer words stay.
      {"SELECT xinsert_or FROM my_cross_join", "SELECT xinsert_or FROM my_cross_join", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sqlite);
    const PostgresSql out = to_postgres(c.sqlite);
    EXPECT_EQ(out.text, c.postgres);
    EXPECT_EQ(out.parameters, c.parameters);
  }
}

TEST(PostgresSql, KnowsWhichNumbersTheTextUses) {
  const PostgresSql out = to_postgres("SELECT a FROM t WHERE b = ?1 AND c = ?4");
  EXPECT_EQ(out.parameters, 4);
  EXPECT_EQ(out.referenced, (std::vector<bool>{true, false, false, true}));
}

}  // namespace
}  // namespace kith::engine

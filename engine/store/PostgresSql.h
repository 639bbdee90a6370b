// The store's SQL, as PostgreSQL takes it. The store writes one text for
// both databases (SqlDatabase.h); what PostgreSQL spells differently is
// rewritten here, by rules a reader can check, outside quotes and
// comments:
//   ?N -> $N, and a bare ? -> the next number (SQLite's own numbering:
//          one more than the largest so far);
//   INSERT OR IGNORE INTO … -> INSERT INTO … ON CONFLICT DO NOTHING
//          (before a RETURNING clause);
//   CAST(… AS INTEGER) -> CAST(… AS BIGINT) (SQLite's integers are 64-bit);
//   CROSS JOIN … ON -> JOIN … ON (SQLite's way to fix the join order);
//   strftime('%s','now') -> the same moment, whole seconds since 1970.
// Anything else that differs is written per dialect by the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kith::engine {

struct PostgresSql {
  std::string text;
  int parameters = 0;  // the largest $N
  // Whether the text uses $N (referenced[N - 1]): SQLite lets a statement
  // skip a number, PostgreSQL needs a type for it all the same.
  std::vector<bool> referenced;
};

PostgresSql to_postgres(std::string_view sql);

}  // namespace kith::engine

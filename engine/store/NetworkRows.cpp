// What the network view reads of the history: interactions counted by
// person, account and month, so that a view of years of mail is a few
// thousand rows rather than every interaction.
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

Result<std::vector<InteractionMonth>> SqlHistoryStore::interaction_months(UnixSeconds as_of) {
  const std::lock_guard lock(mutex_);
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  // The UTC month: year * 12 + month - 1.
  const std::string month =
      db_.dialect() == SqlDialect::Sqlite
          ? "CAST(strftime('%Y', i.occurred_at, 'unixepoch') AS INTEGER) * 12 + "
            "CAST(strftime('%m', i.occurred_at, 'unixepoch') AS INTEGER) - 1"
          : "CAST(EXTRACT(YEAR FROM to_timestamp(i.occurred_at) AT TIME ZONE 'UTC') AS BIGINT) * 12 + "
            "CAST(EXTRACT(MONTH FROM to_timestamp(i.occurred_at) AT TIME ZONE 'UTC') AS BIGINT) - 1";
  KITH_TRY(stmt, db_.prepare("SELECT h.contact_id, i.account, " + month +
                             " AS month, COUNT(*), MIN(i.occurred_at), MAX(i.occurred_at) FROM interactions i "
                             "JOIN handles h ON h.id = i.handle_id WHERE i.occurred_at <= ? "
                             "GROUP BY h.contact_id, i.account, month"));
  stmt.bind(1, as_of);
  std::vector<InteractionMonth> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.column_int(0), stmt.column_text(1), static_cast<int>(stmt.column_int(2)),
                   static_cast<std::uint32_t>(stmt.column_int(3)), stmt.column_int(4), stmt.column_int(5)});
  }
  return out;
}

}  // namespace kith::engine

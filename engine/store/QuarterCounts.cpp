// interaction_quarters kept for the interactions apply() inserts: counted
// per batch in memory and written once per (handle, account, quarter). The
// triggers of Schema.cpp (PostgresSchema.cpp) keep it for removals and
// rewrites; schema 14 took the per-row insert trigger off.
#include <algorithm>

#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Time.h"
#include "util/Try.h"

namespace kith::engine {
namespace {

// Years 1..9999, where SQLite's strftime and PostgreSQL's kith_quarter()
// agree with utc_quarter() (the proleptic Gregorian calendar).
constexpr UnixSeconds kFirstCountable = -62135596800;  // 0001-01-01T00:00:00Z
constexpr UnixSeconds kLastCountable = 253402300799;   // 9999-12-31T23:59:59Z

// The key rows are counted under: the UTC quarter (year * 4 + quarter - 1,
// 4..39999) in the countable years; outside them the moment itself, which
// no quarter number equals, so that SQL says the quarter there (each
// backend has its own answer outside its calendar) and nothing is merged
// that it would keep apart.
std::int64_t quarter_key(UnixSeconds at) {
  if (at < kFirstCountable || at > kLastCountable) return at;
  return utc_quarter(at);
}

}  // namespace

void SqlHistoryStore::count_quarter(std::int64_t handle_id, const std::string& account, UnixSeconds at,
                                    const std::string* event_uid) {
  auto [it, added] = quarters_added_.try_emplace({handle_id, account, quarter_key(at)}, QuarterAdded{1, at, at});
  if (!added) {
    ++it->second.count;
    it->second.first_at = std::min(it->second.first_at, at);
    it->second.last_at = std::max(it->second.last_at, at);
  }
  if (event_uid) quarters_added_events_.insert(*event_uid);
}

Status SqlHistoryStore::write_quarters_added_of(const std::string& event_uid) {
  if (!quarters_added_events_.count(event_uid)) return {};
  return write_quarters_added();
}

Status SqlHistoryStore::write_quarters_added() {
  // The quarter comes from SQL, from the first moment counted under the
  // key: the same expression the removal triggers use.
  if (quarters_added_.empty()) return {};
  const std::string quarter = db_.dialect() == SqlDialect::Sqlite
                                  ? "COALESCE(CAST(strftime('%Y', ?3, 'unixepoch') AS INTEGER) * 4 + "
                                    "(CAST(strftime('%m', ?3, 'unixepoch') AS INTEGER) - 1) / 3, 0)"
                                  : "kith_quarter(?3)";
  const std::string sql =
      "INSERT INTO interaction_quarters (handle_id, account, quarter, count, first_at, last_at) "
      "VALUES (?1, ?2, " + quarter + ", ?4, ?3, ?5) "
      "ON CONFLICT (handle_id, account, quarter) DO UPDATE SET "
      "count = interaction_quarters.count + excluded.count, "
      "first_at = CASE WHEN excluded.first_at < interaction_quarters.first_at "
      "THEN excluded.first_at ELSE interaction_quarters.first_at END, "
      "last_at = CASE WHEN excluded.last_at > interaction_quarters.last_at "
      "THEN excluded.last_at ELSE interaction_quarters.last_at END";
  for (const auto& [key, added] : quarters_added_) {
    KITH_CACHED(write, (sql));
    write.bind(1, std::get<0>(key)).bind(2, std::get<1>(key)).bind(3, added.first_at).bind(4, added.count)
        .bind(5, added.last_at);
    if (auto s = write.run(); !s) return s;
  }
  quarters_added_.clear();
  quarters_added_events_.clear();
  return {};
}

}  // namespace kith::engine

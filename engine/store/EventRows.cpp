// Calendar occurrences (what events and coffees are found in), the events
// the user declares, and their decisions about who was met where.
#include <algorithm>

#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

Status SqlHistoryStore::store_occurrences(const std::string& account, const EventInteractions& event) {
  // The UID's occurrences replace what it had, from whichever calendar
  // (or account) delivered it last, as its meetings do.
  KITH_CACHED(del, ("DELETE FROM occurrences WHERE event_uid = ?"));
  del.bind(1, event.uid);
  if (auto s = del.run(); !s) return s;
  for (const OccurrenceRecord& o : event.occurrences) {
    KITH_CACHED(insert, ("INSERT OR IGNORE INTO occurrences (event_uid, recurrence_id, account, collection, calendar_name, "
                         "starts_at, ends_at, all_day, title, has_location, location, video, others) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.bind(1, event.uid)
        .bind(2, o.recurrence_id)
        .bind(3, account)
        .bind(4, event.collection)
        .bind(5, event.collection_name)
        .bind(6, o.start)
        .bind(7, std::max(o.end, o.start))
        .bind(8, std::int64_t{o.all_day})
        .bind(9, o.title)
        .bind(10, std::int64_t{o.has_location})
        .bind(11, o.location)
        .bind(12, std::int64_t{o.video})
        .bind(13, std::int64_t{o.others});
    KITH_TRY(inserted, insert.step());
    const std::int64_t occurrence = inserted ? insert.column_int(0) : 0;
    insert.reset();
    if (!inserted) continue;  // the same instance twice in one resource: the first counts
    for (const Interaction& person : o.people) {
      if (ignored_.covers(person.handle_kind, person.handle)) continue;
      KITH_TRY(handle, handle_id_for(person));
      KITH_CACHED(add, ("INSERT OR IGNORE INTO occurrence_people (occurrence_id, handle_id) VALUES (?, ?)"));
      add.bind(1, occurrence).bind(2, handle);
      if (auto s = add.run(); !s) return s;
    }
  }
  return {};
}

Result<std::vector<OccurrenceRow>> SqlHistoryStore::occurrences(const OccurrenceFilter& filter) {
  const std::lock_guard lock(mutex_);
  std::string sql =
      "SELECT o.id, o.event_uid, o.recurrence_id, o.account, o.collection, o.calendar_name, o.starts_at, o.ends_at, "
      "o.all_day, o.title, o.has_location, o.location, o.video, o.others, "
      "(SELECT " +
      std::string(db_.dialect() == SqlDialect::Sqlite ? "group_concat(DISTINCT h.contact_id)"
                                                      : "string_agg(DISTINCT CAST(h.contact_id AS TEXT), ',')") +
      " FROM occurrence_people p JOIN handles h ON h.id = p.handle_id WHERE p.occurrence_id = o.id) "
      "FROM occurrences o WHERE o.starts_at <= ?1 AND o.ends_at >= ?2";
  if (filter.video_with_at_most) sql += " AND o.video = 1 AND o.others BETWEEN 1 AND ?3";
  if (filter.accounts) {
    // Numbered from 4, whether ?3 is there or not.
    std::string list;
    for (std::size_t n = 0; n < filter.accounts->size(); ++n) list += (n ? ", ?" : "?") + std::to_string(n + 4);
    sql += filter.accounts->empty() ? " AND 1 = 0"
                                    : " AND (o.account IN (" + list +
                                          ") OR o.event_uid IN (SELECT uid FROM event_sources WHERE account IN (" + list + ")))";
  }
  sql += " ORDER BY o.starts_at, o.id";
  KITH_TRY(stmt, db_.prepare(sql));
  stmt.bind(1, filter.to).bind(2, filter.from);
  if (filter.video_with_at_most) stmt.bind(3, std::int64_t{*filter.video_with_at_most});
  if (filter.accounts)
    for (std::size_t n = 0; n < filter.accounts->size(); ++n) stmt.bind(static_cast<int>(n + 4), (*filter.accounts)[n]);
  std::vector<OccurrenceRow> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    OccurrenceRow o;
    o.event_uid = stmt.column_text(1);
    o.recurrence_id = stmt.column_text(2);
    o.account = stmt.column_text(3);
    o.collection = stmt.column_text(4);
    o.calendar_name = stmt.column_text(5);
    o.start = stmt.column_int(6);
    o.end = stmt.column_int(7);
    o.all_day = stmt.column_int(8) != 0;
    o.title = stmt.column_text(9);
    o.has_location = stmt.column_int(10) != 0;
    o.location = stmt.column_text(11);
    o.video = stmt.column_int(12) != 0;
    o.others = static_cast<std::uint32_t>(stmt.column_int(13));
    // group_concat of integers: "12,40,7".
    const std::string ids = stmt.column_text(14);
    for (std::size_t at = 0; at < ids.size();) {
      const std::size_t comma = std::min(ids.find(',', at), ids.size());
      o.people.push_back(std::stoll(ids.substr(at, comma - at)));
      at = comma + 1;
    }
    std::sort(o.people.begin(), o.people.end());
    o.people.erase(std::unique(o.people.begin(), o.people.end()), o.people.end());
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::int64_t> SqlHistoryStore::declare_event(const DeclaredEvent& event) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(stmt, db_.prepare("INSERT INTO declared_events (title, starts_at, ends_at, tag) VALUES (?, ?, ?, ?) "
                             "RETURNING id"));
  stmt.bind(1, event.title).bind(2, event.start).bind(3, event.end).bind(4, event.tag);
  KITH_TRY(id, returned_id(stmt));
  if (auto s = tx.commit(); !s) return s;
  return id;
}

Result<std::vector<DeclaredEvent>> SqlHistoryStore::declared_events() {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT id, title, starts_at, ends_at, tag FROM declared_events ORDER BY starts_at, id"));
  std::vector<DeclaredEvent> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_int(2), stmt.column_int(3), stmt.column_text(4)});
  }
  return out;
}

Result<bool> SqlHistoryStore::remove_declared_event(std::int64_t id) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(stmt, db_.prepare("DELETE FROM declared_events WHERE id = ?"));
  stmt.bind(1, id);
  if (auto s = stmt.run(); !s) return s;
  const bool removed = db_.changes() > 0;
  KITH_TRY(decisions, db_.prepare("DELETE FROM met_decisions WHERE event_key = ?"));
  decisions.bind(1, "declared:" + std::to_string(id));
  if (auto s = decisions.run(); !s) return s;
  if (auto s = tx.commit(); !s) return s;
  return removed;
}

Status SqlHistoryStore::decide_met(const std::string& event_key, std::int64_t person, bool confirmed,
                                      const std::string& tag) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (auto s = require_person(person); !s) return s;
  KITH_TRY(stmt, db_.prepare("INSERT INTO met_decisions (event_key, contact_id, decision) VALUES (?, ?, ?) "
                             "ON CONFLICT (event_key, contact_id) DO UPDATE SET decision = excluded.decision"));
  stmt.bind(1, event_key).bind(2, person).bind(3, std::string_view(confirmed ? "confirmed" : "rejected"));
  if (auto s = stmt.run(); !s) return s;
  if (confirmed && !tag.empty()) {
    KITH_TRY(group, group_of(person));
    KITH_TRY(add, db_.prepare("INSERT OR IGNORE INTO person_tags (group_id, tag) VALUES (?, ?)"));
    add.bind(1, group).bind(2, tag);
    if (auto s = add.run(); !s) return s;
  }
  db_.reset_cached();
  return tx.commit();
}

Result<std::vector<MetDecision>> SqlHistoryStore::met_decisions() {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT event_key, contact_id, decision FROM met_decisions ORDER BY event_key, contact_id"));
  std::vector<MetDecision> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.column_text(0), stmt.column_int(1), stmt.column_text(2) == "confirmed"});
  }
  return out;
}

}  // namespace kith::engine

// A team member's own decisions (HistoryStore::member_decisions and the
// *_for decisions): rows keyed by member and person group, beside the
// store's own decisions, never touching the interactions.
#include <algorithm>

#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

namespace {

Status require_member(const std::string& member) {
  if (member.empty()) return Status::internal("a member's decision without a member");
  return {};
}

}  // namespace

Result<MemberDecisions> SqlHistoryStore::member_decisions(const std::string& member) {
  const std::lock_guard lock(mutex_);
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  MemberDecisions out;
  // By person: a group's contact (a group no sync has brought anyone to
  // yet has none, and nothing to show).
  KITH_TRY(decided, db_.prepare("SELECT c.id, d.cadence_days, d.snoozed_until FROM member_person_decisions d "
                                "JOIN contacts c ON c.group_id = d.group_id WHERE d.member = ?"));
  decided.bind(1, member);
  for (;;) {
    KITH_TRY(row, decided.step());
    if (!row) break;
    MemberPersonDecisions& p = out.people[decided.column_int(0)];
    if (auto days = decided.column_optional_int(1)) p.cadence_days = static_cast<int>(*days);
    p.snoozed_until = decided.column_optional_int(2);
  }
  KITH_TRY(tags, db_.prepare("SELECT c.id, t.tag FROM member_person_tags t JOIN contacts c ON c.group_id = t.group_id "
                             "WHERE t.member = ? ORDER BY t.tag"));
  tags.bind(1, member);
  for (;;) {
    KITH_TRY(row, tags.step());
    if (!row) break;
    out.people[tags.column_int(0)].tags.push_back(tags.column_text(1));
  }
  KITH_TRY(cadences, db_.prepare("SELECT tag, cadence_days FROM member_tag_cadences WHERE member = ? ORDER BY tag"));
  cadences.bind(1, member);
  for (;;) {
    KITH_TRY(row, cadences.step());
    if (!row) break;
    out.tag_cadences[cadences.column_text(0)] = static_cast<int>(cadences.column_int(1));
  }
  KITH_TRY(ignored, db_.prepare("SELECT entry FROM member_ignores WHERE member = ? ORDER BY entry"));
  ignored.bind(1, member);
  for (;;) {
    KITH_TRY(row, ignored.step());
    if (!row) break;
    out.ignores.push_back(ignored.column_text(0));
  }
  return out;
}

Status SqlHistoryStore::tag_person_for(const std::string& member, std::int64_t person,
                                       const std::vector<std::string>& tags, bool add) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(group, group_of(person));
  for (const auto& tag : tags) {
    KITH_TRY(stmt, db_.prepare(add ? "INSERT OR IGNORE INTO member_person_tags (member, group_id, tag) VALUES (?, ?, ?)"
                                   : "DELETE FROM member_person_tags WHERE member = ? AND group_id = ? AND tag = ?"));
    stmt.bind(1, member).bind(2, group).bind(3, tag);
    if (auto s = stmt.run(); !s) return s;
  }
  db_.reset_cached();
  return tx.commit();
}

namespace {

// Sets one column of the member's decisions about a group; a row with
// nothing left in it goes.
Status set_member_column(SqlDatabase& db, const std::string& member, std::int64_t group, const char* column,
                         std::optional<std::int64_t> value) {
  const std::string set = std::string(column) + " = ?3";
  KITH_TRY(upsert, db.prepare("INSERT INTO member_person_decisions (member, group_id, " + std::string(column) +
                              ") VALUES (?1, ?2, ?3) ON CONFLICT (member, group_id) DO UPDATE SET " + set));
  upsert.bind(1, member).bind(2, group);
  if (value)
    upsert.bind(3, *value);
  else
    upsert.bind_null(3);
  if (auto s = upsert.run(); !s) return s;
  KITH_TRY(empty, db.prepare("DELETE FROM member_person_decisions WHERE member = ? AND group_id = ? AND "
                             "cadence_days IS NULL AND snoozed_until IS NULL"));
  empty.bind(1, member).bind(2, group);
  return empty.run();
}

}  // namespace

Status SqlHistoryStore::set_person_cadence_for(const std::string& member, std::int64_t person, std::optional<int> days) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(group, group_of(person));
  if (auto s = set_member_column(db_, member, group, "cadence_days",
                                 days ? std::optional<std::int64_t>(*days) : std::nullopt);
      !s)
    return s;
  db_.reset_cached();
  return tx.commit();
}

Status SqlHistoryStore::set_tag_cadence_for(const std::string& member, const std::string& tag, std::optional<int> days) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare(days ? "INSERT INTO member_tag_cadences (member, tag, cadence_days) VALUES (?1, ?2, ?3) "
                                    "ON CONFLICT (member, tag) DO UPDATE SET cadence_days = excluded.cadence_days"
                                  : "DELETE FROM member_tag_cadences WHERE member = ?1 AND tag = ?2"));
  stmt.bind(1, member).bind(2, tag);
  if (days) stmt.bind(3, std::int64_t{*days});
  return stmt.run();
}

Status SqlHistoryStore::snooze_person_for(const std::string& member, std::int64_t person, UnixSeconds until) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(group, group_of(person));
  if (auto s = set_member_column(db_, member, group, "snoozed_until", until); !s) return s;
  db_.reset_cached();
  return tx.commit();
}

Result<std::size_t> SqlHistoryStore::ignore_for(const std::string& member, const std::vector<std::string>& entries) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  std::size_t added = 0;
  for (const auto& entry : entries) {
    if (entry.empty()) return Status::account("an empty ignore entry");
    KITH_CACHED(add, ("INSERT OR IGNORE INTO member_ignores (member, entry) VALUES (?, ?)"));
    add.bind(1, member).bind(2, entry);
    if (auto s = add.run(); !s) return s;
    added += static_cast<std::size_t>(db_.changes());
  }
  if (auto s = tx.commit(); !s) return s;
  return added;
}

Result<bool> SqlHistoryStore::unignore_for(const std::string& member, const std::string& entry) {
  if (auto s = require_member(member); !s) return s;
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_CACHED(drop, ("DELETE FROM member_ignores WHERE member = ? AND entry = ?"));
  drop.bind(1, member).bind(2, entry);
  if (auto s = drop.run(); !s) return s;
  const bool removed = db_.changes() > 0;
  if (auto s = tx.commit(); !s) return s;
  return removed;
}

Status SqlHistoryStore::move_member_decisions(std::int64_t to, std::int64_t from) {
  // As the store's own decisions merge: the first person's win, the
  // other's fill what it lacks, tags add up.
  for (const char* sql :
       {"INSERT INTO member_person_decisions (member, group_id, cadence_days, snoozed_until) "
        "SELECT member, ?1, cadence_days, snoozed_until FROM member_person_decisions WHERE group_id = ?2 "
        "ON CONFLICT (member, group_id) DO UPDATE SET "
        "cadence_days = COALESCE(member_person_decisions.cadence_days, excluded.cadence_days), "
        "snoozed_until = COALESCE(member_person_decisions.snoozed_until, excluded.snoozed_until)",
        "DELETE FROM member_person_decisions WHERE group_id = ?2",
        "INSERT OR IGNORE INTO member_person_tags (member, group_id, tag) "
        "SELECT member, ?1, tag FROM member_person_tags WHERE group_id = ?2",
        "DELETE FROM member_person_tags WHERE group_id = ?2"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    stmt.bind(1, to).bind(2, from);
    if (auto s = stmt.run(); !s) return s;
  }
  return {};
}

}  // namespace kith::engine

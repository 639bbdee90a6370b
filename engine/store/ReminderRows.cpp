// The reminders Kith wrote back as tasks: which task is whose, why, and
// the version of it Kith last saw, so that a change made elsewhere is
// told from Kith's own.
#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

Result<std::vector<ReminderTask>> SqlHistoryStore::reminder_tasks() {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT uid, account, list, name, etag, contact_id, reason, due, user_due, state, written_at "
                             "FROM reminder_tasks ORDER BY uid"));
  std::vector<ReminderTask> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    ReminderTask t;
    t.uid = stmt.column_text(0);
    t.account = stmt.column_text(1);
    t.list = stmt.column_text(2);
    t.name = stmt.column_text(3);
    t.etag = stmt.column_text(4);
    t.person = stmt.column_optional_int(5);
    t.reason = stmt.column_text(6);
    t.due = stmt.column_text(7);
    t.user_due = stmt.column_text(8);
    t.completed = stmt.column_text(9) == "completed";
    t.written_at = stmt.column_int(10);
    out.push_back(std::move(t));
  }
  return out;
}

Status SqlHistoryStore::put_reminder_task(const ReminderTask& t) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  // A person merged away or gone leaves the task without one.
  std::optional<std::int64_t> person = t.person;
  if (person && !require_person(*person)) person.reset();
  KITH_TRY(stmt, db_.prepare(
                     "INSERT INTO reminder_tasks (uid, account, list, name, etag, contact_id, reason, due, user_due, state, "
                     "written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (uid) DO UPDATE SET account = excluded.account, list = excluded.list, "
                     "name = excluded.name, etag = excluded.etag, contact_id = excluded.contact_id, "
                     "reason = excluded.reason, due = excluded.due, user_due = excluded.user_due, "
                     "state = excluded.state, written_at = excluded.written_at"));
  stmt.bind(1, t.uid)
      .bind(2, t.account)
      .bind(3, t.list)
      .bind(4, t.name)
      .bind(5, t.etag)
      .bind(6, person)
      .bind(7, t.reason)
      .bind(8, t.due)
      .bind(9, t.user_due)
      .bind(10, std::string_view(t.completed ? "completed" : "open"))
      .bind(11, t.written_at);
  if (auto s = stmt.run(); !s) return s;
  return tx.commit();
}

Status SqlHistoryStore::forget_reminder_task(const std::string& uid) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(stmt, db_.prepare("DELETE FROM reminder_tasks WHERE uid = ?"));
  stmt.bind(1, uid);
  if (auto s = stmt.run(); !s) return s;
  return tx.commit();
}

}  // namespace kith::engine

// What the network view reads of the history: interactions counted by
// person, account and quarter, from the counts the store keeps by handle,
// account and quarter (schema 13), so that a view of years of mail reads a
// few rows per person rather than every interaction.
#include <optional>
#include <unordered_map>

#include "store/SqlHistoryStore.h"
#include "util/Time.h"
#include "util/Try.h"

namespace kith::engine {

Status SqlHistoryStore::for_each_interaction_quarter(UnixSeconds as_of,
                                                  const std::function<void(const InteractionQuarter&)>& each) {
  const std::lock_guard lock(mutex_);
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  // Every quarter up to as-of's, whole; as-of's own quarter may hold later
  // interactions (a meeting still to come): those are counted again up to
  // as-of once this statement is done.
  // Whose each handle is, read once: a join would look each count's
  // handle up in the handles table, page by page.
  std::unordered_map<std::int64_t, std::int64_t> person_of;
  {
    KITH_TRY(handles, db_.prepare("SELECT id, contact_id FROM handles"));
    for (;;) {
      KITH_TRY(row, handles.step());
      if (!row) break;
      person_of.emplace(handles.column_int(0), handles.column_int(1));
    }
  }
  KITH_TRY(stmt, db_.prepare("SELECT handle_id, account, quarter, count, first_at, last_at "
                             "FROM interaction_quarters WHERE quarter <= ?"));
  stmt.bind(1, static_cast<std::int64_t>(utc_quarter(as_of)));
  InteractionQuarter counted;
  std::vector<std::pair<InteractionQuarter, std::int64_t>> partial;  // with its handle
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    counted.first_at = stmt.column_int(4);
    if (counted.first_at > as_of) continue;
    const std::int64_t handle = stmt.column_int(0);
    const auto person = person_of.find(handle);
    if (person == person_of.end()) continue;  // no such handle: nobody's
    counted.person = person->second;
    counted.account.assign(stmt.column_text(1));
    counted.quarter = static_cast<int>(stmt.column_int(2));
    counted.count = static_cast<std::uint32_t>(stmt.column_int(3));
    counted.last_at = stmt.column_int(5);
    if (counted.last_at > as_of)
      partial.emplace_back(counted, handle);
    else
      each(counted);
  }
  if (partial.empty()) return {};
  // Walked back from the row's last interaction: the ones after as-of (a
  // few scheduled meetings) are counted off, and the first one before it
  // is the row's last. Counting the others up from first_at instead
  // stepped through the whole quarter of a busy handle.
  KITH_TRY(back, db_.prepare("SELECT occurred_at, account FROM interactions "
                             "WHERE handle_id = ? AND occurred_at BETWEEN ? AND ? ORDER BY occurred_at DESC"));
  for (auto& [m, handle] : partial) {
    back.reset();
    back.bind(1, handle);
    back.bind(2, m.first_at);
    back.bind(3, m.last_at);
    std::uint32_t later = 0;
    std::optional<UnixSeconds> last;
    for (;;) {
      KITH_TRY(row, back.step());
      if (!row) break;
      if (back.column_text(1) != m.account) continue;
      const UnixSeconds at = back.column_int(0);
      if (at <= as_of) {
        last = at;
        break;
      }
      ++later;
    }
    // first_at <= as-of, so the walk ends at an interaction up to as-of.
    if (!last || later >= m.count)
      return Status::internal("the quarter counts of handle " + std::to_string(handle) + " disagree with its interactions");
    m.count -= later;
    m.last_at = *last;
    each(m);
  }
  return {};
}

}  // namespace kith::engine

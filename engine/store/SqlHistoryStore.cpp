#include "store/SqlHistoryStore.h"
#include "store/SqliteDatabase.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>
#include <thread>
#include <map>
#include <set>

#include "extract/HandleValue.h"
#include "store/CachedStatement.h"
#include "store/Schema.h"
#include "util/Strings.h"
#include "util/Try.h"

namespace kith::engine {

const char* to_string(RunState state) {
  switch (state) {
    case RunState::Running: return "running";
    case RunState::Ok: return "ok";
    case RunState::Failed: return "failed";
    case RunState::Cancelled: return "cancelled";
  }
  return "unknown";
}

namespace {

// The meetings an event UID (?1) stored. They are keyed
// "evt:UID|RECURRENCE-ID" (InteractionExtractor), and both backends compare
// dedupe_key bytewise (SQLite's default, PostgreSQL's COLLATE "C"), so they
// are one range of the unique index on dedupe_key; `event_uid = ?1` drops
// the keys of another UID that begins with "UID|". Since schema 15 there is
// no index on event_uid: it was a tenth of a calendar's store (1,602 of
// 14,460 pages at 10,000 events) and one more random-order index write per
// meeting.
constexpr const char* kEventRowsWhere =
    "dedupe_key >= 'evt:' || ?1 || '|' AND dedupe_key < 'evt:' || ?1 || '}' AND event_uid = ?1";

RunState run_state_from(const std::string& s) {
  if (s == "running") return RunState::Running;
  if (s == "ok") return RunState::Ok;
  if (s == "cancelled") return RunState::Cancelled;
  return RunState::Failed;
}

}  // namespace

Result<std::unique_ptr<SqlHistoryStore>> SqlHistoryStore::open(const std::string& path) {
  auto db = SqliteDatabase::open(path);
  if (!db) return db.status();
  // WAL lets `kith status` read while kithd writes; foreign keys keep
  // interactions attached to real addresses. Switching to WAL needs the
  // file to itself and SQLite does not wait for that (no busy handler), so
  // two processes opening a new store at once retry here for a while.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    Status s;
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"})
      if (s = (*db)->exec(pragma); !s) break;
    if (s) s = migrate_schema(**db);
    if (s) break;
    if (s.kind() != ErrorKind::Transient || std::chrono::steady_clock::now() > deadline) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::make_unique<SqlHistoryStore>(std::unique_ptr<SqlDatabase>(std::move(*db)));
}

Result<SyncState> SqlHistoryStore::load_sync_state(const std::string& account) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT collection, value FROM cursors WHERE account = ?"));
  stmt.bind(1, account);
  SyncState state;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    state.cursors[stmt.column_text(0)] = stmt.column_text(1);
  }
  return state;
}

Result<std::int64_t> SqlHistoryStore::handle_id_for(const Interaction& interaction) {
  const std::string_view kind = to_string(interaction.handle_kind);
  std::string key(kind);
  key += '\0';
  key += interaction.handle;
  if (auto known = handle_ids_.find(key); known != handle_ids_.end()) return known->second;
  KITH_CACHED(find, ("SELECT id FROM handles WHERE kind = ? AND value = ?"));
  find.bind(1, kind).bind(2, interaction.handle);
  KITH_TRY(found, find.step());
  if (found) return handle_ids_[key] = find.column_int(0);
  KITH_TRY(contact_id, contact_for_new_handle(kind, interaction.handle, interaction.display_name));
  KITH_CACHED(handle, ("INSERT INTO handles (contact_id, kind, value) VALUES (?, ?, ?) RETURNING id"));
  handle.bind(1, contact_id).bind(2, kind).bind(3, interaction.handle);
  KITH_TRY(made, returned_id(handle));
  return handle_ids_[key] = made;
}

Result<std::size_t> SqlHistoryStore::insert_interaction(const std::string& account, const Interaction& interaction,
                                                           const std::string* event_uid, std::int64_t participants,
                                                           const std::set<std::pair<std::string, std::int64_t>>* counted) {
  if (ignored_.covers(interaction.handle_kind, interaction.handle)) return std::size_t{0};
  KITH_TRY(handle_id, handle_id_for(interaction));
  KITH_CACHED(stmt, (
                     "INSERT OR IGNORE INTO interactions "
                     "(handle_id, kind, direction, occurred_at, account, dedupe_key, event_uid, title, channel, "
                     "participants) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.bind(1, handle_id)
      .bind(2, std::string_view(to_string(interaction.kind)))
      .bind(3, std::string_view(direction_of(interaction.kind)))
      .bind(4, interaction.when)
      .bind(5, account)
      .bind(6, interaction.dedupe_key);
  if (event_uid)
    stmt.bind(7, *event_uid);
  else
    stmt.bind_null(7);
  stmt.bind(8, interaction.title);
  stmt.bind(9, interaction.channel);
  stmt.bind(10, participants);
  if (auto s = stmt.run(); !s) return s;
  const auto added = static_cast<std::size_t>(db_.changes());
  if (added) {
    changed_handles_.insert(handle_id);
    count_quarter(handle_id, account, interaction.when, event_uid);
  }
  if (added && !interaction.display_name.empty() && !(counted && counted->count({interaction.dedupe_key, handle_id}))) {
    // Counted once per interaction stored, so reading the same mail again
    // (`kith sync --full`) counts nothing twice; written once per batch.
    auto [it, first] = names_seen_.try_emplace({handle_id, interaction.display_name}, NameSeen{0, interaction.when});
    ++it->second.count;
    it->second.first_seen = std::min(it->second.first_seen, interaction.when);
  }
  return added;
}

Result<std::size_t> SqlHistoryStore::insert_message(const std::string& account, const MessageInteractions& message,
                                                       ApplyResult& result) {
  // Rule 1: a message counts once. What is stored under its key came from
  // the first copy stored; a later copy (another folder or account) yields
  // the same rows, and a different message reusing the Message-ID must not
  // credit another sender: either way it adds nothing.
  auto insert_all = [&]() -> Result<std::size_t> {
    std::size_t added = 0;
    for (const auto& interaction : message.interactions) {
      KITH_TRY(one, insert_interaction(account, interaction, nullptr));
      added += one;
    }
    return added;
  };
  // Nearly every message is new: apply() asked for the batch's keys at
  // once, and the rows are read only for those stored before.
  if (stored_keys_.insert(message.dedupe_key).second) return insert_all();
  KITH_CACHED(stored, ("SELECT i.kind, h.value FROM interactions i JOIN handles h ON h.id = i.handle_id "
                       "WHERE i.dedupe_key = ? AND i.event_uid IS NULL"));
  stored.bind(1, message.dedupe_key);
  std::set<std::pair<std::string, std::string>> rows;
  for (;;) {
    KITH_TRY(row, stored.step());
    if (!row) break;
    rows.emplace(stored.column_text(0), stored.column_text(1));
  }
  if (!rows.empty()) {
    // The same message again when every row stored under the key is one of
    // this message's and the rows it lacks were kept out by an ignore since
    // undone: those come back. Otherwise the first copy stored wins, and
    // this is a copy with other recipients or another message reusing the key.
    std::string others;
    bool only_unignored = true;
    for (const auto& interaction : message.interactions) {
      if (rows.count({to_string(interaction.kind), interaction.handle})) continue;
      others += (others.empty() ? "" : ", ") + interaction.handle;
      only_unignored = only_unignored && once_ignored_.covers(interaction.handle_kind, interaction.handle);
    }
    if (!others.empty()) {
      std::set<std::pair<std::string, std::string>> mine;
      for (const auto& interaction : message.interactions) mine.emplace(to_string(interaction.kind), interaction.handle);
      if (!only_unignored || !std::includes(mine.begin(), mine.end(), rows.begin(), rows.end())) {
        if (result.reused_keys.size() < 100) result.reused_keys.push_back(message.dedupe_key + " (" + others + ")");
        return std::size_t{0};
      }
    }
    // Mail stored before subjects were kept (schema 4) gets its subject now.
    const std::string& title = message.interactions.front().title;
    if (!title.empty()) {
      KITH_CACHED(fill, ("UPDATE interactions SET title = ? WHERE dedupe_key = ? AND event_uid IS NULL AND title = ''"));
      fill.bind(1, title).bind(2, message.dedupe_key);
      if (auto s = fill.run(); !s) return s;
    }
    if (others.empty()) {
      // The same message in another account: it adds nothing, but that
      // account saw it too (a message two members received is both's).
      KITH_CACHED(seen, ("INSERT OR IGNORE INTO interaction_accounts (interaction_id, account) "
                         "SELECT id, ?1 FROM interactions WHERE dedupe_key = ?2 AND event_uid IS NULL AND account <> ?1"));
      seen.bind(1, account).bind(2, message.dedupe_key);
      if (auto s = seen.run(); !s) return s;
      return std::size_t{0};
    }
  }
  return insert_all();
}

Result<std::size_t> SqlHistoryStore::remove_event_if_orphaned(const std::string& uid) {
  KITH_CACHED(others, ("SELECT 1 FROM event_sources WHERE uid = ? LIMIT 1"));
  others.bind(1, uid);
  KITH_TRY(still_held, others.step());
  if (still_held) return std::size_t{0};
  KITH_CACHED(occurrences, ("DELETE FROM occurrences WHERE event_uid = ?"));
  occurrences.bind(1, uid);
  if (auto s = occurrences.run(); !s) return s;
  if (auto s = write_quarters_added_of(uid); !s) return s;
  KITH_CACHED(del, ("DELETE FROM interactions WHERE " + std::string(kEventRowsWhere)));
  del.bind(1, uid);
  if (auto s = del.run(); !s) return s;
  return static_cast<std::size_t>(db_.changes());
}

Status SqlHistoryStore::load_stored_keys(const ExtractedBatch& batch) {
  stored_keys_.clear();
  std::vector<const std::string*> keys;
  for (const auto* list : {&batch.mail, &batch.conversations})
    for (const auto& message : *list) keys.push_back(&message.dedupe_key);
  // Chunks of one size, so that one statement serves them all (the last
  // one repeats its last key).
  constexpr std::size_t kChunk = 100;
  std::string sql = "SELECT DISTINCT dedupe_key FROM interactions WHERE dedupe_key IN (?";
  for (std::size_t i = 1; i < kChunk; ++i) sql += ", ?";
  sql += ")";
  for (std::size_t from = 0; from < keys.size(); from += kChunk) {
    KITH_CACHED(find, (sql));
    for (std::size_t i = 0; i < kChunk; ++i)
      find.bind(static_cast<int>(i + 1), *keys[std::min(from + i, keys.size() - 1)]);
    for (;;) {
      KITH_TRY(row, find.step());
      if (!row) break;
      stored_keys_.insert(find.column_text(0));
    }
  }
  return {};
}

void SqlHistoryStore::set_lease_worker(std::string worker) {
  const std::lock_guard lock(mutex_);
  lease_worker_ = std::move(worker);
}

Result<ApplyResult> SqlHistoryStore::apply(const std::string& account, const ExtractedBatch& batch) {
  const std::lock_guard lock(mutex_);
  ApplyResult result;
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (!lease_worker_.empty()) {
    // The fence: the lease row stays locked until this commit ends, so a
    // worker taking the account over waits for it.
    KITH_CACHED(lease, ("SELECT 1 FROM account_leases WHERE account = ? AND worker = ? "
                        "AND expires_at > clock_timestamp() FOR UPDATE"));
    lease.bind(1, account).bind(2, std::string_view(lease_worker_));
    KITH_TRY(held, lease.step());
    lease.reset();
    if (!held)
      return Status::transient("lost the lease on account " + account + "; this batch was not committed");
  }
  changed_handles_.clear();
  handle_ids_.clear();
  names_seen_.clear();
  quarters_added_.clear();  // a batch that failed before its commit counted rows rolled back
  quarters_added_events_.clear();
  KITH_TRY(ignored, load_ignores("SELECT DISTINCT entry FROM ignores"));
  ignored_ = std::move(ignored);
  KITH_TRY(once_ignored, load_ignores("SELECT entry FROM past_ignores"));
  once_ignored_ = std::move(once_ignored);
  if (auto s = load_stored_keys(batch); !s) return s;

  if (batch.listing_begins) {
    KITH_CACHED(mark, ("UPDATE event_sources SET listed = 0 WHERE account = ? AND collection = ?"));
    mark.bind(1, account).bind(2, batch.listing_collection);
    if (auto s = mark.run(); !s) return s;
  }

  for (const auto* list : {&batch.mail, &batch.conversations})
  for (const auto& message : *list) {
    KITH_TRY(added, insert_message(account, message, result));
    result.interactions_added += added;
  }

  for (const auto& event : batch.events) {
    KITH_CACHED(previous, ("SELECT uid FROM event_sources WHERE account = ? AND collection = ? AND resource = ?"));
    previous.bind(1, account).bind(2, event.collection).bind(3, event.resource);
    KITH_TRY(had_previous, previous.step());
    const std::string previous_uid = had_previous ? previous.column_text(0) : std::string();

    KITH_CACHED(upsert, (
                         "INSERT INTO event_sources (account, collection, resource, uid, listed) VALUES (?, ?, ?, ?, 1) "
                         "ON CONFLICT (account, collection, resource) DO UPDATE SET uid = excluded.uid, listed = 1"));
    upsert.bind(1, account).bind(2, event.collection).bind(3, event.resource).bind(4, event.uid);
    if (auto s = upsert.run(); !s) return s;
    if (had_previous && previous_uid != event.uid) {
      KITH_TRY(removed, remove_event_if_orphaned(previous_uid));
      result.interactions_removed += removed;
    }

    // A changed event replaces everything its UID produced before.
    // The rows it had were counted when stored (handle_names): the same
    // ones again, as a full re-read delivers them, count nothing twice.
    if (auto s = write_quarters_added_of(event.uid); !s) return s;
    KITH_CACHED(del, ("DELETE FROM interactions WHERE " + std::string(kEventRowsWhere) + " RETURNING dedupe_key, handle_id"));
    del.bind(1, event.uid);
    std::set<std::pair<std::string, std::int64_t>> counted;
    std::size_t removed = 0;
    for (;;) {
      KITH_TRY(row, del.step());
      if (!row) break;
      counted.emplace(del.column_text(0), del.column_int(1));
      ++removed;
    }
    // Each occurrence's meetings share its key: their number is how many
    // other people it had.
    std::map<std::string_view, std::int64_t> participants;
    for (const auto& meeting : event.meetings) ++participants[meeting.dedupe_key];
    std::size_t inserted = 0;
    for (const auto& meeting : event.meetings) {
      KITH_TRY(added, insert_interaction(account, meeting, &event.uid, participants[meeting.dedupe_key], &counted));
      inserted += added;
    }
    if (auto s = store_occurrences(account, event); !s) return s;
    if (inserted >= removed)
      result.interactions_added += inserted - removed;
    else
      result.interactions_removed += removed - inserted;
  }

  std::vector<EventRemoval> removals = batch.removals;
  if (batch.listing_ends) {
    // Whatever the listing did not deliver is gone from the server.
    KITH_CACHED(unlisted, ("SELECT resource FROM event_sources WHERE account = ? AND collection = ? AND listed = 0"));
    unlisted.bind(1, account).bind(2, batch.listing_collection);
    for (;;) {
      KITH_TRY(row, unlisted.step());
      if (!row) break;
      removals.push_back({batch.listing_collection, unlisted.column_text(0)});
    }
  }

  for (const ContactCard& card : batch.cards)
    if (auto s = store_card(account, card); !s) return s;
  for (const ContactRemoval& removal : batch.card_removals)
    if (auto s = remove_card(account, removal); !s) return s;

  for (const auto& removal : removals) {
    KITH_CACHED(find, ("SELECT uid FROM event_sources WHERE account = ? AND collection = ? AND resource = ?"));
    find.bind(1, account).bind(2, removal.collection).bind(3, removal.resource);
    KITH_TRY(found, find.step());
    if (!found) continue;
    const std::string uid = find.column_text(0);
    KITH_CACHED(del, ("DELETE FROM event_sources WHERE account = ? AND collection = ? AND resource = ?"));
    del.bind(1, account).bind(2, removal.collection).bind(3, removal.resource);
    if (auto s = del.run(); !s) return s;
    KITH_TRY(removed, remove_event_if_orphaned(uid));
    result.interactions_removed += removed;
  }

  if (batch.cursor) {
    KITH_CACHED(cursor, (
                         "INSERT INTO cursors (account, collection, value, updated_at) VALUES (?, ?, ?, strftime('%s','now')) "
                         "ON CONFLICT (account, collection) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"));
    cursor.bind(1, account).bind(2, batch.collection).bind(3, *batch.cursor);
    if (auto s = cursor.run(); !s) return s;
  }

  for (const auto& [key, seen] : names_seen_) {
    KITH_CACHED(name, ("INSERT INTO handle_names (handle_id, name, seen, first_seen) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (handle_id, name) DO UPDATE SET seen = handle_names.seen + excluded.seen, "
                       "first_seen = CASE WHEN excluded.first_seen < handle_names.first_seen THEN excluded.first_seen "
                       "ELSE handle_names.first_seen END"));
    name.bind(1, key.first).bind(2, key.second).bind(3, seen.count).bind(4, seen.first_seen);
    if (auto s = name.run(); !s) return s;
  }
  if (auto s = write_quarters_added(); !s) return s;
  if (auto s = mark_changed(changed_handles_); !s) return s;
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return result;
}

Result<std::int64_t> SqlHistoryStore::begin_run(const std::string& account, UnixSeconds started) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("INSERT INTO sync_runs (account, started_at, state) VALUES (?, ?, 'running') RETURNING id"));
  stmt.bind(1, account).bind(2, started);
  return returned_id(stmt);
}

Status SqlHistoryStore::finish_run(std::int64_t run_id, UnixSeconds finished, const RunOutcome& outcome) {
  const std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "UPDATE sync_runs SET finished_at = ?, state = ?, items = ?, interactions_added = ?, item_errors = ?, "
      "error_kind = ?, error_message = ? WHERE id = ?");
  if (!stmt) return stmt.status();
  stmt->bind(1, finished)
      .bind(2, std::string_view(to_string(outcome.state)))
      .bind(3, static_cast<std::int64_t>(outcome.items))
      .bind(4, static_cast<std::int64_t>(outcome.interactions_added))
      .bind(5, static_cast<std::int64_t>(outcome.item_errors));
  if (outcome.error_kind.empty()) stmt->bind_null(6); else stmt->bind(6, outcome.error_kind);
  if (outcome.error_message.empty()) stmt->bind_null(7); else stmt->bind(7, outcome.error_message);
  stmt->bind(8, run_id);
  return stmt->run();
}

Status SqlHistoryStore::record_item_error(std::int64_t run_id, const ItemError& error) {
  const std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "INSERT INTO item_errors (run_id, account, collection, item, message, at) VALUES (?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.status();
  stmt->bind(1, run_id).bind(2, error.account).bind(3, error.collection).bind(4, error.item).bind(5, error.message).bind(6, error.at);
  return stmt->run();
}

Status SqlHistoryStore::set_account_state(const std::string& account, const AccountState& state) {
  const std::lock_guard lock(mutex_);
  auto stmt = db_.prepare(
      "INSERT INTO account_states (account, state, since, until, reason, updated_at) "
      "VALUES (?, ?, ?, ?, ?, strftime('%s','now')) ON CONFLICT (account) DO UPDATE SET state = excluded.state, "
      "since = excluded.since, until = excluded.until, reason = excluded.reason, updated_at = excluded.updated_at");
  if (!stmt) return stmt.status();
  stmt->bind(1, account).bind(2, state.state).bind(3, state.since).bind(4, state.until).bind(5, state.reason);
  return stmt->run();
}

Result<std::vector<ContactSummary>> SqlHistoryStore::summaries(const std::string& where, const std::string& key,
                                                                  UnixSeconds now) {
  // Upcoming meetings (start after now) neither count as contact made nor
  // move first/last contact. Mail is never upcoming: a message is contact
  // made, whatever its date says (a clock ahead by hours, say).
  const std::string sql =
      "SELECT c.id, c.name, "
      "  MIN(CASE WHEN i.kind <> 'meeting' OR i.occurred_at <= ?1 THEN i.occurred_at END), "
      "  MAX(CASE WHEN i.kind <> 'meeting' OR i.occurred_at <= ?1 THEN i.occurred_at END), "
      "  COUNT(CASE WHEN i.kind = 'email_sent' THEN 1 END), COUNT(CASE WHEN i.kind = 'email_received' THEN 1 END), "
      "  COUNT(CASE WHEN i.kind = 'meeting' AND i.occurred_at <= ?1 THEN 1 END), "
      "  COUNT(CASE WHEN i.kind = 'meeting' AND i.occurred_at > ?1 THEN 1 END), "
      "  COUNT(CASE WHEN i.kind = 'message_sent' THEN 1 END), COUNT(CASE WHEN i.kind = 'message_received' THEN 1 END) "
      "FROM contacts c JOIN handles h ON h.contact_id = c.id JOIN interactions i ON i.handle_id = h.id " +
      where + " GROUP BY c.id";
  KITH_TRY(stmt, db_.prepare(sql));
  stmt.bind(1, now);
  if (!where.empty()) stmt.bind(2, key);
  std::vector<ContactSummary> out;
  std::map<std::int64_t, std::size_t> index;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    ContactSummary c;
    c.id = stmt.column_int(0);
    c.name = stmt.column_text(1);
    c.first_interaction = stmt.column_optional_int(2);
    c.last_interaction = stmt.column_optional_int(3);
    c.email_sent = static_cast<std::size_t>(stmt.column_int(4));
    c.email_received = static_cast<std::size_t>(stmt.column_int(5));
    c.meetings = static_cast<std::size_t>(stmt.column_int(6));
    c.upcoming_meetings = static_cast<std::size_t>(stmt.column_int(7));
    c.messages_sent = static_cast<std::size_t>(stmt.column_int(8));
    c.messages_received = static_cast<std::size_t>(stmt.column_int(9));
    index[c.id] = out.size();
    out.push_back(std::move(c));
  }
  KITH_TRY(handles, db_.prepare("SELECT contact_id, kind, value FROM handles ORDER BY kind, value"));
  for (;;) {
    KITH_TRY(row, handles.step());
    if (!row) break;
    auto it = index.find(handles.column_int(0));
    if (it == index.end()) continue;
    ContactSummary& c = out[it->second];
    const std::string kind = handles.column_text(1);
    if (kind == "email") c.addresses.push_back(handles.column_text(2));
    c.handles.push_back({kind, handles.column_text(2)});
  }
  KITH_TRY(names, derived_names());
  for (auto& c : out)
    if (auto it = names.find(c.id); it != names.end()) c.name = it->second;
  if (auto s = load_cards(out, index); !s) return s;
  return out;
}

std::string contact_name_key(const std::string& name, const std::vector<std::pair<std::string, std::string>>& handles) {
  return ascii_lower(name.empty() && !handles.empty() ? handles.front().second : name);
}

void sort_contacts(std::vector<ContactSummary>& contacts, ContactSort sort) {
  auto total = [](const ContactSummary& c) {
    return c.email_sent + c.email_received + c.meetings + c.messages_sent + c.messages_received;
  };
  if (sort == ContactSort::Name) {
    // The lower-cased names once each, not once per comparison.
    std::vector<std::pair<std::string, std::size_t>> keys;
    keys.reserve(contacts.size());
    for (std::size_t i = 0; i < contacts.size(); ++i) {
      const ContactSummary& c = contacts[i];
      keys.emplace_back(contact_name_key(c.name, c.handles), i);
    }
    std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return contacts[a.second].id < contacts[b.second].id;
    });
    std::vector<ContactSummary> sorted;
    sorted.reserve(contacts.size());
    for (const auto& [key, i] : keys) sorted.push_back(std::move(contacts[i]));
    contacts = std::move(sorted);
    return;
  }
  std::stable_sort(contacts.begin(), contacts.end(), [&](const ContactSummary& a, const ContactSummary& b) {
    if (sort == ContactSort::LastInteraction && a.last_interaction != b.last_interaction)
      return a.last_interaction.value_or(INT64_MIN) > b.last_interaction.value_or(INT64_MIN);
    if (sort == ContactSort::Count && total(a) != total(b)) return total(a) > total(b);
    return a.id < b.id;
  });
}

Result<std::vector<ContactSummary>> SqlHistoryStore::contacts(ContactSort sort, std::optional<std::size_t> limit,
                                                                 UnixSeconds now) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(all, summaries("", "", now));
  sort_contacts(all, sort);
  if (limit && all.size() > *limit) all.resize(*limit);
  return all;
}

Result<std::size_t> SqlHistoryStore::contact_count() {
  const std::lock_guard lock(mutex_);
  // summaries()' rows: contacts joined to at least one interaction.
  KITH_TRY(stmt, db_.prepare("SELECT COUNT(*) FROM contacts c WHERE EXISTS (SELECT 1 FROM handles h JOIN interactions i "
                             "ON i.handle_id = h.id WHERE h.contact_id = c.id)"));
  KITH_TRY(row, stmt.step());
  if (!row) return std::size_t{0};
  return static_cast<std::size_t>(stmt.column_int(0));
}

Result<std::optional<ContactSummary>> SqlHistoryStore::find_contact(const std::string& address_or_id, UnixSeconds now) {
  const std::lock_guard lock(mutex_);
  const bool numeric = !address_or_id.empty() &&
                       std::all_of(address_or_id.begin(), address_or_id.end(), [](char c) { return c >= '0' && c <= '9'; });
  KITH_TRY(found, numeric ? summaries("WHERE c.id = CAST(?2 AS BIGINT)", address_or_id, now)
                          : summaries("WHERE c.id = (SELECT contact_id FROM handles WHERE value = ?2 LIMIT 1)",
                                      handle_from_user_text(address_or_id).value, now));
  if (found.empty()) return std::optional<ContactSummary>();
  return std::optional<ContactSummary>(std::move(found.front()));
}

Result<std::vector<HistoryEntry>> SqlHistoryStore::history(std::int64_t contact_id, UnixSeconds now) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare(
                     "SELECT i.kind, i.occurred_at, h.value, i.account, i.title, h.kind, i.channel, i.id "
                     "FROM interactions i JOIN handles h ON h.id = i.handle_id WHERE h.contact_id = ? "
                     "ORDER BY i.occurred_at DESC, i.id DESC"));
  stmt.bind(1, contact_id);
  std::vector<HistoryEntry> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    HistoryEntry e;
    e.kind = interaction_kind_from_string(stmt.column_text(0)).value_or(InteractionKind::EmailReceived);
    e.when = stmt.column_int(1);
    e.handle = stmt.column_text(2);
    e.account = stmt.column_text(3);
    e.title = stmt.column_text(4);
    e.handle_kind = stmt.column_text(5);
    e.channel = stmt.column_text(6);
    e.interaction_id = stmt.column_int(7);
    e.upcoming = e.kind == InteractionKind::Meeting && e.when > now;  // mail is never upcoming
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<SyncRun>> SqlHistoryStore::run_where(const std::string& where, const std::string& account) {
  KITH_TRY(stmt, db_.prepare(
                     "SELECT id, account, started_at, finished_at, state, items, interactions_added, item_errors, "
                     "error_kind, error_message FROM sync_runs WHERE account = ? " + where + " ORDER BY id DESC LIMIT 1"));
  stmt.bind(1, account);
  KITH_TRY(row, stmt.step());
  if (!row) return std::optional<SyncRun>();
  SyncRun run;
  run.id = stmt.column_int(0);
  run.account = stmt.column_text(1);
  run.started = stmt.column_int(2);
  run.finished = stmt.column_optional_int(3);
  run.outcome.state = run_state_from(stmt.column_text(4));
  run.outcome.items = static_cast<std::size_t>(stmt.column_int(5));
  run.outcome.interactions_added = static_cast<std::size_t>(stmt.column_int(6));
  run.outcome.item_errors = static_cast<std::size_t>(stmt.column_int(7));
  run.outcome.error_kind = stmt.column_text(8);
  run.outcome.error_message = stmt.column_text(9);
  return std::optional<SyncRun>(std::move(run));
}

Result<std::vector<AccountStatus>> SqlHistoryStore::account_status(const std::vector<std::string>& accounts) {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> names = accounts;
  KITH_TRY(stmt, db_.prepare("SELECT account FROM sync_runs UNION SELECT account FROM account_states ORDER BY 1"));
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    auto name = stmt.column_text(0);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  std::vector<AccountStatus> out;
  for (const auto& name : names) {
    AccountStatus status;
    status.account = name;
    KITH_TRY(state, db_.prepare("SELECT state, since, until, reason FROM account_states WHERE account = ?"));
    state.bind(1, name);
    KITH_TRY(has_state, state.step());
    if (has_state)
      status.daemon_state = AccountState{state.column_text(0), state.column_int(1), state.column_optional_int(2),
                                         state.column_text(3)};
    KITH_TRY(last, run_where("", name));
    status.last_run = last;
    KITH_TRY(success, run_where("AND state = 'ok'", name));
    if (success) status.last_success = success->finished;
    KITH_TRY(failure, run_where("AND state = 'failed'", name));
    status.last_failure = failure;
    {
      // Quarantined items: every item that ever failed, once, newest first.
      // A provider moves its cursor past a bad item, so this is the only
      // place the user still sees it.
      KITH_TRY(errors, db_.prepare(
                           "SELECT e.account, e.collection, e.item, e.message, e.at FROM item_errors e "
                           "WHERE e.account = ?1 AND e.id = (SELECT MAX(x.id) FROM item_errors x WHERE x.account = ?1 "
                           "AND x.collection = e.collection AND x.item = e.item) ORDER BY e.id DESC LIMIT 100"));
      errors.bind(1, name);
      for (;;) {
        KITH_TRY(row, errors.step());
        if (!row) break;
        status.recent_item_errors.push_back(
            {errors.column_text(0), errors.column_text(1), errors.column_text(2), errors.column_text(3), errors.column_int(4)});
      }
    }
    out.push_back(std::move(status));
  }
  return out;
}

}  // namespace kith::engine

// People as the user decides them: merges, splits, names, tags, cadences,
// snoozes and ignores, kept by handle (Schema.cpp, 6 -> 7), and what the
// relationship queries read: people and their timelines.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>

#include "extract/HandleValue.h"
#include "store/CachedStatement.h"
#include "store/SummaryBlob.h"
#include "store/SqlHistoryStore.h"
#include "util/HugePages.h"
#include "util/Try.h"

namespace kith::engine {

Result<std::int64_t> SqlHistoryStore::contact_for_new_handle(std::string_view kind, const std::string& value,
                                                                const std::string& name) {
  KITH_CACHED(decided, ("SELECT p.group_id, c.id FROM person_handles p LEFT JOIN contacts c ON c.group_id = p.group_id "
                        "WHERE p.kind = ? AND p.value = ?"));
  decided.bind(1, kind).bind(2, value);
  KITH_TRY(has_group, decided.step());
  if (has_group && !decided.column_is_null(1)) return decided.column_int(1);
  KITH_CACHED(contact, ("INSERT INTO contacts (name, created_at, group_id) VALUES (?, strftime('%s','now'), ?) "
                        "RETURNING id"));
  contact.bind(1, name);
  if (has_group)
    contact.bind(2, decided.column_int(0));
  else
    contact.bind_null(2);
  return returned_id(contact);
}

Status SqlHistoryStore::require_person(std::int64_t person) {
  KITH_CACHED(find, ("SELECT 1 FROM contacts WHERE id = ?"));
  find.bind(1, person);
  KITH_TRY(found, find.step());
  if (!found) return Status::account("no person with id " + std::to_string(person));
  return {};
}

Result<std::int64_t> SqlHistoryStore::group_of(std::int64_t person) {
  // The first decision about a person records all its handles: from then
  // on they are one person whatever the store is rebuilt from.
  if (auto s = require_person(person); !s) return s;
  KITH_CACHED(find, ("SELECT group_id FROM contacts WHERE id = ?"));
  find.bind(1, person);
  KITH_TRY(found, find.step());
  std::int64_t group = 0;
  if (found && !find.column_is_null(0)) {
    group = find.column_int(0);
  } else {
    KITH_CACHED(create, ("INSERT INTO person_groups DEFAULT VALUES RETURNING id"));
    KITH_TRY(made, returned_id(create));
    group = made;
    KITH_CACHED(link, ("UPDATE contacts SET group_id = ? WHERE id = ?"));
    link.bind(1, group).bind(2, person);
    if (auto s = link.run(); !s) return s;
  }
  KITH_CACHED(record, ("INSERT INTO person_handles (kind, value, group_id) "
                       "SELECT kind, value, ? FROM handles WHERE contact_id = ? "
                       "ON CONFLICT (kind, value) DO UPDATE SET group_id = excluded.group_id"));
  record.bind(1, group).bind(2, person);
  if (auto s = record.run(); !s) return s;
  return group;
}

Status SqlHistoryStore::merge_people(std::int64_t into, const std::vector<std::int64_t>& others) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(group, group_of(into));
  for (const std::int64_t other : others)
    if (other != into)
      if (auto s = merge_into(into, group, other); !s) return s;
  db_.reset_cached();
  return tx.commit();
}

Status SqlHistoryStore::move_contact(std::int64_t into, std::int64_t other) {
  // The handles carry the interactions with them; the cards their positions.
  for (const char* sql : {"UPDATE handles SET contact_id = ?1 WHERE contact_id = ?2",
                          "UPDATE contact_cards SET contact_id = ?1 WHERE contact_id = ?2",
                          "UPDATE card_positions SET contact_id = ?1 WHERE contact_id = ?2",
                          "INSERT OR IGNORE INTO met_decisions (event_key, contact_id, decision) "
                          "SELECT event_key, ?1, decision FROM met_decisions WHERE contact_id = ?2",
                          "DELETE FROM met_decisions WHERE contact_id = ?2",
                          "UPDATE reminder_tasks SET contact_id = ?1 WHERE contact_id = ?2",
                          "DELETE FROM contacts WHERE id = ?2"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    stmt.bind(1, into).bind(2, other);
    if (auto s = stmt.run(); !s) return s;
  }
  return {};
}

Status SqlHistoryStore::merge_into(std::int64_t into, std::int64_t group, std::int64_t other) {
  KITH_TRY(other_group, group_of(other));
  // The first person's own decisions win; the other's fill what it lacks.
  KITH_TRY(fill, db_.prepare(
                     "UPDATE person_groups SET "
                     "name = COALESCE(name, (SELECT name FROM person_groups WHERE id = ?2)), "
                     "cadence_days = COALESCE(cadence_days, (SELECT cadence_days FROM person_groups WHERE id = ?2)), "
                     "snoozed_until = COALESCE(snoozed_until, (SELECT snoozed_until FROM person_groups WHERE id = ?2)) "
                     "WHERE id = ?1"));
  fill.bind(1, group).bind(2, other_group);
  if (auto s = fill.run(); !s) return s;
  for (const char* sql : {"INSERT OR IGNORE INTO person_tags (group_id, tag) SELECT ?1, tag FROM person_tags WHERE group_id = ?2",
                          "DELETE FROM person_tags WHERE group_id = ?2",
                          "UPDATE person_handles SET group_id = ?1 WHERE group_id = ?2"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    stmt.bind(1, group).bind(2, other_group);
    if (auto s = stmt.run(); !s) return s;
  }
  if (auto s = move_member_decisions(group, other_group); !s) return s;
  if (auto s = move_contact(into, other); !s) return s;
  KITH_TRY(drop, db_.prepare("DELETE FROM person_groups WHERE id = ?"));
  drop.bind(1, other_group);
  return drop.run();
}

Result<std::int64_t> SqlHistoryStore::split_person(std::int64_t person, HandleKind kind, const std::string& value) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(count, db_.prepare("SELECT COUNT(CASE WHEN kind = ?2 AND value = ?3 THEN 1 END), COUNT(*) FROM handles "
                              "WHERE contact_id = ?1"));
  count.bind(1, person).bind(2, std::string_view(to_string(kind))).bind(3, value);
  KITH_TRY(row, count.step());
  if (!row || count.column_int(0) == 0)
    return Status::account("person " + std::to_string(person) + " has no handle '" + value + "'");
  if (count.column_int(1) < 2)
    return Status::account("'" + value + "' is person " + std::to_string(person) + "'s only handle: nothing to split");
  KITH_TRY(group, group_of(person));
  (void)group;
  KITH_TRY(create, db_.prepare("INSERT INTO person_groups DEFAULT VALUES RETURNING id"));
  KITH_TRY(new_group, returned_id(create));
  KITH_TRY(contact, db_.prepare("INSERT INTO contacts (name, created_at, group_id) VALUES ('', strftime('%s','now'), ?) "
                                "RETURNING id"));
  contact.bind(1, new_group);
  KITH_TRY(new_person, returned_id(contact));
  for (const char* sql : {"UPDATE handles SET contact_id = ?1 WHERE kind = ?3 AND value = ?4",
                          "UPDATE person_handles SET group_id = ?2 WHERE kind = ?3 AND value = ?4"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    stmt.bind(1, new_person).bind(2, new_group).bind(3, std::string_view(to_string(kind))).bind(4, value);
    if (auto s = stmt.run(); !s) return s;
  }
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return new_person;
}

namespace {

// One UPDATE of the person's group, in its own transaction.
template <typename Bind>
Status update_group(SqlDatabase& db, Result<std::int64_t> group, const char* sql, Bind bind) {
  if (!group) return group.status();
  KITH_TRY(stmt, db.prepare(sql));
  stmt.bind(1, *group);
  bind(stmt);
  return stmt.run();
}

}  // namespace

Status SqlHistoryStore::rename_person(std::int64_t person, const std::string& name) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (auto s = update_group(db_, group_of(person), "UPDATE person_groups SET name = ?2 WHERE id = ?1",
                            [&](SqlStatement& stmt) {
                              if (name.empty()) stmt.bind_null(2); else stmt.bind(2, name);
                            });
      !s)
    return s;
  db_.reset_cached();
  return tx.commit();
}

Status SqlHistoryStore::tag_person(std::int64_t person, const std::vector<std::string>& tags, bool add) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(group, group_of(person));
  for (const auto& tag : tags) {
    KITH_TRY(stmt, db_.prepare(add ? "INSERT OR IGNORE INTO person_tags (group_id, tag) VALUES (?, ?)"
                                   : "DELETE FROM person_tags WHERE group_id = ? AND tag = ?"));
    stmt.bind(1, group).bind(2, tag);
    if (auto s = stmt.run(); !s) return s;
  }
  db_.reset_cached();
  return tx.commit();
}

Status SqlHistoryStore::set_person_cadence(std::int64_t person, std::optional<int> days) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (auto s = update_group(db_, group_of(person), "UPDATE person_groups SET cadence_days = ?2 WHERE id = ?1",
                            [&](SqlStatement& stmt) {
                              if (days) stmt.bind(2, std::int64_t{*days}); else stmt.bind_null(2);
                            });
      !s)
    return s;
  db_.reset_cached();
  return tx.commit();
}

Status SqlHistoryStore::set_tag_cadence(const std::string& tag, std::optional<int> days) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare(days ? "INSERT INTO tag_cadences (tag, cadence_days) VALUES (?1, ?2) "
                                    "ON CONFLICT (tag) DO UPDATE SET cadence_days = excluded.cadence_days"
                                  : "DELETE FROM tag_cadences WHERE tag = ?1"));
  stmt.bind(1, tag);
  if (days) stmt.bind(2, std::int64_t{*days});
  return stmt.run();
}

Status SqlHistoryStore::snooze_person(std::int64_t person, UnixSeconds until) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (auto s = update_group(db_, group_of(person), "UPDATE person_groups SET snoozed_until = ?2 WHERE id = ?1",
                            [&](SqlStatement& stmt) { stmt.bind(2, until); });
      !s)
    return s;
  db_.reset_cached();
  return tx.commit();
}

Result<IgnoreSet> SqlHistoryStore::load_ignores(const std::string& sql) {
  KITH_CACHED(stmt, (sql));
  IgnoreSet set;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    set.add(stmt.column_text(0));
  }
  return set;
}

Result<std::size_t> SqlHistoryStore::remove_ignored_interactions(const std::string& entry) {
  const bool domain = !entry.empty() && entry.front() == '@';
  KITH_TRY(stmt, db_.prepare(domain ? "DELETE FROM interactions WHERE handle_id IN (SELECT id FROM handles "
                                      "WHERE kind = 'email' AND ((length(value) >= length(?1) AND "
                                      "substr(value, length(value) - length(?1) + 1) = ?1) OR (length(value) >= length(?2) "
                                      "AND substr(value, length(value) - length(?2) + 1) = ?2)))"
                                    : "DELETE FROM interactions WHERE handle_id IN (SELECT id FROM handles WHERE value = ?1)"));
  stmt.bind(1, entry);
  if (domain) {
    std::string subdomains = ".";  // appended, not "." + ...: GCC 12's -Wrestrict false positive at -O3
    subdomains.append(entry, 1);
    stmt.bind(2, subdomains);
  }
  if (auto s = stmt.run(); !s) return s;
  return static_cast<std::size_t>(db_.changes());
}

Result<std::size_t> SqlHistoryStore::ignore(const std::vector<std::string>& entries) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  std::size_t removed = 0;
  for (const auto& entry : entries) {
    KITH_TRY(n, add_ignore(entry));
    removed += n;
  }
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return removed;
}

Result<std::size_t> SqlHistoryStore::add_ignore(const std::string& entry) {
  KITH_TRY(add, db_.prepare("INSERT OR IGNORE INTO ignores (entry, source) VALUES (?, 'cli')"));
  add.bind(1, entry);
  if (auto s = add.run(); !s) return s;
  KITH_TRY(current, db_.prepare("DELETE FROM past_ignores WHERE entry = ?"));
  current.bind(1, entry);
  if (auto s = current.run(); !s) return s;
  return remove_ignored_interactions(entry);
}

Result<bool> SqlHistoryStore::unignore(const std::string& entry) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(stmt, db_.prepare("DELETE FROM ignores WHERE entry = ? AND source = 'cli'"));
  stmt.bind(1, entry);
  if (auto s = stmt.run(); !s) return s;
  if (db_.changes() == 0) return false;
  if (auto s = remember_past_ignore(entry); !s) return s;
  if (auto s = tx.commit(); !s) return s;
  return true;
}

Status SqlHistoryStore::remember_past_ignore(const std::string& entry) {
  KITH_TRY(past, db_.prepare("INSERT OR IGNORE INTO past_ignores (entry) "
                             "SELECT ?1 WHERE NOT EXISTS (SELECT 1 FROM ignores WHERE entry = ?1)"));
  past.bind(1, entry);
  return past.run();
}

Result<std::vector<IgnoreEntry>> SqlHistoryStore::ignores() {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT entry, source FROM ignores ORDER BY entry, source"));
  std::vector<IgnoreEntry> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.column_text(0), stmt.column_text(1)});
  }
  return out;
}

Result<std::size_t> SqlHistoryStore::set_config_ignores(const std::vector<std::string>& entries) {
  const std::lock_guard lock(mutex_);
  const std::set<std::string> wanted(entries.begin(), entries.end());
  std::set<std::string> had;
  {
    KITH_TRY(stmt, db_.prepare("SELECT entry FROM ignores WHERE source = 'config'"));
    for (;;) {
      KITH_TRY(row, stmt.step());
      if (!row) break;
      had.insert(stmt.column_text(0));
    }
  }
  if (had == wanted) return std::size_t{0};  // the usual case: no write at all
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(clear, db_.prepare("DELETE FROM ignores WHERE source = 'config'"));
  if (auto s = clear.run(); !s) return s;
  for (const auto& entry : had)
    if (!wanted.count(entry))
      if (auto s = remember_past_ignore(entry); !s) return s;
  std::size_t removed = 0;
  for (const auto& entry : wanted) {
    KITH_TRY(add, db_.prepare("INSERT INTO ignores (entry, source) VALUES (?, 'config')"));
    add.bind(1, entry);
    if (auto s = add.run(); !s) return s;
    KITH_TRY(current, db_.prepare("DELETE FROM past_ignores WHERE entry = ?"));
    current.bind(1, entry);
    if (auto s = current.run(); !s) return s;
    if (had.count(entry)) continue;
    KITH_TRY(n, remove_ignored_interactions(entry));
    removed += n;
  }
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return removed;
}

Status SqlHistoryStore::forget_cursors(const std::string& account) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("DELETE FROM cursors WHERE account = ?"));
  stmt.bind(1, account);
  return stmt.run();
}

Result<std::unordered_map<std::int64_t, std::string>> SqlHistoryStore::derived_names(std::optional<std::int64_t> person) {
  std::unordered_map<std::int64_t, std::string> names;
  KITH_TRY(kept, db_.prepare(std::string("SELECT c.id, COALESCE(g.name, c.name) FROM contacts c "
                                         "LEFT JOIN person_groups g ON g.id = c.group_id") +
                             (person ? " WHERE c.id = ?" : "")));
  if (person) kept.bind(1, *person);
  for (;;) {
    KITH_TRY(row, kept.step());
    if (!row) break;
    names.emplace(kept.column_int(0), kept.column_text(1));
  }
  if (auto s = names_of_changed_people(names, person); !s) return s;
  return names;
}

Status SqlHistoryStore::names_of_changed_people(std::unordered_map<std::int64_t, std::string>& names,
                                                   std::optional<std::int64_t> person) {
  // contacts.name holds the name seen most often as of the person's last
  // summary (SummaryRows.cpp); people changed since get theirs now. CROSS
  // JOIN keeps the few changed the outer loop, not a scan of every handle.
  KITH_TRY(seen, db_.prepare("SELECT h.contact_id, n.name, SUM(n.seen), MIN(n.first_seen) FROM changed_people p "
                             "CROSS JOIN handles h ON h.contact_id = p.contact_id JOIN handle_names n ON n.handle_id = h.id "
                             "LEFT JOIN contacts c ON c.id = p.contact_id LEFT JOIN person_groups g ON g.id = c.group_id "
                             "WHERE g.name IS NULL" + std::string(person ? " AND p.contact_id = ?" : "") +
                             " GROUP BY h.contact_id, n.name"));
  if (person) seen.bind(1, *person);
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> best;  // (count, first seen)
  for (;;) {
    KITH_TRY(row, seen.step());
    if (!row) break;
    const auto id = seen.column_int(0);
    const std::pair<std::int64_t, std::int64_t> score{seen.column_int(2), seen.column_int(3)};
    auto it = best.find(id);
    // Rows come ordered by name within a person: ties keep the smaller.
    if (it == best.end() || score.first > it->second.first ||
        (score.first == it->second.first && score.second < it->second.second)) {
      best[id] = score;
      names[id] = seen.column_text(1);
    }
  }
  // A card's name outranks the headers' (as SummaryRows.cpp keeps it):
  // rows come oldest card first, so the newest is written last.
  KITH_TRY(carded, db_.prepare("SELECT k.contact_id, k.formatted_name FROM changed_people p CROSS JOIN contact_cards k "
                               "ON k.contact_id = p.contact_id LEFT JOIN contacts c ON c.id = p.contact_id "
                               "LEFT JOIN person_groups g ON g.id = c.group_id WHERE g.name IS NULL AND "
                               "k.formatted_name <> ''" + std::string(person ? " AND p.contact_id = ?" : "") +
                               " ORDER BY COALESCE(k.revision, 0), k.updated_at, k.rowid"));
  if (person) carded.bind(1, *person);
  for (;;) {
    KITH_TRY(row, carded.step());
    if (!row) break;
    names[carded.column_int(0)] = carded.column_text(1);
  }
  return {};
}

Result<std::optional<std::int64_t>> SqlHistoryStore::person_with_handle(HandleKind kind, const std::string& value) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT contact_id FROM handles WHERE kind = ? AND value = ?"));
  stmt.bind(1, std::string_view(to_string(kind))).bind(2, value);
  KITH_TRY(row, stmt.step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.column_int(0));
}

Result<std::vector<Person>> SqlHistoryStore::people(std::optional<std::int64_t> person, bool all_handles) {
  const std::lock_guard lock(mutex_);
  PeopleQuery query;
  query.person = person;
  query.all_handles = all_handles;
  return read_people<Person>(query);
}

Result<std::vector<PersonWithSummary>> SqlHistoryStore::people_with_summaries(const PeopleQuery& query) {
  const std::lock_guard lock(mutex_);
  return read_people<PersonWithSummary>(query);
}

namespace {

Person& person_in(Person& row) { return row; }
Person& person_in(PersonWithSummary& row) { return row.person; }
const Person& person_in(const Person& row) { return row; }
const Person& person_in(const PersonWithSummary& row) { return row.person; }

}  // namespace

// Rows of Person alone where no summary is asked for: a list of everyone
// is then a third of the memory to fault in and zero (PersonSummary is
// most of a PersonWithSummary).
template <class Row>
Result<std::vector<Row>> SqlHistoryStore::read_people(const PeopleQuery& query) {
  constexpr bool with_summaries = std::is_same_v<Row, PersonWithSummary>;
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  KITH_TRY(ignored, load_ignores("SELECT DISTINCT entry FROM ignores"));
  // ?1 as-of, ?2 received since, ?3 days, ?4 the person, ?5 drift ratio.
  // Columns: the id, the group, the name, the summary, its days, the
  // listing. What the user decided (person_groups, person_tags) is read
  // apart, by group: few people have one.
  const std::string contact_columns = "SELECT c.id, c.group_id, c.name";
  // CROSS JOIN keeps the left table the outer loop: a scan of the
  // summaries, or of the few changed, not of every contact.
  auto joined = [](const std::string& table) {
    return " CROSS JOIN contacts c ON c.id = " + table + ".contact_id LEFT JOIN person_groups g ON g.id = c.group_id";
  };
  // Whether the kept usual gap (PersonSummary) holds at as-of.
  const std::string gap_holds = "(s.gap_from IS NULL OR s.gap_from <= ?1) AND (s.gap_until IS NULL OR ?1 < s.gap_until)";
  std::vector<std::string> narrow;
  bool from_summaries = false;
  if (with_summaries && !query.person) {
    if (query.received_since) narrow.push_back("s.last_received_at >= ?2");
    if (query.min_days) narrow.push_back("s.day_count >= ?3");
    // Where the kept gap holds, it tells who drifts (a hair of slack
    // against rounding: the caller decides exactly); elsewhere, who has
    // the days to.
    if (query.min_drift_ratio)
      narrow.push_back("CASE WHEN " + gap_holds +
                       " THEN s.usual_gap IS NOT NULL AND (?1 - s.last_at) / 86400 >= ?5 * s.usual_gap * 0.999999 "
                       "ELSE s.day_count >= ?3 END");
    if (query.with_cadence)
      narrow.push_back("(g.cadence_days IS NOT NULL OR EXISTS (SELECT 1 FROM person_tags t JOIN tag_cadences tc "
                       "ON tc.tag = t.tag WHERE t.group_id = c.group_id))");
    // Summaries made with other settings (or layouts) say nothing.
    KITH_TRY(current, summaries_made_with(query.half_life_days));
    from_summaries = current;
    if (!current) narrow.clear();
  }
  const std::string days_of_s = "(SELECT days FROM person_days d WHERE d.contact_id = s.contact_id)";
  std::string sql;
  if (from_summaries) {
    // Driven by the summaries, each with the person's listing: one scan.
    // Those that answer at as-of and say no are left out. Everyone without
    // a summary is among the changed (refresh_summaries; a contact merged
    // away too), who come from their contact, without one. The days only
    // where the kept gap does not hold.
    std::string all;
    for (const auto& n : narrow) all += (all.empty() ? "" : " AND ") + n;
    const std::string days = query.days ? "CASE WHEN " + gap_holds + " THEN NULL ELSE " + days_of_s + " END" : "NULL";
    // Only a condition on the decisions needs the contact joined.
    const bool needs_contact = query.with_cadence && !all.empty();
    sql = "SELECT s.contact_id, NULL, NULL, s.summary, " + days + ", s.listing FROM person_summaries s" +
          (needs_contact ? joined("s") : "") + " WHERE s.contact_id NOT IN (SELECT contact_id FROM changed_people)" +
          (all.empty() ? "" : " AND (s.last_at > ?1 OR s.expires_at <= ?1 OR (" + all + "))") + " UNION ALL " +
          contact_columns + ", NULL, NULL, NULL FROM changed_people cp" + joined("cp");
  } else {
    sql = contact_columns;
    if (with_summaries) sql += ", CASE WHEN cp.contact_id IS NULL THEN s.summary END, " + (query.days ? days_of_s : "NULL");
    else sql += ", NULL, NULL";
    sql += ", NULL FROM contacts c";
    if (with_summaries)
      sql += " LEFT JOIN person_summaries s ON s.contact_id = c.id LEFT JOIN changed_people cp ON cp.contact_id = c.id";
    if (query.person) sql += " WHERE c.id = ?4";
    sql += " ORDER BY c.id";
  }
  KITH_TRY(stmt, db_.prepare(sql));
  if (sql.find("?1") != std::string::npos) stmt.bind(1, query.as_of);
  if (query.received_since && sql.find("?2") != std::string::npos) stmt.bind(2, *query.received_since);
  if (query.min_days && sql.find("?3") != std::string::npos) stmt.bind(3, static_cast<std::int64_t>(*query.min_days));
  if (query.person) stmt.bind(4, *query.person);
  if (query.min_drift_ratio && sql.find("?5") != std::string::npos) stmt.bind_double(5, *query.min_drift_ratio);
  std::vector<Row> out;
  if (!query.person) {
    // Room for everyone at once, not a copy at every doubling: the room a
    // narrowed list leaves unused is never touched, so costs nothing. A
    // list of everyone fills it all: in huge pages, if the system has them.
    KITH_TRY(count, db_.prepare("SELECT COUNT(*) FROM contacts"));
    KITH_TRY(counted, count.step());
    if (counted) out.reserve(static_cast<std::size_t>(count.column_int(0)));
    if (narrow.empty()) advise_huge_pages(out.data(), out.capacity() * sizeof(Row));
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> in_group;  // (person, group)
  std::vector<std::int64_t> unlisted;  // people whose handles are still to read
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    Row& read = out.emplace_back();
    Person& p = person_in(read);
    p.id = stmt.column_int(0);
    std::int64_t group = 0;
    // A NULL BLOB reads empty; a kept listing, summary or days never is.
    if (const auto listing = stmt.column_blob(5); listing.empty() || !decode_listing(listing, p, group)) {
      // From the contact: the changed come with its columns; a listing of
      // another layout without them.
      if (stmt.column_is_null(2)) {
        KITH_TRY(listed, listing_of(p.id));
        if (listed) {
          group = listed->group_id;
          p.name = std::move(listed->name);
          p.handles = std::move(listed->handles);
        }
      } else {
        group = stmt.column_int(1);  // NULL reads 0
        p.name = stmt.column_text(2);
        p.handles.clear();
        unlisted.push_back(p.id);
      }
    }
    if (group != 0) in_group.emplace_back(p.id, group);
    if constexpr (with_summaries) {
      auto& summary = read.kept;
      if (const auto blob = stmt.column_blob(3); !blob.empty()) summary = decode_summary(blob);
      if (const auto days = stmt.column_blob(4); summary && !days.empty() && !decode_days(days, *summary)) summary.reset();
    }
  }
  std::sort(unlisted.begin(), unlisted.end());
  // By id, to find people by binary search. (The summaries come by id,
  // the changed after them.)
  auto by_id = [](const Row& a, const Row& b) { return person_in(a).id < person_in(b).id; };
  if (!std::is_sorted(out.begin(), out.end(), by_id)) std::sort(out.begin(), out.end(), by_id);
  // Rows come mostly in id order (a contact's handles and tags are written
  // with it): try the last one found and the one after before searching.
  std::size_t next = 0;
  auto find = [&](std::int64_t id) -> Person* {
    if (next > 0 && person_in(out[next - 1]).id == id) return &person_in(out[next - 1]);
    if (next < out.size() && person_in(out[next]).id == id) return &person_in(out[next++]);
    auto it = std::lower_bound(out.begin(), out.end(), id, [](const Row& p, std::int64_t v) { return person_in(p).id < v; });
    if (it == out.end() || person_in(*it).id != id) return nullptr;
    next = static_cast<std::size_t>(it - out.begin()) + 1;
    return &person_in(*it);
  };
  {
    std::unordered_map<std::int64_t, std::string> changed;
    if (auto s = names_of_changed_people(changed, query.person); !s) return s;
    for (auto& [id, name] : changed)
      if (Person* p = find(id)) p->name = std::move(name);
  }
  const bool every_handle = query.all_handles || query.person || !ignored.empty();
  if (!unlisted.empty()) {
    // Of those without a listing: a few people's handles by index; many:
    // one pass over all. Light: only the handles of people without a name,
    // to name them by.
    const bool by_person = every_handle && unlisted.size() < 2000;
    KITH_TRY(handles, db_.prepare(by_person      ? "SELECT contact_id, kind, value FROM handles WHERE contact_id = ?"
                                  : every_handle ? "SELECT contact_id, kind, value FROM handles"
                                                 : "SELECT contact_id, kind, value FROM handles WHERE contact_id IN "
                                                   "(SELECT id FROM contacts WHERE name = '')"));
    auto read = [&]() -> Status {
      for (;;) {
        KITH_TRY(row, handles.step());
        if (!row) return {};
        const std::int64_t id = handles.column_int(0);
        if (!std::binary_search(unlisted.begin(), unlisted.end(), id)) continue;
        if (Person* p = find(id)) p->handles.emplace_back(handles.column_text(1), handles.column_text(2));
      }
    };
    if (by_person) {
      for (const std::int64_t id : unlisted) {
        handles.reset();
        handles.bind(1, id);
        if (auto s = read(); !s) return s;
      }
    } else if (auto s = read(); !s) {
      return s;
    }
  }
  if (!in_group.empty()) {
    struct Group {
      std::optional<std::string> name;
      std::optional<int> cadence_days;
      std::optional<UnixSeconds> snoozed_until;
      std::vector<std::string> tags;
    };
    std::unordered_map<std::int64_t, Group> groups;
    const std::string which = query.person ? " WHERE id = (SELECT group_id FROM contacts WHERE id = ?)" : "";
    KITH_TRY(decided, db_.prepare("SELECT id, name, cadence_days, snoozed_until FROM person_groups" + which));
    if (query.person) decided.bind(1, *query.person);
    for (;;) {
      KITH_TRY(row, decided.step());
      if (!row) break;
      Group& g = groups[decided.column_int(0)];
      if (!decided.column_is_null(1)) g.name = decided.column_text(1);
      if (auto days = decided.column_optional_int(2)) g.cadence_days = static_cast<int>(*days);
      g.snoozed_until = decided.column_optional_int(3);
    }
    const std::string tagged = query.person ? " WHERE group_id = (SELECT group_id FROM contacts WHERE id = ?)" : "";
    KITH_TRY(tags, db_.prepare("SELECT group_id, tag FROM person_tags" + tagged));
    if (query.person) tags.bind(1, *query.person);
    for (;;) {
      KITH_TRY(row, tags.step());
      if (!row) break;
      if (auto it = groups.find(tags.column_int(0)); it != groups.end()) it->second.tags.push_back(tags.column_text(1));
    }
    std::sort(in_group.begin(), in_group.end());
    for (const auto& [id, group] : in_group) {
      Person* p = find(id);
      const auto it = groups.find(group);
      if (!p || it == groups.end()) continue;
      const Group& g = it->second;
      p->renamed = g.name.has_value();
      if (g.name) p->name = *g.name;
      p->cadence_days = g.cadence_days;
      p->snoozed_until = g.snoozed_until;
      p->tags = g.tags;
    }
  }
  // Every contact has a handle (a merge deletes the contact it empties);
  // the check is for the handles read.
  std::erase_if(out, [&](const Row& row) {
    return person_in(row).handles.empty() && (every_handle || person_in(row).name.empty());
  });
  for (Row& row : out) {
    Person& p = person_in(row);
    std::sort(p.handles.begin(), p.handles.end());
    std::sort(p.tags.begin(), p.tags.end());
    p.ignored = !ignored.empty() && std::all_of(p.handles.begin(), p.handles.end(), [&](const auto& h) {
      return ignored.covers(h.first == "email" ? HandleKind::Email : h.first == "uri" ? HandleKind::Uri : HandleKind::Phone,
                            h.second);
    });
  }
  return out;
}

Result<Timelines> SqlHistoryStore::timelines(std::optional<std::int64_t> person) {
  const std::lock_guard lock(mutex_);
  if (person) return read_timelines("", {*person});
  return read_timelines("", {});
}

Result<std::unordered_map<std::int64_t, std::string>> SqlHistoryStore::interaction_titles(
    const std::vector<std::int64_t>& interaction_ids) {
  const std::lock_guard lock(mutex_);
  std::unordered_map<std::int64_t, std::string> out;
  if (interaction_ids.empty()) return out;
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  KITH_TRY(stmt, db_.prepare("SELECT title FROM interactions WHERE id = ? AND title IS NOT NULL AND title <> ''"));
  // In id order: neighbours share pages.
  std::vector<std::int64_t> ids = interaction_ids;
  std::sort(ids.begin(), ids.end());
  for (const std::int64_t id : ids) {
    stmt.reset();
    stmt.bind(1, id);
    KITH_TRY(row, stmt.step());
    if (row) out.emplace(id, stmt.column_text(0));
  }
  return out;
}

Result<std::map<std::string, int>> SqlHistoryStore::tag_cadences() {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare("SELECT tag, cadence_days FROM tag_cadences"));
  std::map<std::string, int> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out[stmt.column_text(0)] = static_cast<int>(stmt.column_int(1));
  }
  return out;
}

Result<std::vector<SharedCard>> SqlHistoryStore::shared_cards() {
  const std::lock_guard lock(mutex_);
  // A card's handles are kept one a line as "kind<TAB>value<TAB>name".
  KITH_TRY(cards, db_.prepare("SELECT formatted_name, handles FROM contact_cards WHERE handles <> ''"));
  KITH_TRY(owner, db_.prepare("SELECT contact_id FROM handles WHERE kind = ? AND value = ?"));
  std::vector<SharedCard> out;
  for (;;) {
    KITH_TRY(row, cards.step());
    if (!row) break;
    std::set<std::int64_t> people;
    const std::string lines = cards.column_text(1);
    std::size_t start = 0;
    while (start < lines.size()) {
      std::size_t end = lines.find('\n', start);
      if (end == std::string::npos) end = lines.size();
      const std::string line = lines.substr(start, end - start);
      start = end + 1;
      const auto tab1 = line.find('\t');
      if (tab1 == std::string::npos) continue;
      const auto tab2 = line.find('\t', tab1 + 1);
      owner.reset();
      owner.bind(1, std::string_view(line).substr(0, tab1))
          .bind(2, std::string_view(line).substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1));
      KITH_TRY(found, owner.step());
      if (found) people.insert(owner.column_int(0));
    }
    if (people.size() > 1) out.push_back({cards.column_text(0), {people.begin(), people.end()}});
  }
  return out;
}

}  // namespace kith::engine

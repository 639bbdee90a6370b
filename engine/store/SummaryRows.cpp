// The relationship queries' per-person summaries (HistoryStore.h,
// PersonSummary) and which people changed since theirs was made.
//
// A summary is a cache, kept in this build's own layout (SummaryBlob.h),
// with the few facts the lists narrow by in columns of their own.
#include <cstring>
#include <set>

#include "store/CachedStatement.h"
#include "store/SummaryBlob.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

Status SqlHistoryStore::mark_changed(const std::unordered_set<std::int64_t>& handles) {
  for (const std::int64_t handle : handles) {
    KITH_CACHED(mark, ("INSERT OR IGNORE INTO changed_people (contact_id) SELECT contact_id FROM handles WHERE id = ?"));
    mark.bind(1, handle);
    if (auto s = mark.run(); !s) return s;
  }
  return {};
}

Result<std::optional<PersonListing>> SqlHistoryStore::listing_of(std::int64_t person) {
  KITH_CACHED(contact, ("SELECT name, group_id FROM contacts WHERE id = ?"));
  contact.bind(1, person);
  KITH_TRY(found, contact.step());
  if (!found) return std::optional<PersonListing>();
  PersonListing listing;
  listing.name = contact.column_text(0);
  listing.group_id = contact.column_int(1);  // NULL reads 0
  KITH_CACHED(handles, ("SELECT kind, value FROM handles WHERE contact_id = ? ORDER BY kind, value"));
  handles.bind(1, person);
  for (;;) {
    KITH_TRY(row, handles.step());
    if (!row) break;
    listing.handles.emplace_back(handles.column_text(0), handles.column_text(1));
  }
  return std::optional<PersonListing>(std::move(listing));
}

Result<bool> SqlHistoryStore::summaries_made_with(double half_life_days) {
  KITH_TRY(stmt, db_.prepare("SELECT half_life = ?1 AND format = ?2 FROM summary_settings"));
  stmt.bind_double(1, half_life_days).bind(2, kSummaryFormat);
  KITH_TRY(row, stmt.step());
  return row && stmt.column_int(0) != 0;
}

Result<std::size_t> SqlHistoryStore::refresh_summaries(const Summarize& summarize, double half_life_days,
                                                          UnixSeconds now) {
  const std::lock_guard lock(mutex_);
  // Made with other settings: all of them again.
  auto settings_differ = [&]() -> Result<bool> {
    KITH_TRY(same, summaries_made_with(half_life_days));
    return !same;
  };
  // Everyone without a summary is among the changed: a new person gets
  // their first handle with an interaction (apply() marks them), a card
  // (store_card marks them), or a split (the handles_moved trigger).
  auto find_due = [&](bool everyone) -> Result<std::vector<std::int64_t>> {
    KITH_TRY(stmt, db_.prepare(everyone ? "SELECT id FROM contacts"
                                        : "SELECT contact_id FROM changed_people UNION "
                                          "SELECT contact_id FROM person_summaries WHERE expires_at <= ?1"));
    if (!everyone) stmt.bind(1, now);
    std::vector<std::int64_t> ids;
    for (;;) {
      KITH_TRY(row, stmt.step());
      if (!row) break;
      ids.push_back(stmt.column_int(0));
    }
    return ids;
  };
  // The common case, nothing to do, costs two small reads and no write lock.
  {
    KITH_TRY(differ, settings_differ());
    KITH_TRY(due, find_due(differ));
    if (due.empty()) return std::size_t{0};
  }
  KITH_TRY(tx, SqlTransaction::begin(db_));
  KITH_TRY(differ, settings_differ());  // again, inside the transaction
  KITH_TRY(ids, find_due(differ));
  KITH_TRY(timelines, read_timelines("", ids));
  static const std::vector<TimelineEntry> kNone;
  for (const std::int64_t id : ids) {
    // The name the person's newest card gives (an address book or
    // LinkedIn names people as they want to be named), else the name seen
    // most often in headers (ties: seen first, then the smaller), kept
    // where every listing reads it; a person no name was seen for keeps
    // the one they were created with. `kith rename` outranks both
    // (person_groups.name, read over this).
    KITH_CACHED(name, ("UPDATE contacts SET name = COALESCE((SELECT formatted_name FROM contact_cards WHERE "
                       "contact_id = ?1 AND formatted_name <> '' ORDER BY COALESCE(revision, 0) DESC, updated_at DESC, "
                       "rowid DESC LIMIT 1), (SELECT n.name FROM handle_names n JOIN handles h ON "
                       "h.id = n.handle_id WHERE h.contact_id = ?1 GROUP BY n.name "
                       "ORDER BY SUM(n.seen) DESC, MIN(n.first_seen), n.name LIMIT 1), name) WHERE id = ?1"));
    name.bind(1, id);
    if (auto s = name.run(); !s) return s;
    KITH_TRY(listing, listing_of(id));
    auto it = timelines.find(id);
    const PersonSummary summary = summarize(it == timelines.end() ? kNone : it->second);
    KITH_CACHED(upsert, ("INSERT INTO person_summaries (contact_id, expires_at, last_at, last_received_at, "
                         "day_count, usual_gap, gap_from, gap_until, summary, listing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (contact_id) DO UPDATE SET expires_at = excluded.expires_at, "
                         "last_at = excluded.last_at, last_received_at = excluded.last_received_at, "
                         "day_count = excluded.day_count, usual_gap = excluded.usual_gap, gap_from = excluded.gap_from, "
                         "gap_until = excluded.gap_until, summary = excluded.summary, listing = excluded.listing"));
    auto at = [](const std::optional<TimelineEntry>& e) { return e ? std::optional<UnixSeconds>(e->at) : std::nullopt; };
    upsert.bind(1, id).bind(2, summary.next_after).bind(3, at(summary.last)).bind(4, at(summary.last_received));
    upsert.bind(5, static_cast<std::int64_t>(summary.days.size()));
    if (summary.usual_gap_days) upsert.bind_double(6, *summary.usual_gap_days);
    else upsert.bind_null(6);
    upsert.bind(7, summary.gap_from).bind(8, summary.gap_until);
    upsert.bind_blob(9, encode_summary(summary));
    if (listing) upsert.bind_blob(10, encode_listing(*listing));
    else upsert.bind_null(10);  // a contact merged away: its row goes below
    if (auto s = upsert.run(); !s) return s;
    KITH_CACHED(days, ("INSERT INTO person_days (contact_id, days) VALUES (?, ?) "
                       "ON CONFLICT (contact_id) DO UPDATE SET days = excluded.days"));
    days.bind(1, id).bind_blob(2, encode_days(summary.days));
    if (auto s = days.run(); !s) return s;
  }
  for (const char* sql : {"DELETE FROM changed_people",
                          "DELETE FROM person_summaries WHERE contact_id NOT IN (SELECT id FROM contacts)",
                          "DELETE FROM person_days WHERE contact_id NOT IN (SELECT id FROM contacts)",
                          "DELETE FROM summary_settings"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    if (auto s = stmt.run(); !s) return s;
  }
  KITH_TRY(settings, db_.prepare("INSERT INTO summary_settings (half_life, format) VALUES (?, ?)"));
  settings.bind_double(1, half_life_days).bind(2, kSummaryFormat);
  if (auto s = settings.run(); !s) return s;
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return ids.size();
}

namespace {

// Rows of (person, kind, at, participants, interaction id) into `out`.
Status add_timeline_rows(SqlStatement& stmt, Timelines& out) {
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    TimelineEntry e;
    e.kind = interaction_kind_from_string(stmt.column_text(1)).value_or(InteractionKind::EmailReceived);
    e.at = stmt.column_int(2);
    e.participants = static_cast<std::uint32_t>(std::max<std::int64_t>(1, stmt.column_int(3)));
    e.interaction_id = stmt.column_int(4);
    out[stmt.column_int(0)].push_back(e);
  }
  return {};
}

void sort_timelines(Timelines& timelines) {
  for (auto& [id, entries] : timelines)
    std::sort(entries.begin(), entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
      return std::tie(a.at, a.interaction_id) < std::tie(b.at, b.interaction_id);
    });
}

constexpr const char* kTimelineRows =
    "SELECT h.contact_id, i.kind, i.occurred_at, i.participants, i.id FROM interactions i "
    "JOIN handles h ON h.id = i.handle_id";

}  // namespace

Result<Timelines> SqlHistoryStore::read_timelines(const std::string& where, const std::vector<std::int64_t>& people) {
  Timelines out;
  const std::string select = kTimelineRows;
  // A few people: their handles' index; many: one pass over everything.
  if (where.empty() && !people.empty() && people.size() < 2000) {
    KITH_TRY(stmt, db_.prepare(select + " WHERE h.contact_id = ?"));
    for (const std::int64_t id : people) {
      stmt.reset();
      stmt.bind(1, id);
      if (auto s = add_timeline_rows(stmt, out); !s) return s;
    }
  } else {
    KITH_TRY(stmt, db_.prepare(select + where));
    if (auto s = add_timeline_rows(stmt, out); !s) return s;
    if (!people.empty()) {
      const std::set<std::int64_t> wanted(people.begin(), people.end());
      std::erase_if(out, [&](const auto& entry) { return !wanted.count(entry.first); });
    }
  }
  sort_timelines(out);
  return out;
}

Result<Timelines> SqlHistoryStore::timelines_of(const std::vector<std::int64_t>& people) {
  const std::lock_guard lock(mutex_);
  if (people.empty()) return Timelines{};
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  return read_timelines("", people);
}

Result<Timelines> SqlHistoryStore::timelines_seen_by(const std::vector<std::string>& accounts) {
  const std::lock_guard lock(mutex_);
  Timelines out;
  if (accounts.empty()) return out;
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  // One query, so that an interaction two of them saw is read once.
  const std::set<std::string> distinct(accounts.begin(), accounts.end());
  std::string list;
  for (std::size_t n = 1; n <= distinct.size(); ++n) list += (n > 1 ? ", ?" : "?") + std::to_string(n);
  KITH_TRY(stmt, db_.prepare(std::string(kTimelineRows) + " WHERE i.account IN (" + list + ") OR i.id IN "
                             "(SELECT interaction_id FROM interaction_accounts WHERE account IN (" + list + ")) OR "
                             "(i.event_uid IS NOT NULL AND i.event_uid IN (SELECT uid FROM event_sources WHERE account IN (" +
                             list + ")))"));
  int n = 0;
  for (const std::string& account : distinct) stmt.bind(++n, account);
  if (auto s = add_timeline_rows(stmt, out); !s) return s;
  sort_timelines(out);
  return out;
}

}  // namespace kith::engine

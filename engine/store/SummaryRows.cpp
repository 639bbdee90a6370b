// The relationship queries' per-person summaries (HistoryStore.h,
// PersonSummary) and which people changed since theirs was made.
//
// A summary is a cache: kept as one BLOB per person in this build's own
// layout, headed by a format byte that also encodes the byte order. A
// summary written by another layout reads as absent and is made again.
#include <cstring>
#include <set>

#include "store/CachedStatement.h"
#include "store/SqliteHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

namespace {

constexpr std::uint16_t kFormat = 2;
constexpr std::uint16_t kByteOrderMark = 0xFEFF;

class Writer {
 public:
  template <typename T>
  void put(const T& value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out_.append(bytes, sizeof value);
  }
  void put_optional(const std::optional<UnixSeconds>& t) {
    put<std::uint8_t>(t.has_value());
    put<std::int64_t>(t.value_or(0));
  }
  void put_entry(const std::optional<TimelineEntry>& e) {
    put<std::uint8_t>(e.has_value());
    put<std::uint8_t>(static_cast<std::uint8_t>(e ? e->kind : InteractionKind::EmailReceived));
    put<std::int64_t>(e ? e->at : 0);
    put<std::uint32_t>(e ? e->participants : 1);
    put<std::int64_t>(e ? e->interaction_id : 0);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool get(T& value) {
    if (in_.size() < sizeof value) return false;
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return true;
  }
  bool get_optional(std::optional<UnixSeconds>& t) {
    std::uint8_t has = 0;
    std::int64_t value = 0;
    if (!get(has) || !get(value)) return false;
    t = has ? std::optional<UnixSeconds>(value) : std::nullopt;
    return true;
  }
  bool get_entry(std::optional<TimelineEntry>& e) {
    std::uint8_t has = 0, kind = 0;
    TimelineEntry entry;
    if (!get(has) || !get(kind) || !get(entry.at) || !get(entry.participants) || !get(entry.interaction_id)) return false;
    if (kind > static_cast<std::uint8_t>(InteractionKind::MessageReceived)) return false;
    entry.kind = static_cast<InteractionKind>(kind);
    e = has ? std::optional<TimelineEntry>(entry) : std::nullopt;
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

std::string encode(const PersonSummary& s) {
  Writer w;
  w.put(kFormat);
  w.put(kByteOrderMark);
  w.put(s.half_life_days);
  w.put<std::int64_t>(s.reference);
  w.put_optional(s.next_after);
  w.put_optional(s.next_meeting);
  for (const auto* e : {&s.first, &s.last, &s.last_touch, &s.last_received}) w.put_entry(*e);
  w.put(s.sent);
  w.put(s.received);
  w.put(s.meetings);
  w.put(s.counts);
  w.put(s.upcoming_meetings);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(s.days.size()));
  for (std::int32_t d : s.days) w.put(d);
  return w.take();
}

std::optional<PersonSummary> decode(std::string_view blob, bool with_days) {
  Reader r(blob);
  PersonSummary s;
  std::uint16_t format = 0, mark = 0;
  std::int64_t reference = 0;
  std::uint32_t days = 0;
  if (!r.get(format) || !r.get(mark) || format != kFormat || mark != kByteOrderMark) return std::nullopt;
  if (!r.get(s.half_life_days) || !r.get(reference) || !r.get_optional(s.next_after) || !r.get_optional(s.next_meeting))
    return std::nullopt;
  s.reference = reference;
  for (auto* e : {&s.first, &s.last, &s.last_touch, &s.last_received})
    if (!r.get_entry(*e)) return std::nullopt;
  if (!r.get(s.sent) || !r.get(s.received) || !r.get(s.meetings) || !r.get(s.counts) || !r.get(s.upcoming_meetings) ||
      !r.get(days))
    return std::nullopt;
  if (days > 732) return std::nullopt;
  if (!with_days) return s;
  s.days.resize(days);
  for (auto& d : s.days)
    if (!r.get(d)) return std::nullopt;
  if (!r.done()) return std::nullopt;
  return s;
}

}  // namespace

Status SqliteHistoryStore::mark_changed(const std::unordered_set<std::int64_t>& handles) {
  for (const std::int64_t handle : handles) {
    KITH_CACHED(mark, ("INSERT OR IGNORE INTO changed_people (contact_id) SELECT contact_id FROM handles WHERE id = ?"));
    mark.bind(1, handle);
    if (auto s = mark.run(); !s) return s;
  }
  return {};
}

Result<Summaries> SqliteHistoryStore::read_summaries(std::optional<std::int64_t> person, bool days) {
  // Those of changed people are out of date: a handful, read first.
  std::set<std::int64_t> changed;
  {
    KITH_TRY(stmt, db_.prepare("SELECT contact_id FROM changed_people"));
    for (;;) {
      KITH_TRY(row, stmt.step());
      if (!row) break;
      changed.insert(stmt.column_int(0));
    }
  }
  KITH_TRY(stmt, db_.prepare(std::string("SELECT contact_id, summary FROM person_summaries") +
                             (person ? " WHERE contact_id = ?" : "") + " ORDER BY contact_id"));
  if (person) stmt.bind(1, *person);
  Summaries out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    const std::int64_t id = stmt.column_int(0);
    if (changed.count(id)) continue;
    if (auto s = decode(stmt.column_blob(1), days)) out.emplace_back(id, std::move(*s));
  }
  return out;
}

Result<Summaries> SqliteHistoryStore::summaries_kept(std::optional<std::int64_t> person, bool days) {
  const std::lock_guard lock(mutex_);
  return read_summaries(person, days);
}

Result<std::size_t> SqliteHistoryStore::refresh_summaries(const Summarize& summarize, double half_life_days,
                                                          UnixSeconds now) {
  const std::lock_guard lock(mutex_);
  // Made with other settings: all of them again.
  auto settings_differ = [&]() -> Result<bool> {
    KITH_TRY(stmt, db_.prepare("SELECT half_life = ?1 AND format = ?2 FROM summary_settings"));
    stmt.bind_double(1, half_life_days).bind(2, std::int64_t{kFormat});
    KITH_TRY(row, stmt.step());
    return !row || stmt.column_int(0) == 0;
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
  KITH_TRY(tx, SqliteTransaction::begin(db_));
  KITH_TRY(differ, settings_differ());  // again, inside the transaction
  KITH_TRY(ids, find_due(differ));
  KITH_TRY(timelines, read_timelines("", ids));
  static const std::vector<TimelineEntry> kNone;
  for (const std::int64_t id : ids) {
    auto it = timelines.find(id);
    const PersonSummary summary = summarize(it == timelines.end() ? kNone : it->second);
    KITH_CACHED(upsert, ("INSERT INTO person_summaries (contact_id, expires_at, summary) VALUES (?, ?, ?) "
                         "ON CONFLICT (contact_id) DO UPDATE SET expires_at = excluded.expires_at, summary = excluded.summary"));
    upsert.bind(1, id).bind(2, summary.next_after).bind_blob(3, encode(summary));
    if (auto s = upsert.run(); !s) return s;
    // The name seen most often (ties: seen first, then the smaller), kept
    // where every listing reads it; a person no name was seen for keeps
    // the one they were created with (a card's).
    KITH_CACHED(name, ("UPDATE contacts SET name = COALESCE((SELECT n.name FROM handle_names n JOIN handles h ON "
                       "h.id = n.handle_id WHERE h.contact_id = ?1 GROUP BY n.name "
                       "ORDER BY SUM(n.seen) DESC, MIN(n.first_seen), n.name LIMIT 1), name) WHERE id = ?1"));
    name.bind(1, id);
    if (auto s = name.run(); !s) return s;
  }
  for (const char* sql : {"DELETE FROM changed_people",
                          "DELETE FROM person_summaries WHERE contact_id NOT IN (SELECT id FROM contacts)",
                          "DELETE FROM summary_settings"}) {
    KITH_TRY(stmt, db_.prepare(sql));
    if (auto s = stmt.run(); !s) return s;
  }
  KITH_TRY(settings, db_.prepare("INSERT INTO summary_settings (half_life, format) VALUES (?, ?)"));
  settings.bind_double(1, half_life_days).bind(2, std::int64_t{kFormat});
  if (auto s = settings.run(); !s) return s;
  db_.reset_cached();
  if (auto s = tx.commit(); !s) return s;
  return ids.size();
}

Result<Timelines> SqliteHistoryStore::read_timelines(const std::string& where, const std::vector<std::int64_t>& people) {
  Timelines out;
  auto add_rows = [&](SqliteStatement& stmt) -> Status {
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
  };
  const std::string select =
      "SELECT h.contact_id, i.kind, i.occurred_at, i.participants, i.id FROM interactions i JOIN handles h ON h.id = i.handle_id";
  // A few people: their handles' index; many: one pass over everything.
  if (where.empty() && !people.empty() && people.size() < 2000) {
    KITH_TRY(stmt, db_.prepare(select + " WHERE h.contact_id = ?"));
    for (const std::int64_t id : people) {
      stmt.reset();
      stmt.bind(1, id);
      if (auto s = add_rows(stmt); !s) return s;
    }
  } else {
    KITH_TRY(stmt, db_.prepare(select + where));
    if (auto s = add_rows(stmt); !s) return s;
    if (!people.empty()) {
      const std::set<std::int64_t> wanted(people.begin(), people.end());
      std::erase_if(out, [&](const auto& entry) { return !wanted.count(entry.first); });
    }
  }
  for (auto& [id, entries] : out)
    std::sort(entries.begin(), entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
      return std::tie(a.at, a.interaction_id) < std::tie(b.at, b.interaction_id);
    });
  return out;
}

Result<Timelines> SqliteHistoryStore::timelines_of(const std::vector<std::int64_t>& people) {
  const std::lock_guard lock(mutex_);
  if (people.empty()) return Timelines{};
  return read_timelines("", people);
}

}  // namespace kith::engine

// Contact cards in the store: what an address book says about a person,
// attached to the contact its handles belong to.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "extract/HandleValue.h"
#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {
namespace {

// RFC 6350's forms: "1984-04-12", or "--04-12" when the year is unknown.
std::string date_text(const std::optional<PartialDate>& date) {
  if (!date) return {};
  char text[48];  // room for any int, so the compiler can see nothing is cut
  if (date->year > 0)
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date->year, date->month, date->day);
  else
    std::snprintf(text, sizeof text, "--%02d-%02d", date->month, date->day);
  return text;
}

std::string lines(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "\n") + v;
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Status SqlHistoryStore::store_card(const std::string& account, const ContactCard& card) {
  // The contact: whoever already has one of the card's handles (the first
  // found), else a new contact named as the card names it. A card naming
  // the handles of several people says they are one (two addresses of one
  // person, a LinkedIn profile beside an address): they are joined, unless
  // the user decided about either (a split, a merge: their call stands,
  // and `kith merge --suggest` proposes the join instead).
  std::vector<std::pair<HandleKind, std::string>> handles;
  std::string handle_lines;
  for (const Handle& h : card.handles) {
    std::string value = normalized_handle(h.kind, h.value);
    if (value.empty()) continue;
    if (!handle_lines.empty()) handle_lines += '\n';
    handle_lines.append(to_string(h.kind)).append("\t").append(value).append("\t").append(h.name);
    handles.emplace_back(h.kind, std::move(value));
  }
  std::optional<std::int64_t> contact_id;
  std::vector<std::int64_t> others;
  for (const auto& [kind, value] : handles) {
    KITH_CACHED(find, ("SELECT contact_id FROM handles WHERE kind = ? AND value = ?"));
    find.bind(1, std::string_view(to_string(kind))).bind(2, value);
    KITH_TRY(found, find.step());
    if (!found) continue;
    const std::int64_t id = find.column_int(0);
    if (!contact_id)
      contact_id = id;
    else if (id != *contact_id && std::find(others.begin(), others.end(), id) == others.end())
      others.push_back(id);
  }
  for (const std::int64_t other : others)
    if (auto s = join_by_card(*contact_id, other); !s) return s;
  if (!contact_id && !handles.empty()) {
    KITH_TRY(id, contact_for_new_handle(to_string(handles.front().first), handles.front().second, card.formatted_name));
    contact_id = id;
    // A person without an interaction still needs a summary (a cadence
    // makes them due).
    KITH_CACHED(mark, ("INSERT OR IGNORE INTO changed_people (contact_id) VALUES (?)"));
    mark.bind(1, id);
    if (auto s = mark.run(); !s) return s;
  }
  if (contact_id) {
    for (const auto& [kind, value] : handles) {
      KITH_CACHED(add, ("INSERT OR IGNORE INTO handles (contact_id, kind, value) VALUES (?, ?, ?)"));
      add.bind(1, *contact_id).bind(2, std::string_view(to_string(kind))).bind(3, value);
      if (auto s = add.run(); !s) return s;
    }
    if (!card.formatted_name.empty()) {
      KITH_CACHED(name, ("UPDATE contacts SET name = ? WHERE id = ? AND name = ''"));
      name.bind(1, card.formatted_name).bind(2, *contact_id);
      if (auto s = name.run(); !s) return s;
    }
  }
  if (auto s = record_position(account, card, contact_id); !s) return s;
  KITH_CACHED(upsert, (
      "INSERT INTO contact_cards (account, collection, resource, uid, contact_id, formatted_name, given_name, "
      "family_name, additional_names, honorific_prefix, honorific_suffix, nicknames, handles, organization, title, "
      "birthday, anniversary, categories, note, revision, connected, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%s','now')) "
      "ON CONFLICT (account, collection, resource) DO UPDATE SET uid = excluded.uid, contact_id = excluded.contact_id, "
      "formatted_name = excluded.formatted_name, given_name = excluded.given_name, family_name = excluded.family_name, "
      "additional_names = excluded.additional_names, honorific_prefix = excluded.honorific_prefix, "
      "honorific_suffix = excluded.honorific_suffix, nicknames = excluded.nicknames, handles = excluded.handles, "
      "organization = excluded.organization, title = excluded.title, birthday = excluded.birthday, "
      "anniversary = excluded.anniversary, categories = excluded.categories, note = excluded.note, "
      "revision = excluded.revision, connected = excluded.connected, updated_at = excluded.updated_at"));
  upsert.bind(1, account).bind(2, card.collection).bind(3, card.resource).bind(4, card.uid);
  if (contact_id)
    upsert.bind(5, *contact_id);
  else
    upsert.bind_null(5);
  upsert.bind(6, card.formatted_name).bind(7, card.given_name).bind(8, card.family_name).bind(9, card.additional_names);
  upsert.bind(10, card.honorific_prefix).bind(11, card.honorific_suffix).bind(12, lines(card.nicknames));
  upsert.bind(13, handle_lines).bind(14, card.organization).bind(15, card.title);
  upsert.bind(16, date_text(card.birthday)).bind(17, date_text(card.anniversary)).bind(18, lines(card.categories));
  upsert.bind(19, card.note).bind(20, card.revision).bind(21, date_text(card.connected));
  if (auto s = upsert.run(); !s) return s;
  // The card's positions follow it to whoever it belongs to now.
  KITH_CACHED(follow, ("UPDATE card_positions SET contact_id = ? WHERE account = ? AND collection = ? AND "
                       "resource = ? AND contact_id IS DISTINCT FROM ?1"));
  if (contact_id)
    follow.bind(1, *contact_id);
  else
    follow.bind_null(1);
  follow.bind(2, account).bind(3, card.collection).bind(4, card.resource);
  return follow.run();
}

Status SqlHistoryStore::join_by_card(std::int64_t into, std::int64_t other) {
  KITH_CACHED(decided, ("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?) AND group_id IS NOT NULL"));
  decided.bind(1, into).bind(2, other);
  KITH_TRY(row, decided.step());
  if (row && decided.column_int(0) > 0) return {};
  // Nothing is recorded as a decision: the card says it, and says it
  // again whenever the store is made again.
  return move_contact(into, other);
}

Status SqlHistoryStore::record_position(const std::string& account, const ContactCard& card,
                                           std::optional<std::int64_t> contact_id) {
  // A card's organization and title as it shows them now, kept when they
  // differ from what the same card showed last: the first is where the
  // person was when we met the card, each later one a job change. A card
  // that drops both (an emptied field) records nothing: that is no move.
  if (card.organization.empty() && card.title.empty()) return {};
  KITH_CACHED(last, ("SELECT organization, title FROM card_positions WHERE account = ? AND collection = ? AND "
                     "resource = ? ORDER BY id DESC LIMIT 1"));
  last.bind(1, account).bind(2, card.collection).bind(3, card.resource);
  KITH_TRY(found, last.step());
  if (found && last.column_text(0) == card.organization && last.column_text(1) == card.title) return {};
  KITH_CACHED(add, ("INSERT INTO card_positions (contact_id, account, collection, resource, organization, title, "
                    "seen_at) VALUES (?, ?, ?, ?, ?, ?, strftime('%s','now'))"));
  if (contact_id)
    add.bind(1, *contact_id);
  else
    add.bind_null(1);
  add.bind(2, account).bind(3, card.collection).bind(4, card.resource).bind(5, card.organization).bind(6, card.title);
  return add.run();
}

Result<std::vector<PositionRecord>> SqlHistoryStore::positions(std::optional<std::int64_t> person) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(stmt, db_.prepare(std::string("SELECT contact_id, account || '/' || collection || '/' || resource, "
                                         "organization, title, seen_at FROM card_positions WHERE contact_id IS NOT NULL") +
                             (person ? " AND contact_id = ?" : "") + " ORDER BY contact_id, id"));
  if (person) stmt.bind(1, *person);
  std::vector<PositionRecord> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_text(2), stmt.column_text(3),
                   stmt.column_int(4)});
  }
  return out;
}

Status SqlHistoryStore::remove_card(const std::string& account, const ContactRemoval& removal) {
  // The card goes; the person, their handles and history stay.
  KITH_CACHED(del, ("DELETE FROM contact_cards WHERE account = ? AND collection = ? AND resource = ?"));
  del.bind(1, account).bind(2, removal.collection).bind(3, removal.resource);
  return del.run();
}

Result<std::unordered_map<std::int64_t, CardSummary>> SqlHistoryStore::read_cards() {
  KITH_TRY(stmt, db_.prepare(
                     "SELECT contact_id, formatted_name, organization, title, birthday, anniversary, nicknames, "
                     "categories, connected, account FROM contact_cards WHERE contact_id IS NOT NULL "
                     "ORDER BY COALESCE(revision, 0), updated_at, rowid"));
  std::unordered_map<std::int64_t, CardSummary> out;
  for (;;) {
    KITH_TRY(row, stmt.step());
    if (!row) break;
    // The newest card wins field by field: rows come oldest first. A
    // newer card that leaves a field empty (a LinkedIn connection has no
    // birthday) keeps what an older one said.
    CardSummary& card = out[stmt.column_int(0)];
    auto take = [&](std::string& field, int column) {
      if (std::string value = stmt.column_text(column); !value.empty()) field = std::move(value);
    };
    take(card.formatted_name, 1);
    if (std::string org = stmt.column_text(2), title = stmt.column_text(3); !org.empty() || !title.empty()) {
      card.organization = std::move(org);  // a position is the two together
      card.title = std::move(title);
    }
    take(card.birthday, 4);
    take(card.anniversary, 5);
    if (auto nicknames = split_lines(stmt.column_text(6)); !nicknames.empty()) card.nicknames = std::move(nicknames);
    if (auto categories = split_lines(stmt.column_text(7)); !categories.empty()) card.categories = std::move(categories);
    take(card.connected, 8);
    if (std::string account = stmt.column_text(9);
        std::find(card.sources.begin(), card.sources.end(), account) == card.sources.end())
      card.sources.push_back(std::move(account));
  }
  return out;
}

Result<std::unordered_map<std::int64_t, CardSummary>> SqlHistoryStore::cards() {
  const std::lock_guard lock(mutex_);
  return read_cards();
}

Status SqlHistoryStore::load_cards(std::vector<ContactSummary>& contacts,
                                      const std::map<std::int64_t, std::size_t>& index) {
  KITH_TRY(cards, read_cards());
  for (auto& [id, card] : cards)
    if (auto it = index.find(id); it != index.end()) contacts[it->second].card = std::move(card);
  return {};
}

}  // namespace kith::engine

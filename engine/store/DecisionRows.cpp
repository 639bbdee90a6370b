// The user's decisions about people as a whole (HistoryStore::decisions,
// import_decisions): what `kith decisions export` writes and `import`
// reads, so that a store made again from scratch gets the same people.
#include <algorithm>
#include <array>
#include <optional>
#include <map>
#include <set>

#include "store/CachedStatement.h"
#include "store/SqlHistoryStore.h"
#include "util/Try.h"

namespace kith::engine {

Result<Decisions> SqlHistoryStore::decisions() {
  const std::lock_guard lock(mutex_);
  const auto snapshot = SqlTransaction::begin_read(db_);
  if (!snapshot) return snapshot.status();
  std::map<std::int64_t, PersonDecision> by_group;
  KITH_TRY(handles, db_.prepare("SELECT group_id, kind, value FROM person_handles ORDER BY kind, value"));
  for (;;) {
    KITH_TRY(row, handles.step());
    if (!row) break;
    by_group[handles.column_int(0)].handles.emplace_back(handles.column_text(1), handles.column_text(2));
  }
  KITH_TRY(groups, db_.prepare("SELECT id, name, cadence_days, snoozed_until FROM person_groups"));
  for (;;) {
    KITH_TRY(row, groups.step());
    if (!row) break;
    auto it = by_group.find(groups.column_int(0));
    if (it == by_group.end()) continue;  // no handle: nothing it could apply to
    if (!groups.column_is_null(1)) it->second.name = groups.column_text(1);
    if (auto days = groups.column_optional_int(2)) it->second.cadence_days = static_cast<int>(*days);
    it->second.snoozed_until = groups.column_optional_int(3);
  }
  KITH_TRY(tags, db_.prepare("SELECT group_id, tag FROM person_tags ORDER BY tag"));
  for (;;) {
    KITH_TRY(row, tags.step());
    if (!row) break;
    if (auto it = by_group.find(tags.column_int(0)); it != by_group.end()) it->second.tags.push_back(tags.column_text(1));
  }
  Decisions out;
  for (auto& [group, person] : by_group) out.people.push_back(std::move(person));
  std::sort(out.people.begin(), out.people.end(),
            [](const PersonDecision& a, const PersonDecision& b) { return a.handles.front() < b.handles.front(); });
  KITH_TRY(cadences, db_.prepare("SELECT tag, cadence_days FROM tag_cadences ORDER BY tag"));
  for (;;) {
    KITH_TRY(row, cadences.step());
    if (!row) break;
    out.tag_cadences[cadences.column_text(0)] = static_cast<int>(cadences.column_int(1));
  }
  KITH_TRY(ignored, db_.prepare("SELECT entry FROM ignores WHERE source = 'cli' ORDER BY entry"));
  for (;;) {
    KITH_TRY(row, ignored.step());
    if (!row) break;
    out.ignores.push_back(ignored.column_text(0));
  }
  return out;
}

Status SqlHistoryStore::separate_decided_people(const Decisions& decisions) {
  // Handles the file keeps apart (a split) may be one person here: an
  // address-book card joined them before the decisions came. Each
  // decided person's handles leave any contact that holds another decided
  // person's first, for a contact of their own (their interactions follow).
  std::map<std::pair<std::string, std::string>, std::size_t> decided;
  for (std::size_t i = 0; i < decisions.people.size(); ++i)
    for (const auto& handle : decisions.people[i].handles) decided.emplace(handle, i);
  std::map<std::int64_t, std::size_t> owner;                         // contact -> the decision that has it
  std::map<std::pair<std::int64_t, std::size_t>, std::int64_t> moved;  // (contact, decision) -> its new contact
  for (const auto& [handle, index] : decided) {
    KITH_CACHED(holder, ("SELECT contact_id FROM handles WHERE kind = ? AND value = ?"));
    holder.bind(1, handle.first).bind(2, handle.second);
    KITH_TRY(held, holder.step());
    if (!held) continue;
    const std::int64_t contact = holder.column_int(0);
    const auto [it, first] = owner.emplace(contact, index);
    if (first || it->second == index) continue;
    auto target = moved.find({contact, index});
    if (target == moved.end()) {
      KITH_CACHED(create, ("INSERT INTO contacts (name, created_at) VALUES ('', strftime('%s','now')) RETURNING id"));
      KITH_TRY(made, returned_id(create));
      target = moved.emplace(std::make_pair(contact, index), made).first;
    }
    KITH_CACHED(move, ("UPDATE handles SET contact_id = ? WHERE kind = ? AND value = ?"));
    move.bind(1, target->second).bind(2, handle.first).bind(3, handle.second);
    if (auto s = move.run(); !s) return s;
  }
  // A card of a contact so divided belongs, as when it came, to whoever
  // holds the first of its handles; its positions go with it.
  std::set<std::int64_t> divided;
  for (const auto& [key, target] : moved) divided.insert(key.first);
  for (const std::int64_t contact : divided) {
    KITH_TRY(cards, db_.prepare("SELECT account, collection, resource, handles FROM contact_cards WHERE contact_id = ?"));
    cards.bind(1, contact);
    std::vector<std::array<std::string, 4>> rows;
    for (;;) {
      KITH_TRY(row, cards.step());
      if (!row) break;
      rows.push_back({cards.column_text(0), cards.column_text(1), cards.column_text(2), cards.column_text(3)});
    }
    for (const auto& [account, collection, resource, handle_lines] : rows) {
      std::optional<std::int64_t> holder;
      for (std::size_t start = 0; start < handle_lines.size() && !holder;) {
        const std::size_t end = std::min(handle_lines.find('\n', start), handle_lines.size());
        const std::string line = handle_lines.substr(start, end - start);
        start = end + 1;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const auto tab2 = line.find('\t', tab + 1);
        KITH_CACHED(find, ("SELECT contact_id FROM handles WHERE kind = ? AND value = ?"));
        find.bind(1, line.substr(0, tab)).bind(2, line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1));
        KITH_TRY(found, find.step());
        if (found) holder = find.column_int(0);
      }
      if (!holder || *holder == contact) continue;
      for (const char* sql : {"UPDATE contact_cards SET contact_id = ?1 WHERE account = ?2 AND collection = ?3 AND resource = ?4",
                              "UPDATE card_positions SET contact_id = ?1 WHERE account = ?2 AND collection = ?3 AND resource = ?4"}) {
        KITH_TRY(stmt, db_.prepare(sql));
        stmt.bind(1, *holder).bind(2, account).bind(3, collection).bind(4, resource);
        if (auto s = stmt.run(); !s) return s;
      }
    }
  }
  return {};
}

Status SqlHistoryStore::import_decisions(const Decisions& decisions) {
  const std::lock_guard lock(mutex_);
  KITH_TRY(tx, SqlTransaction::begin(db_));
  if (auto s = separate_decided_people(decisions); !s) return s;
  for (const PersonDecision& person : decisions.people) {
    if (person.handles.empty()) continue;
    // Who has these handles now: the people holding them, and the groups
    // that list them (a group may wait for handles no sync has brought).
    std::vector<std::int64_t> contacts;
    std::set<std::int64_t> groups;
    for (const auto& [kind, value] : person.handles) {
      KITH_CACHED(holder, ("SELECT h.contact_id, c.group_id FROM handles h JOIN contacts c ON c.id = h.contact_id "
                           "WHERE h.kind = ? AND h.value = ?"));
      holder.bind(1, kind).bind(2, value);
      KITH_TRY(held, holder.step());
      if (held) {
        const std::int64_t id = holder.column_int(0);
        if (std::find(contacts.begin(), contacts.end(), id) == contacts.end()) contacts.push_back(id);
        if (!holder.column_is_null(1)) groups.insert(holder.column_int(1));
      }
      KITH_CACHED(listed, ("SELECT group_id FROM person_handles WHERE kind = ? AND value = ?"));
      listed.bind(1, kind).bind(2, value);
      KITH_TRY(in_group, listed.step());
      if (in_group) groups.insert(listed.column_int(0));
    }
    // A group's own contact is one of them too.
    for (const std::int64_t g : groups) {
      KITH_CACHED(member, ("SELECT id FROM contacts WHERE group_id = ?"));
      member.bind(1, g);
      KITH_TRY(found, member.step());
      if (found && std::find(contacts.begin(), contacts.end(), member.column_int(0)) == contacts.end())
        contacts.push_back(member.column_int(0));
    }
    std::int64_t group = 0;
    if (!contacts.empty()) {
      const std::int64_t into = contacts.front();
      KITH_TRY(own, group_of(into));
      group = own;
      for (std::size_t i = 1; i < contacts.size(); ++i)
        if (auto s = merge_into(into, group, contacts[i]); !s) return s;
    } else if (!groups.empty()) {
      group = *groups.begin();
    } else {
      KITH_CACHED(create, ("INSERT INTO person_groups DEFAULT VALUES RETURNING id"));
      KITH_TRY(made, returned_id(create));
      group = made;
    }
    // Groups left without a person (waiting for their handles) join it.
    for (const std::int64_t g : groups) {
      if (g == group) continue;
      KITH_CACHED(exists, ("SELECT 1 FROM person_groups WHERE id = ?"));
      exists.bind(1, g);
      KITH_TRY(still, exists.step());
      if (!still) continue;  // merged above
      if (auto s = move_member_decisions(group, g); !s) return s;
      for (const char* sql : {"UPDATE person_handles SET group_id = ?1 WHERE group_id = ?2",
                              "DELETE FROM person_tags WHERE group_id = ?2", "DELETE FROM person_groups WHERE id = ?2"}) {
        KITH_TRY(stmt, db_.prepare(sql));
        stmt.bind(1, group).bind(2, g);
        if (auto s = stmt.run(); !s) return s;
      }
    }
    for (const auto& [kind, value] : person.handles) {
      KITH_CACHED(record, ("INSERT INTO person_handles (kind, value, group_id) VALUES (?, ?, ?) "
                           "ON CONFLICT (kind, value) DO UPDATE SET group_id = excluded.group_id"));
      record.bind(1, kind).bind(2, value).bind(3, group);
      if (auto s = record.run(); !s) return s;
    }
    KITH_CACHED(set, ("UPDATE person_groups SET name = ?, cadence_days = ?, snoozed_until = ? WHERE id = ?"));
    if (person.name) set.bind(1, *person.name);
    else set.bind_null(1);
    if (person.cadence_days) set.bind(2, static_cast<std::int64_t>(*person.cadence_days));
    else set.bind_null(2);
    set.bind(3, person.snoozed_until).bind(4, group);
    if (auto s = set.run(); !s) return s;
    KITH_CACHED(untag, ("DELETE FROM person_tags WHERE group_id = ?"));
    untag.bind(1, group);
    if (auto s = untag.run(); !s) return s;
    for (const auto& tag : person.tags) {
      KITH_CACHED(add_tag, ("INSERT OR IGNORE INTO person_tags (group_id, tag) VALUES (?, ?)"));
      add_tag.bind(1, group).bind(2, tag);
      if (auto s = add_tag.run(); !s) return s;
    }
  }
  for (const auto& [tag, days] : decisions.tag_cadences) {
    KITH_CACHED(cadence, ("INSERT INTO tag_cadences (tag, cadence_days) VALUES (?, ?) "
                          "ON CONFLICT (tag) DO UPDATE SET cadence_days = excluded.cadence_days"));
    cadence.bind(1, tag).bind(2, static_cast<std::int64_t>(days));
    if (auto s = cadence.run(); !s) return s;
  }
  for (const auto& entry : decisions.ignores)
    if (auto removed = add_ignore(entry); !removed) return removed.status();
  db_.reset_cached();
  return tx.commit();
}

}  // namespace kith::engine

#include "store/Schema.h"

#include <string>

namespace kith::engine {
namespace {

// migrations[i] takes the schema from version i to i + 1. Never edit a
// shipped entry: add a new one.
constexpr const char* kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
-- One person may have many addresses; interactions point at the address,
-- so moving an address to another contact moves its history with it.
CREATE TABLE addresses (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  address    TEXT NOT NULL UNIQUE
);
CREATE INDEX addresses_by_contact ON addresses(contact_id);
CREATE TABLE interactions (
  id          INTEGER PRIMARY KEY,
  address_id  INTEGER NOT NULL REFERENCES addresses(id),
  kind        TEXT NOT NULL CHECK (kind IN ('email_sent', 'email_received', 'meeting')),
  direction   TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming', 'mutual')),
  occurred_at INTEGER NOT NULL,
  account     TEXT NOT NULL,
  dedupe_key  TEXT NOT NULL,
  event_uid   TEXT,
  UNIQUE (dedupe_key, kind, address_id)
);
CREATE INDEX interactions_by_address ON interactions(address_id, occurred_at);
CREATE INDEX interactions_by_event ON interactions(event_uid) WHERE event_uid IS NOT NULL;
-- Which calendar resources currently hold which event UID: an event's
-- interactions go only when the last copy of it is gone.
CREATE TABLE event_sources (
  account    TEXT NOT NULL,
  collection TEXT NOT NULL,
  resource   TEXT NOT NULL,
  uid        TEXT NOT NULL,
  PRIMARY KEY (account, collection, resource)
);
CREATE INDEX event_sources_by_uid ON event_sources(uid);
CREATE TABLE cursors (
  account    TEXT NOT NULL,
  collection TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account, collection)
);
CREATE TABLE sync_runs (
  id                 INTEGER PRIMARY KEY,
  account            TEXT NOT NULL,
  started_at         INTEGER NOT NULL,
  finished_at        INTEGER,
  state              TEXT NOT NULL,
  items              INTEGER NOT NULL DEFAULT 0,
  interactions_added INTEGER NOT NULL DEFAULT 0,
  item_errors        INTEGER NOT NULL DEFAULT 0,
  error_kind         TEXT,
  error_message      TEXT
);
CREATE INDEX sync_runs_by_account ON sync_runs(account, id);
CREATE TABLE item_errors (
  id         INTEGER PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES sync_runs(id),
  account    TEXT NOT NULL,
  collection TEXT NOT NULL,
  item       TEXT NOT NULL,
  message    TEXT NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX item_errors_by_run ON item_errors(run_id);
)sql",
    // 1 -> 2: full calendar listings (kith::Batch::listing_begins/ends).
    R"sql(
ALTER TABLE event_sources ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
)sql",
    // 2 -> 3: what kithd is doing with each account, for `kith status`.
    R"sql(
CREATE TABLE account_states (
  account    TEXT PRIMARY KEY,
  state      TEXT NOT NULL,
  since      INTEGER NOT NULL,
  until      INTEGER,
  reason     TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
)sql",
    // 3 -> 4: the same interactions table, with CHECKs SQLite 3.40 evaluates
    // without building a temporary b-tree per INSERT (as `x IN (...)` does):
    // a quarter of a first sync's CPU.
    R"sql(
CREATE TABLE interactions_v4 (
  id          INTEGER PRIMARY KEY,
  address_id  INTEGER NOT NULL REFERENCES addresses(id),
  kind        TEXT NOT NULL CHECK (kind = 'email_sent' OR kind = 'email_received' OR kind = 'meeting'),
  direction   TEXT NOT NULL CHECK (direction = 'outgoing' OR direction = 'incoming' OR direction = 'mutual'),
  occurred_at INTEGER NOT NULL,
  account     TEXT NOT NULL,
  dedupe_key  TEXT NOT NULL,
  event_uid   TEXT,
  UNIQUE (dedupe_key, kind, address_id)
);
INSERT INTO interactions_v4 (id, address_id, kind, direction, occurred_at, account, dedupe_key, event_uid)
  SELECT id, address_id, kind, direction, occurred_at, account, dedupe_key, event_uid FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_v4 RENAME TO interactions;
CREATE INDEX interactions_by_address ON interactions(address_id, occurred_at);
CREATE INDEX interactions_by_event ON interactions(event_uid) WHERE event_uid IS NOT NULL;
)sql",
    // 4 -> 5: the mail's subject or the meeting's title (ABI 2.1). Rows
    // stored before have none; the column is not NULL so queries need no
    // special case.
    R"sql(
ALTER TABLE interactions ADD COLUMN title TEXT NOT NULL DEFAULT '';
)sql",
    // 5 -> 6: people have handles, not only addresses (ABI 2.2): an email
    // address, a profile URI or a phone number. Every address becomes an
    // email handle with the same id, so interactions keep pointing at it;
    // interactions gain the conversation kinds and their channel.
    R"sql(
CREATE TABLE handles (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  kind       TEXT NOT NULL CHECK (kind = 'email' OR kind = 'uri' OR kind = 'phone'),
  value      TEXT NOT NULL CHECK (value <> ''),
  UNIQUE (kind, value)
);
INSERT INTO handles (id, contact_id, kind, value) SELECT id, contact_id, 'email', address FROM addresses;
CREATE INDEX handles_by_contact ON handles(contact_id);
CREATE INDEX handles_by_value ON handles(value);
CREATE TABLE interactions_v6 (
  id          INTEGER PRIMARY KEY,
  handle_id   INTEGER NOT NULL REFERENCES handles(id),
  kind        TEXT NOT NULL CHECK (kind = 'email_sent' OR kind = 'email_received' OR kind = 'meeting' OR
                                   kind = 'message_sent' OR kind = 'message_received'),
  direction   TEXT NOT NULL CHECK (direction = 'outgoing' OR direction = 'incoming' OR direction = 'mutual'),
  occurred_at INTEGER NOT NULL,
  account     TEXT NOT NULL,
  dedupe_key  TEXT NOT NULL,
  event_uid   TEXT,
  title       TEXT NOT NULL DEFAULT '',
  channel     TEXT NOT NULL DEFAULT '',
  UNIQUE (dedupe_key, kind, handle_id)
);
INSERT INTO interactions_v6 (id, handle_id, kind, direction, occurred_at, account, dedupe_key, event_uid, title)
  SELECT id, address_id, kind, direction, occurred_at, account, dedupe_key, event_uid, title FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_v6 RENAME TO interactions;
CREATE INDEX interactions_by_handle ON interactions(handle_id, occurred_at);
CREATE INDEX interactions_by_event ON interactions(event_uid) WHERE event_uid IS NOT NULL;
DROP TABLE addresses;
-- What address books say about people (ContactCard items). A card's
-- handles are also the contact's handles; nicknames, categories and
-- handles are kept one per line (their values never hold a line break).
CREATE TABLE contact_cards (
  account          TEXT NOT NULL,
  collection       TEXT NOT NULL,
  resource         TEXT NOT NULL,
  uid              TEXT NOT NULL DEFAULT '',
  contact_id       INTEGER REFERENCES contacts(id),
  formatted_name   TEXT NOT NULL DEFAULT '',
  given_name       TEXT NOT NULL DEFAULT '',
  family_name      TEXT NOT NULL DEFAULT '',
  additional_names TEXT NOT NULL DEFAULT '',
  honorific_prefix TEXT NOT NULL DEFAULT '',
  honorific_suffix TEXT NOT NULL DEFAULT '',
  nicknames        TEXT NOT NULL DEFAULT '',
  handles          TEXT NOT NULL DEFAULT '',
  organization     TEXT NOT NULL DEFAULT '',
  title            TEXT NOT NULL DEFAULT '',
  birthday         TEXT NOT NULL DEFAULT '',
  anniversary      TEXT NOT NULL DEFAULT '',
  categories       TEXT NOT NULL DEFAULT '',
  note             TEXT NOT NULL DEFAULT '',
  revision         INTEGER,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (account, collection, resource)
);
CREATE INDEX contact_cards_by_contact ON contact_cards(contact_id);
)sql",
    // 6 -> 7: people as the user decides them. Decisions are kept by
    // handle, not by contact id, so they hold through every sync, a full
    // re-read and a store rebuilt from the same decisions: a handle listed
    // in person_handles joins its group's contact whenever it is (re)created.
    // Names are counted per handle so a person's name is the one seen most.
    R"sql(
CREATE TABLE person_groups (
  id            INTEGER PRIMARY KEY,
  name          TEXT,     -- `kith rename`; NULL: the name seen most often
  cadence_days  INTEGER,  -- `kith cadence`; NULL: from tags or the default; 0: none
  snoozed_until INTEGER   -- `kith snooze`
);
CREATE TABLE person_handles (
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  group_id INTEGER NOT NULL REFERENCES person_groups(id),
  PRIMARY KEY (kind, value)
);
CREATE INDEX person_handles_by_group ON person_handles(group_id);
CREATE TABLE person_tags (
  group_id INTEGER NOT NULL REFERENCES person_groups(id),
  tag      TEXT NOT NULL,
  PRIMARY KEY (group_id, tag)
);
CREATE TABLE tag_cadences (
  tag          TEXT PRIMARY KEY,
  cadence_days INTEGER NOT NULL  -- 0: none
);
-- A handle value, or '@domain' for a domain and its subdomains.
CREATE TABLE ignores (
  entry  TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source = 'cli' OR source = 'config'),
  PRIMARY KEY (entry, source)
);
-- Entries once ignored and ignored no more: a message read again may add
-- the rows they kept out (rule 1 otherwise lets the first copy stored win).
CREATE TABLE past_ignores (
  entry TEXT PRIMARY KEY
);
ALTER TABLE contacts ADD COLUMN group_id INTEGER REFERENCES person_groups(id);
CREATE UNIQUE INDEX contacts_by_group ON contacts(group_id) WHERE group_id IS NOT NULL;
CREATE TABLE handle_names (
  handle_id  INTEGER NOT NULL REFERENCES handles(id),
  name       TEXT NOT NULL,
  seen       INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  PRIMARY KEY (handle_id, name)
) WITHOUT ROWID;
-- Stores of schema 6 kept one name per contact (the first seen): it
-- counts once for the contact's first handle.
INSERT INTO handle_names (handle_id, name, seen, first_seen)
  SELECT MIN(h.id), c.name, 1, c.created_at FROM contacts c JOIN handles h ON h.contact_id = c.id
  WHERE c.name <> '' GROUP BY c.id;
-- How many other people a meeting occurrence had: a group meeting shares
-- its weight among them (the strength score).
ALTER TABLE interactions ADD COLUMN participants INTEGER NOT NULL DEFAULT 1;
-- The relationship queries' summary of each person (relate/PersonSummary.h)
-- and who has changed since theirs was made; contacts.name then holds the
-- name seen most often, as of the summary. Interactions are removed
-- rarely (a changed event, an ignore) and handles move only by a merge or
-- split: triggers mark those; apply() marks the people it adds to.
CREATE TABLE person_summaries (
  contact_id INTEGER PRIMARY KEY,
  expires_at INTEGER,        -- its first interaction after it was made
  summary    BLOB NOT NULL
);
CREATE INDEX person_summaries_by_expiry ON person_summaries(expires_at) WHERE expires_at IS NOT NULL;
-- What every kept summary was made with (the half-life, the layout): when
-- either changes, they are all made again.
CREATE TABLE summary_settings (
  half_life REAL NOT NULL,
  format    INTEGER NOT NULL
);
CREATE TABLE changed_people (
  contact_id INTEGER PRIMARY KEY
);
CREATE TRIGGER interactions_removed AFTER DELETE ON interactions BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) SELECT contact_id FROM handles WHERE id = OLD.handle_id;
END;
CREATE TRIGGER handles_moved AFTER UPDATE OF contact_id ON handles BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (OLD.contact_id), (NEW.contact_id);
END;
INSERT INTO changed_people (contact_id) SELECT id FROM contacts;
UPDATE interactions SET participants = (
  SELECT COUNT(*) FROM interactions o WHERE o.event_uid = interactions.event_uid AND o.dedupe_key = interactions.dedupe_key)
  WHERE event_uid IS NOT NULL;
)sql",
    // 7 -> 8: the facts the relationship lists narrow by, in columns, and
    // the interaction days apart from the rest (only drift reads them), so
    // that a list reads the summaries of those it can show. Summaries are a
    // cache: they are all made again.
    R"sql(
DROP TABLE person_summaries;
CREATE TABLE person_summaries (
  contact_id       INTEGER PRIMARY KEY,
  expires_at       INTEGER,  -- its first interaction after it was made
  last_at          INTEGER,  -- its last interaction
  last_received_at INTEGER,  -- its last mail or message received
  day_count        INTEGER NOT NULL,
  usual_gap        REAL,     -- in days, as of any moment from gap_from to before gap_until
  gap_from         INTEGER,
  gap_until        INTEGER,
  summary          BLOB NOT NULL
);
-- Apart, so that a scan of the summaries does not read them.
CREATE TABLE person_days (
  contact_id INTEGER PRIMARY KEY,
  days       BLOB NOT NULL
);
CREATE INDEX person_summaries_by_expiry ON person_summaries(expires_at) WHERE expires_at IS NOT NULL;
DELETE FROM summary_settings;
INSERT OR IGNORE INTO changed_people (contact_id) SELECT id FROM contacts;
)sql",
    // 8 -> 9: beside each summary, what a list shows of the person (name,
    // handles, group), so that a list of everyone is one scan of the
    // summaries. It is a cache like them: whatever changes it marks the
    // person changed, and their summary is made again before a list.
    R"sql(
ALTER TABLE person_summaries ADD COLUMN listing BLOB;
CREATE TRIGGER handles_added AFTER INSERT ON handles BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (NEW.contact_id);
END;
CREATE TRIGGER handles_removed AFTER DELETE ON handles BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (OLD.contact_id);
END;
CREATE TRIGGER handles_rewritten AFTER UPDATE OF kind, value ON handles BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (NEW.contact_id);
END;
CREATE TRIGGER contacts_renamed_or_regrouped AFTER UPDATE OF name, group_id ON contacts BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (NEW.id);
END;
CREATE TRIGGER contacts_removed AFTER DELETE ON contacts BEGIN
  INSERT OR IGNORE INTO changed_people (contact_id) VALUES (OLD.id);
END;
DELETE FROM summary_settings;
INSERT OR IGNORE INTO changed_people (contact_id) SELECT id FROM contacts;
)sql",
    // 9 -> 10: contacts (issue 13). A card's day first connected (ABI
    // 2.3); every organization and title each card has shown, so a later
    // sync or export that shows another is a job change, kept per card so
    // that two sources disagreeing never read as one; and a card's name
    // outranks the names seen in headers, so a card that comes, changes
    // or goes marks its person changed (their listing holds the name).
    R"sql(
ALTER TABLE contact_cards ADD COLUMN connected TEXT NOT NULL DEFAULT '';
CREATE TABLE card_positions (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER REFERENCES contacts(id),
  account      TEXT NOT NULL,
  collection   TEXT NOT NULL,
  resource     TEXT NOT NULL,
  organization TEXT NOT NULL,
  title        TEXT NOT NULL,
  seen_at      INTEGER NOT NULL
);
CREATE INDEX card_positions_by_card ON card_positions(account, collection, resource, id);
CREATE INDEX card_positions_by_contact ON card_positions(contact_id);
INSERT INTO card_positions (contact_id, account, collection, resource, organization, title, seen_at)
  SELECT contact_id, account, collection, resource, organization, title, updated_at FROM contact_cards
  WHERE organization <> '' OR title <> '';
-- Not INSERT OR IGNORE: a card is written by an upsert, and SQLite lets
-- the outer statement's conflict policy (ABORT) override a trigger's.
CREATE TRIGGER contact_cards_added AFTER INSERT ON contact_cards WHEN NEW.contact_id IS NOT NULL BEGIN
  INSERT INTO changed_people (contact_id) SELECT NEW.contact_id
    WHERE NOT EXISTS (SELECT 1 FROM changed_people WHERE contact_id = NEW.contact_id);
END;
CREATE TRIGGER contact_cards_changed AFTER UPDATE ON contact_cards BEGIN
  INSERT INTO changed_people (contact_id) SELECT NEW.contact_id WHERE NEW.contact_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM changed_people WHERE contact_id = NEW.contact_id);
  INSERT INTO changed_people (contact_id) SELECT OLD.contact_id WHERE OLD.contact_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM changed_people WHERE contact_id = OLD.contact_id);
END;
CREATE TRIGGER contact_cards_removed AFTER DELETE ON contact_cards WHEN OLD.contact_id IS NOT NULL BEGIN
  INSERT INTO changed_people (contact_id) SELECT OLD.contact_id
    WHERE NOT EXISTS (SELECT 1 FROM changed_people WHERE contact_id = OLD.contact_id);
END;
INSERT OR IGNORE INTO changed_people (contact_id) SELECT contact_id FROM contact_cards WHERE contact_id IS NOT NULL;
)sql",
    // 10 -> 11: events, coffees and reminders (issue 14). Every calendar
    // occurrence the owner attends, with what decides whether it is an
    // event or a virtual coffee (kept apart from the interactions: an
    // event of 300 people yields no meetings, rule 9), and its people;
    // the events the user declares and what they decided about who was
    // met there; the reminders written back as tasks. Calendars are read
    // again on the next sync so that the occurrences of events already
    // stored are known (their interactions are replaced, not doubled).
    R"sql(
CREATE TABLE occurrences (
  id            INTEGER PRIMARY KEY,
  event_uid     TEXT NOT NULL,
  recurrence_id TEXT NOT NULL,
  account       TEXT NOT NULL,
  collection    TEXT NOT NULL,
  calendar_name TEXT NOT NULL DEFAULT '',
  starts_at     INTEGER NOT NULL,
  ends_at       INTEGER NOT NULL,
  all_day       INTEGER NOT NULL DEFAULT 0,
  title         TEXT NOT NULL DEFAULT '',
  has_location  INTEGER NOT NULL DEFAULT 0,
  location      TEXT NOT NULL DEFAULT '',
  video         INTEGER NOT NULL DEFAULT 0,
  others        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (event_uid, recurrence_id)
);
CREATE INDEX occurrences_by_start ON occurrences(starts_at);
CREATE TABLE occurrence_people (
  occurrence_id INTEGER NOT NULL REFERENCES occurrences(id) ON DELETE CASCADE,
  handle_id     INTEGER NOT NULL REFERENCES handles(id),
  PRIMARY KEY (occurrence_id, handle_id)
) WITHOUT ROWID;
CREATE INDEX occurrence_people_by_handle ON occurrence_people(handle_id);
CREATE TABLE declared_events (
  id        INTEGER PRIMARY KEY,
  title     TEXT NOT NULL CHECK (title <> ''),
  starts_at INTEGER NOT NULL,
  ends_at   INTEGER NOT NULL CHECK (ends_at >= starts_at),
  tag       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE met_decisions (
  event_key  TEXT NOT NULL,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  decision   TEXT NOT NULL CHECK (decision = 'confirmed' OR decision = 'rejected'),
  PRIMARY KEY (event_key, contact_id)
);
CREATE TABLE reminder_tasks (
  uid        TEXT PRIMARY KEY,
  account    TEXT NOT NULL,
  list       TEXT NOT NULL,
  name       TEXT NOT NULL,
  etag       TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  reason     TEXT NOT NULL,
  due        TEXT NOT NULL,
  user_due   TEXT NOT NULL DEFAULT '',
  state      TEXT NOT NULL CHECK (state = 'open' OR state = 'completed'),
  written_at INTEGER NOT NULL
);
DELETE FROM cursors WHERE (account, collection) IN (SELECT DISTINCT account, collection FROM event_sources);
)sql",
    // 11 -> 12: teams. A team member's own decisions (`--member NAME` on
    // tag, cadence, snooze, ignore) shape only that member's views and never
    // remove stored history: one member's ignore hides people from that
    // member, while the interactions stay for everyone else. Kept by person
    // group, as the store's own decisions are, so they follow merges. And
    // the other accounts that saw a message stored once (rule 1): a message
    // two members received belongs to both.
    R"sql(
CREATE TABLE member_person_decisions (
  member        TEXT NOT NULL,
  group_id      INTEGER NOT NULL REFERENCES person_groups(id),
  cadence_days  INTEGER,  -- NULL: from the member's tags or the default; 0: none
  snoozed_until INTEGER,
  PRIMARY KEY (member, group_id)
);
CREATE INDEX member_person_decisions_by_group ON member_person_decisions(group_id);
CREATE TABLE member_person_tags (
  member   TEXT NOT NULL,
  group_id INTEGER NOT NULL REFERENCES person_groups(id),
  tag      TEXT NOT NULL,
  PRIMARY KEY (member, group_id, tag)
);
CREATE INDEX member_person_tags_by_group ON member_person_tags(group_id);
CREATE TABLE member_tag_cadences (
  member       TEXT NOT NULL,
  tag          TEXT NOT NULL,
  cadence_days INTEGER NOT NULL,  -- 0: none
  PRIMARY KEY (member, tag)
);
-- A handle value, or '@domain' for a domain and its subdomains.
CREATE TABLE member_ignores (
  member TEXT NOT NULL,
  entry  TEXT NOT NULL,
  PRIMARY KEY (member, entry)
);
-- interactions.account is the account that stored the row first; these
-- are the others whose copy of the same message it stands for.
CREATE TABLE interaction_accounts (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  account        TEXT NOT NULL,
  PRIMARY KEY (interaction_id, account)
) WITHOUT ROWID;
CREATE INDEX interaction_accounts_by_account ON interaction_accounts(account);
)sql",
    // 12 -> 13: interactions counted by handle, account and UTC quarter
    // (year * 4 + quarter - 1; 0 for a moment SQLite's calendar cannot
    // place), kept by triggers in the same transaction as the interactions
    // themselves, so that `kith network` and the dashboard read ~370,000
    // rows instead of grouping 2,000,000 interactions (README, "The
    // dashboard"). first_at and last_at bound the quarter's interactions: a
    // removal that took the first or the last looks again only between them.
    R"sql(
-- The account joins the handle's index, so that counting one account's
-- interactions of a handle in a stretch of time (the quarter as-of falls
-- in, when meetings are still to come) reads the index alone.
DROP INDEX interactions_by_handle;
CREATE INDEX interactions_by_handle ON interactions(handle_id, occurred_at, account);
CREATE TABLE interaction_quarters (
  handle_id INTEGER NOT NULL,
  account   TEXT NOT NULL,
  quarter   INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  first_at  INTEGER NOT NULL,
  last_at   INTEGER NOT NULL,
  PRIMARY KEY (handle_id, account, quarter)
) WITHOUT ROWID;
INSERT INTO interaction_quarters (handle_id, account, quarter, count, first_at, last_at)
  SELECT handle_id, account,
         COALESCE(CAST(strftime('%Y', occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) AS quarter,
         COUNT(*), MIN(occurred_at), MAX(occurred_at)
  FROM interactions GROUP BY handle_id, account, quarter;
CREATE TRIGGER interaction_quarters_added AFTER INSERT ON interactions BEGIN
  INSERT INTO interaction_quarters (handle_id, account, quarter, count, first_at, last_at)
    VALUES (NEW.handle_id, NEW.account, COALESCE(CAST(strftime('%Y', NEW.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', NEW.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0), 1, NEW.occurred_at, NEW.occurred_at)
    ON CONFLICT (handle_id, account, quarter) DO UPDATE SET count = count + 1, first_at = MIN(first_at, excluded.first_at),
      last_at = MAX(last_at, excluded.last_at);
END;
CREATE TRIGGER interaction_quarters_removed AFTER DELETE ON interactions BEGIN
  UPDATE interaction_quarters SET count = count - 1,
    first_at = CASE WHEN first_at < OLD.occurred_at THEN first_at ELSE COALESCE((
      SELECT MIN(i.occurred_at) FROM interactions i WHERE i.handle_id = OLD.handle_id AND i.account = OLD.account AND
        i.occurred_at BETWEEN interaction_quarters.first_at AND interaction_quarters.last_at AND
        COALESCE(CAST(strftime('%Y', i.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', i.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) = interaction_quarters.quarter), first_at) END,
    last_at = CASE WHEN last_at > OLD.occurred_at THEN last_at ELSE COALESCE((
      SELECT MAX(i.occurred_at) FROM interactions i WHERE i.handle_id = OLD.handle_id AND i.account = OLD.account AND
        i.occurred_at BETWEEN interaction_quarters.first_at AND interaction_quarters.last_at AND
        COALESCE(CAST(strftime('%Y', i.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', i.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) = interaction_quarters.quarter), last_at) END
    WHERE handle_id = OLD.handle_id AND account = OLD.account AND quarter = COALESCE(CAST(strftime('%Y', OLD.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', OLD.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0);
  DELETE FROM interaction_quarters
    WHERE handle_id = OLD.handle_id AND account = OLD.account AND quarter = COALESCE(CAST(strftime('%Y', OLD.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', OLD.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) AND count <= 0;
END;
CREATE TRIGGER interaction_quarters_moved AFTER UPDATE OF handle_id, account, occurred_at ON interactions BEGIN
  UPDATE interaction_quarters SET count = count - 1,
    first_at = CASE WHEN first_at < OLD.occurred_at THEN first_at ELSE COALESCE((
      SELECT MIN(i.occurred_at) FROM interactions i WHERE i.handle_id = OLD.handle_id AND i.account = OLD.account AND
        i.occurred_at BETWEEN interaction_quarters.first_at AND interaction_quarters.last_at AND
        COALESCE(CAST(strftime('%Y', i.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', i.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) = interaction_quarters.quarter), first_at) END,
    last_at = CASE WHEN last_at > OLD.occurred_at THEN last_at ELSE COALESCE((
      SELECT MAX(i.occurred_at) FROM interactions i WHERE i.handle_id = OLD.handle_id AND i.account = OLD.account AND
        i.occurred_at BETWEEN interaction_quarters.first_at AND interaction_quarters.last_at AND
        COALESCE(CAST(strftime('%Y', i.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', i.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) = interaction_quarters.quarter), last_at) END
    WHERE handle_id = OLD.handle_id AND account = OLD.account AND quarter = COALESCE(CAST(strftime('%Y', OLD.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', OLD.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0);
  DELETE FROM interaction_quarters
    WHERE handle_id = OLD.handle_id AND account = OLD.account AND quarter = COALESCE(CAST(strftime('%Y', OLD.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', OLD.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0) AND count <= 0;
  INSERT INTO interaction_quarters (handle_id, account, quarter, count, first_at, last_at)
    VALUES (NEW.handle_id, NEW.account, COALESCE(CAST(strftime('%Y', NEW.occurred_at, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', NEW.occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0), 1, NEW.occurred_at, NEW.occurred_at)
    ON CONFLICT (handle_id, account, quarter) DO UPDATE SET count = count + 1, first_at = MIN(first_at, excluded.first_at),
      last_at = MAX(last_at, excluded.last_at);
END;
)sql",
    // 13 -> 14: the store counts the interactions a batch inserts by
    // quarter itself and writes each count once (QuarterCounts.cpp): the
    // upsert this trigger ran per row cost a third of an insert. Removals
    // and rewrites keep their triggers.
    R"sql(
DROP TRIGGER interaction_quarters_added;
)sql",
    // 14 -> 15: an event's meetings are found by their keys' common
    // prefix in the unique index (kEventRowsWhere, SqlHistoryStore.cpp), so
    // the index on event_uid goes: a tenth of a calendar's store (1,602 of
    // 14,460 pages at 10,000 events) and one more random-order index write
    // per meeting.
    R"sql(
DROP INDEX interactions_by_event;
)sql",
    // 15 -> 16: nothing reads an occurrence's people by handle (events and
    // coffees read them by occurrence, the primary key), and no handle is
    // ever deleted, the one write whose foreign-key check would want it:
    // the index cost one more random-order write per person of every
    // occurrence (150,000 at 10,000 events) for no read.
    R"sql(
DROP INDEX occurrence_people_by_handle;
)sql",
};

static_assert(sizeof kMigrations / sizeof kMigrations[0] == kSchemaVersion);

}  // namespace

namespace {

Result<int> schema_version(SqliteDatabase& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.status();
  auto row = stmt->step();
  if (!row) return row.status();
  return static_cast<int>(stmt->column_int(0));
}

}  // namespace

Status migrate_schema(SqliteDatabase& db, int target) {
  for (;;) {
    // The version is read again inside the write transaction: another
    // process may have migrated the file while this one waited for it.
    auto tx = SqlTransaction::begin(db);
    if (!tx) return tx.status();
    auto version = schema_version(db);
    if (!version) return version.status();
    if (*version > kSchemaVersion)
      return Status::account("database '" + db.path() + "' has schema version " + std::to_string(*version) +
                             ", newer than this kith understands (" + std::to_string(kSchemaVersion) +
                             "); upgrade kith");
    if (*version >= target) return tx->commit();
    if (auto s = db.exec(kMigrations[*version]); !s)
      return s.with_context("migrating to schema " + std::to_string(*version + 1));
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(*version + 1)); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
}

}  // namespace kith::engine

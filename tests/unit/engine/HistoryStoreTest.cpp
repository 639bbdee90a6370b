#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <map>
#include <tuple>

#include "StoreBackends.h"
#include "TempDir.h"
#include "store/Schema.h"
#include "store/SqlHistoryStore.h"
#include "store/SqliteDatabase.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;

Interaction mail(InteractionKind kind, const std::string& address, UnixSeconds when, const std::string& key,
                 const std::string& name = "", const std::string& subject = "") {
  return {kind, address, name, when, key, subject, HandleKind::Email, ""};
}

// One message yielding one interaction.
void add(std::vector<MessageInteractions>& mail, Interaction interaction) {
  std::string key = interaction.dedupe_key;
  mail.push_back({std::move(key), {std::move(interaction)}});
}

Interaction meeting(const std::string& address, UnixSeconds when, const std::string& key) {
  return {InteractionKind::Meeting, address, "", when, key, "", HandleKind::Email, ""};
}

class HistoryStoreTest : public kith::test::StoreBackendTest {
 protected:
  std::size_t count(const std::string& sql) { return static_cast<std::size_t>(scalar(sql)); }
};

TEST_P(HistoryStoreTest, ANewStoreIsMigrated) {
  EXPECT_EQ(count(on_postgres() ? "SELECT version FROM kith_schema" : "PRAGMA user_version"),
            static_cast<std::size_t>(kSchemaVersion));
}

TEST(SqliteStoreFile, ANewFileIsPrivate) {
  TempDir dir;
  ASSERT_TRUE(SqlHistoryStore::open((dir / "history.db").string()));
  struct stat st {};
  ASSERT_EQ(::stat((dir / "history.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_P(HistoryStoreTest, ReopeningKeepsDataAndSchema) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1"));
  ASSERT_TRUE(store->apply("a", batch));
  store.reset();
  auto reopened = reopen();
  ASSERT_TRUE(reopened);
  auto contacts = reopened->contacts(ContactSort::Name, std::nullopt, 1000);
  ASSERT_TRUE(contacts);
  EXPECT_EQ(contacts->size(), 1u);
}

TEST_P(HistoryStoreTest, RefusesADatabaseFromANewerKith) {
  ASSERT_TRUE(store->database().exec(on_postgres() ? "UPDATE kith_schema SET version = 99" : "PRAGMA user_version = 99"));
  const std::string name = store->database().name();
  store.reset();
  auto reopened = open_test_store(location);
  ASSERT_FALSE(reopened);
  EXPECT_NE(reopened.status().message().find("newer than this kith"), std::string::npos);
  EXPECT_NE(reopened.status().message().find(name), std::string::npos) << reopened.status().message();
  EXPECT_EQ(reopened.status().message().find("password"), std::string::npos);
}

TEST(SqliteStoreFile, ACorruptFileIsNamedInTheError) {
  TempDir dir;
  const auto path = dir / "garbage.db";
  std::ofstream(path) << std::string(8192, 'x');
  auto opened = SqlHistoryStore::open(path.string());
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.status().message().find("garbage.db"), std::string::npos) << opened.status().message();
}

TEST_P(HistoryStoreTest, MailIsStoredOnceWhateverFolderOrAccountRepeatsIt) {
  ExtractedBatch batch;
  batch.collection = "INBOX";
  batch.cursor = "c1";
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1", "Ann"));
  auto first = store->apply("work", batch);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->interactions_added, 1u);
  batch.collection = "Archive";
  auto again = store->apply("work", batch);
  auto other_account = store->apply("home", batch);
  ASSERT_TRUE(again && other_account);
  EXPECT_EQ(again->interactions_added, 0u);
  EXPECT_EQ(other_account->interactions_added, 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);
  auto state = store->load_sync_state("work");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->cursors.at("INBOX"), "c1");
  EXPECT_EQ(state->cursors.at("Archive"), "c1");
}

TEST_P(HistoryStoreTest, ContactSummaryCountsAndSplitsUpcoming) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailSent, "ann@example.net", 100, "mid:1", "Ann Smith"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 200, "mid:2", "Ann"));
  batch.events.push_back({"cal", "m.ics", "m1", {meeting("ann@example.net", 300, "evt:m1|"), }, "", {}});
  batch.events.push_back({"cal", "f.ics", "f1", {meeting("ann@example.net", 5000, "evt:f1|")}, "", {}});
  ASSERT_TRUE(store->apply("a", batch));
  auto c = store->find_contact("ANN@example.net", 1000);
  ASSERT_TRUE(c);
  ASSERT_TRUE(*c);
  const auto& ann = **c;
  EXPECT_EQ(ann.name, "Ann Smith");  // the first name seen is kept
  EXPECT_EQ(ann.email_sent, 1u);
  EXPECT_EQ(ann.email_received, 1u);
  EXPECT_EQ(ann.meetings, 1u);
  EXPECT_EQ(ann.upcoming_meetings, 1u);
  EXPECT_EQ(ann.first_interaction, 100);
  EXPECT_EQ(ann.last_interaction, 300);  // the upcoming meeting does not count as contact
  auto by_id = store->find_contact(std::to_string(ann.id), 1000);
  ASSERT_TRUE(by_id && *by_id);
  EXPECT_EQ((*by_id)->addresses, std::vector<std::string>{"ann@example.net"});
  auto history = store->history(ann.id, 1000);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ(history->front().when, 5000);
  EXPECT_TRUE(history->front().upcoming);
  EXPECT_EQ(history->back().when, 100);
}

TEST_P(HistoryStoreTest, ContactsSortAndLimit) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailReceived, "zed@example.net", 300, "mid:1", "Zed"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "amy@example.net", 100, "mid:2", "Amy"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "amy@example.net", 150, "mid:3", "Amy"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "max@example.net", 200, "mid:4"));
  ASSERT_TRUE(store->apply("a", batch));
  auto names = [&](ContactSort sort, std::optional<std::size_t> limit = std::nullopt) {
    std::vector<std::string> out;
    auto contacts = store->contacts(sort, limit, 1000);
    for (const auto& c : *contacts) out.push_back(c.addresses.front());
    return out;
  };
  EXPECT_EQ(names(ContactSort::LastInteraction),
            (std::vector<std::string>{"zed@example.net", "max@example.net", "amy@example.net"}));
  EXPECT_EQ(names(ContactSort::Count).front(), "amy@example.net");
  EXPECT_EQ(names(ContactSort::Name),
            (std::vector<std::string>{"amy@example.net", "max@example.net", "zed@example.net"}));
  EXPECT_EQ(names(ContactSort::Name, 1), (std::vector<std::string>{"amy@example.net"}));
}

TEST_P(HistoryStoreTest, AChangedEventReplacesItsMeetings) {
  ExtractedBatch v1;
  v1.events.push_back({"cal", "e.ics", "e1", {meeting("ann@example.net", 100, "evt:e1|")}, "", {}});
  ASSERT_TRUE(store->apply("a", v1));
  ExtractedBatch v2;
  v2.events.push_back({"cal", "e.ics", "e1", {meeting("ann@example.net", 100, "evt:e1|"), meeting("bob@example.net", 100, "evt:e1|")}, "", {}});
  auto applied = store->apply("a", v2);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->interactions_added, 1u);
  ExtractedBatch v3;  // moved and Ann dropped out
  v3.events.push_back({"cal", "e.ics", "e1", {meeting("bob@example.net", 200, "evt:e1|")}, "", {}});
  ASSERT_TRUE(store->apply("a", v3));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);
  EXPECT_EQ(count("SELECT occurred_at FROM interactions"), 200u);
}

// An event's meetings are found by their keys' prefix "evt:UID|": the
// meetings of UIDs that begin with it, or sort right after it, stay.
TEST_P(HistoryStoreTest, AnEventReplacesOrRemovesOnlyItsOwnMeetings) {
  ExtractedBatch v1;
  for (const std::string uid : {"e1", "e1|x", "e1}", "e1|", "e", "e10"})
    v1.events.push_back({"cal", uid + ".ics", uid, {meeting("ann@example.net", 100, "evt:" + uid + "|")}, "", {}});
  v1.events.push_back({"cal", "r.ics", "e1|r", {meeting("ann@example.net", 100, "evt:e1|r|20240101T000000Z"),
                                               meeting("ann@example.net", 200, "evt:e1|r|20240108T000000Z")}, "", {}});
  ASSERT_TRUE(store->apply("a", v1));
  ASSERT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);

  ExtractedBatch v2;  // e1 changed: Bob instead of Ann
  v2.events.push_back({"cal", "e1.ics", "e1", {meeting("bob@example.net", 300, "evt:e1|")}, "", {}});
  auto applied = store->apply("a", v2);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->interactions_added, 0u);
  EXPECT_EQ(applied->interactions_removed, 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 8u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions WHERE event_uid = 'e1' AND occurred_at = 300"), 1u);

  // Removing a resource removes its UID's meetings: how many, and how many stay.
  auto remove = [&](const std::string& resource, std::size_t removed, std::size_t left) {
    ExtractedBatch gone;
    gone.removals.push_back({"cal", resource});
    auto result = store->apply("a", gone);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->interactions_removed, removed) << resource;
    EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), left) << resource;
  };
  remove("e1.ics", 1, 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions WHERE event_uid = 'e1'"), 0u);
  remove("r.ics", 2, 5);
}

TEST_P(HistoryStoreTest, AnEventGoesOnlyWhenItsLastCopyIsRemoved) {
  ExtractedBatch batch;
  batch.events.push_back({"work", "x.ics", "shared", {meeting("ann@example.net", 100, "evt:shared|")}, "", {}});
  batch.events.push_back({"personal", "y.ics", "shared", {meeting("ann@example.net", 100, "evt:shared|")}, "", {}});
  ASSERT_TRUE(store->apply("a", batch));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);  // counted once

  ExtractedBatch remove_one;
  remove_one.removals.push_back({"work", "x.ics"});
  ASSERT_TRUE(store->apply("a", remove_one));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);

  ExtractedBatch remove_other;
  remove_other.removals.push_back({"personal", "y.ics"});
  auto applied = store->apply("a", remove_other);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->interactions_removed, 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_sources"), 0u);
}

// A calendar listed from scratch: what the listing does not deliver is gone.
TEST_P(HistoryStoreTest, AFullListingRemovesWhatItDidNotDeliver) {
  ExtractedBatch before;
  before.events.push_back({"cal", "a.ics", "a", {meeting("ann@example.net", 100, "evt:a|")}, "", {}});
  before.events.push_back({"cal", "b.ics", "b", {meeting("bob@example.net", 100, "evt:b|")}, "", {}});
  before.events.push_back({"other", "c.ics", "c", {meeting("cat@example.net", 100, "evt:c|")}, "", {}});
  ASSERT_TRUE(store->apply("a", before));

  ExtractedBatch first;  // the listing starts and delivers a.ics
  first.listing_collection = "cal";
  first.listing_begins = true;
  first.events.push_back({"cal", "a.ics", "a", {meeting("ann@example.net", 100, "evt:a|")}, "", {}});
  ASSERT_TRUE(store->apply("a", first));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 3u);  // nothing removed before the listing ends

  ExtractedBatch last;
  last.listing_collection = "cal";
  last.listing_ends = true;
  last.cursor = "token-2";
  last.collection = "cal";
  auto applied = store->apply("a", last);
  ASSERT_TRUE(applied) << applied.status().message();
  EXPECT_EQ(applied->interactions_removed, 1u);  // b.ics; "other" is untouched
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_sources WHERE resource = 'b.ics'"), 0u);
}

TEST_P(HistoryStoreTest, AListingThatNeverEndsRemovesNothing) {
  ExtractedBatch before;
  before.events.push_back({"cal", "a.ics", "a", {meeting("ann@example.net", 100, "evt:a|")}, "", {}});
  ASSERT_TRUE(store->apply("a", before));
  ExtractedBatch begins;
  begins.listing_collection = "cal";
  begins.listing_begins = true;
  ASSERT_TRUE(store->apply("a", begins));
  // A later, ordinary sync (say, by token) changes nothing for a.ics.
  ExtractedBatch ordinary;
  ordinary.events.push_back({"cal", "z.ics", "z", {meeting("zed@example.net", 100, "evt:z|")}, "", {}});
  ASSERT_TRUE(store->apply("a", ordinary));
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 2u);
}

TEST(SchemaMigration, AVersionOneStoreIsMigrated) {
  kith::test::TempDir dir;
  const auto path = (dir / "old.db").string();
  {
    auto db = SqliteDatabase::open(path);
    ASSERT_TRUE(db);
    // Schema 1 as shipped, with one event source in it.
    ASSERT_TRUE((*db)->exec("CREATE TABLE event_sources (account TEXT NOT NULL, collection TEXT NOT NULL, resource TEXT NOT NULL, "
                         "uid TEXT NOT NULL, PRIMARY KEY (account, collection, resource))"));
    ASSERT_TRUE((*db)->exec("INSERT INTO event_sources VALUES ('a', 'cal', 'x.ics', 'x')"));
    ASSERT_TRUE((*db)->exec("CREATE TABLE cursors (account TEXT NOT NULL, collection TEXT NOT NULL, value TEXT NOT NULL, "
                         "updated_at INTEGER NOT NULL, PRIMARY KEY (account, collection))"));
    ASSERT_TRUE((*db)->exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', "
                         "created_at INTEGER NOT NULL)"));
    ASSERT_TRUE((*db)->exec("CREATE TABLE addresses (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, address TEXT NOT NULL)"));
    ASSERT_TRUE((*db)->exec("CREATE TABLE interactions (id INTEGER PRIMARY KEY, address_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                         "direction TEXT NOT NULL, occurred_at INTEGER NOT NULL, account TEXT NOT NULL, "
                         "dedupe_key TEXT NOT NULL, event_uid TEXT)"));
    ASSERT_TRUE((*db)->exec("PRAGMA user_version = 1"));
  }
  auto opened = SqlHistoryStore::open(path);
  ASSERT_TRUE(opened) << opened.status().message();
  auto stmt = (*opened)->database().prepare("SELECT listed FROM event_sources WHERE resource = 'x.ics'");
  ASSERT_TRUE(stmt);
  ASSERT_TRUE(*stmt->step());
  EXPECT_EQ(stmt->column_int(0), 1);
}

TEST(SchemaMigration, InteractionsSurviveTheTableRebuild) {
  kith::test::TempDir dir;
  const auto path = (dir / "v3.db").string();
  {
    // A store at schema 3, as the migrations built it then, with Ann's
    // mail and Bob's meeting in it.
    auto db = SqliteDatabase::open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(migrate_schema(**db, 3));
    ASSERT_TRUE((*db)->exec("INSERT INTO contacts (id, name, created_at) VALUES (1, 'Ann', 0), (2, '', 0); "
                         "INSERT INTO addresses (id, contact_id, address) VALUES (1, 1, 'ann@example.net'), "
                         "(2, 2, 'bob@example.net'); "
                         "INSERT INTO interactions (address_id, kind, direction, occurred_at, account, dedupe_key, "
                         "event_uid) VALUES (1, 'email_received', 'incoming', 100, 'a', 'mid:1', NULL), "
                         "(2, 'meeting', 'mutual', 200, 'a', 'evt:e|', 'e')"));
  }
  auto store = SqlHistoryStore::open(path);
  ASSERT_TRUE(store) << store.status().message();
  auto ann = (*store)->find_contact("ann@example.net", 1000);
  ASSERT_TRUE(ann && *ann);
  EXPECT_EQ((*ann)->email_received, 1u);
  auto bob = (*store)->find_contact("bob@example.net", 1000);
  ASSERT_TRUE(bob && *bob);
  EXPECT_EQ((*bob)->meetings, 1u);
  // The rebuilt table still refuses what it must, and still dedupes.
  EXPECT_FALSE((*store)->database().exec("INSERT INTO interactions (handle_id, kind, direction, occurred_at, account, dedupe_key) "
                                         "VALUES (1, 'letter', 'outgoing', 1, 'a', 'k')"));
  ExtractedBatch again;
  add(again.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1", "Ann"));
  auto applied = (*store)->apply("a", again);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->interactions_added, 0u);
}

// Schema 13 counts the interactions a store already holds by quarter (the
// same rows PostgresSchema.AVersionElevenDatabaseIsMigratedAndKeepsItsRows
// expects of PostgreSQL).
TEST(SchemaMigration, VersionThirteenCountsTheInteractionsAlreadyStored) {
  kith::test::TempDir dir;
  const auto path = (dir / "v12.db").string();
  {
    auto db = SqliteDatabase::open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(migrate_schema(**db, 12));
    ASSERT_TRUE((*db)->exec("INSERT INTO contacts (id, created_at) VALUES (1, 0); "
                            "INSERT INTO handles (id, contact_id, kind, value) VALUES (1, 1, 'email', 'a@x.example'); "
                            "INSERT INTO interactions (handle_id, kind, direction, occurred_at, account, dedupe_key) "
                            "VALUES (1, 'email_received', 'incoming', 1772323200, 'a', 'k1'), "
                            "(1, 'email_received', 'incoming', 1775001599, 'a', 'k2'), "
                            "(1, 'email_received', 'incoming', 1775001600, 'a', 'k3'), "
                            "(1, 'email_received', 'incoming', 300000000000, 'a', 'k4')"));
  }
  auto store = SqlHistoryStore::open(path);
  ASSERT_TRUE(store) << store.status().message();
  auto rows = (*store)->database().prepare(
      "SELECT quarter || ':' || count || ':' || first_at || ':' || last_at FROM interaction_quarters ORDER BY quarter");
  ASSERT_TRUE(rows);
  std::vector<std::string> months;
  for (auto row = rows->step(); row && *row; row = rows->step()) months.push_back(rows->column_text(0));
  EXPECT_EQ(months, (std::vector<std::string>{"0:1:300000000000:300000000000", "8104:2:1772323200:1775001599",
                                              "8105:1:1775001600:1775001600"}));
}

TEST_P(HistoryStoreTest, RemovingAnUnknownResourceIsHarmless) {
  ExtractedBatch batch;
  batch.removals.push_back({"cal", "never-seen.ics"});
  EXPECT_TRUE(store->apply("a", batch));
}

// Rule 1: a message counts once, and the first copy stored wins. Rows are
// (kind, address) of each message under one key, in the order stored.
struct ReusedKeyCase {
  const char* what;
  std::vector<std::vector<Interaction>> messages;  // all under "mid:same", stored in this order
  std::vector<std::pair<std::string, std::string>> expected;  // (kind, address) stored
  std::size_t conflicts;
};

TEST_P(HistoryStoreTest, ReusedMessageIdsCreditOnlyTheFirstCopyStored) {
  const auto received = [](const char* who) { return mail(InteractionKind::EmailReceived, who, 100, "mid:same"); };
  const auto sent = [](const char* to) { return mail(InteractionKind::EmailSent, to, 100, "mid:same"); };
  const std::vector<ReusedKeyCase> cases = {
      {"two senders", {{received("hal@example.org")}, {received("ivy@example.org")}},
       {{"email_received", "hal@example.org"}}, 1},
      {"the other order", {{received("ivy@example.org")}, {received("hal@example.org")}},
       {{"email_received", "ivy@example.org"}}, 1},
      {"a true copy", {{received("hal@example.org")}, {received("hal@example.org")}},
       {{"email_received", "hal@example.org"}}, 0},
      {"sent, then received under the same id", {{sent("ann@example.org"), sent("bob@example.org")}, {received("hal@example.org")}},
       {{"email_sent", "ann@example.org"}, {"email_sent", "bob@example.org"}}, 1},
      {"sent twice, more recipients the second time", {{sent("ann@example.org")}, {sent("ann@example.org"), sent("bob@example.org")}},
       {{"email_sent", "ann@example.org"}}, 1},
      {"a copy with fewer recipients", {{sent("ann@example.org"), sent("bob@example.org")}, {sent("ann@example.org")}},
       {{"email_sent", "ann@example.org"}, {"email_sent", "bob@example.org"}}, 0},
  };
  for (const bool one_batch : {true, false}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(std::string(c.what) + (one_batch ? ", one batch" : ", one batch each"));
      ASSERT_TRUE(store->database().exec("DELETE FROM interactions; DELETE FROM handles; DELETE FROM contacts"));
      std::size_t conflicts = 0;
      ExtractedBatch batch;
      for (const auto& message : c.messages) {
        batch.mail.push_back({"mid:same", message});
        if (!one_batch) {
          auto applied = store->apply("a", batch);
          ASSERT_TRUE(applied) << applied.status().message();
          conflicts += applied->reused_keys.size();
          batch = ExtractedBatch{};
        }
      }
      if (one_batch) {
        auto applied = store->apply("a", batch);
        ASSERT_TRUE(applied) << applied.status().message();
        conflicts += applied->reused_keys.size();
      }
      std::vector<std::pair<std::string, std::string>> rows;
      auto stmt = store->database().prepare(
          "SELECT i.kind, h.value FROM interactions i JOIN handles h ON h.id = i.handle_id ORDER BY i.id");
      ASSERT_TRUE(stmt);
      while (true) {
        auto row = stmt->step();
        ASSERT_TRUE(row);
        if (!*row) break;
        rows.emplace_back(stmt->column_text(0), stmt->column_text(1));
      }
      EXPECT_EQ(rows, c.expected);
      EXPECT_EQ(conflicts, c.conflicts);
    }
  }
}

// Mail is never upcoming: a message dated after `now` (a clock a little
// fast) is contact made; only meetings wait for their start.
TEST_P(HistoryStoreTest, MailIsNeverUpcoming) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 2000, "mid:1"));
  batch.events.push_back({"cal", "e.ics", "e1", {meeting("ann@example.net", 3000, "evt:e1|")}, "", {}});
  ASSERT_TRUE(store->apply("a", batch));
  auto contacts = store->contacts(ContactSort::Name, std::nullopt, 1000);
  ASSERT_TRUE(contacts);
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ(contacts->front().first_interaction, 2000);
  EXPECT_EQ(contacts->front().last_interaction, 2000);
  EXPECT_EQ(contacts->front().upcoming_meetings, 1u);
  auto history = store->history(contacts->front().id, 1000);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  for (const auto& e : *history) EXPECT_EQ(e.upcoming, e.kind == InteractionKind::Meeting) << to_string(e.kind);
}

// A batch and its cursor commit together or not at all: make the store
// fail on the third interaction of a batch and check nothing of it stayed.
TEST_P(HistoryStoreTest, ABatchThatFailsHalfwayLeavesNeitherInteractionsNorCursor) {
  ExtractedBatch first;
  first.collection = "INBOX";
  first.cursor = "uid:10";
  add(first.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1"));
  ASSERT_TRUE(store->apply("a", first));

  ASSERT_TRUE(inject_failure("handles", "NEW.value = 'carol@example.net'", "injected failure"));
  ExtractedBatch second;
  second.collection = "INBOX";
  second.cursor = "uid:20";
  add(second.mail, mail(InteractionKind::EmailReceived, "bob@example.net", 200, "mid:2"));
  add(second.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 250, "mid:3"));
  add(second.mail, mail(InteractionKind::EmailReceived, "carol@example.net", 300, "mid:4"));
  second.events.push_back({"cal", "e.ics", "e1", {meeting("dan@example.net", 100, "evt:e1|")}, "", {}});
  auto failed = store->apply("a", second);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.status().message().find("injected failure"), std::string::npos) << failed.status().message();

  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM handles"), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 1u);
  auto state = store->load_sync_state("a");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->cursors.at("INBOX"), "uid:10");

  // The store stays usable: the same batch goes through once the fault is gone.
  ASSERT_TRUE(clear_failure("handles"));
  auto retried = store->apply("a", second);
  ASSERT_TRUE(retried) << retried.status().message();
  EXPECT_EQ(retried->interactions_added, 4u);
  EXPECT_EQ(store->load_sync_state("a")->cursors.at("INBOX"), "uid:20");
}

TEST_P(HistoryStoreTest, RunsAndItemErrorsFeedAccountStatus) {
  auto run = store->begin_run("work", 1000);
  ASSERT_TRUE(run);
  ASSERT_TRUE(store->record_item_error(*run, {"work", "INBOX", "UID 7", "no header block", 1001}));
  RunOutcome failed;
  failed.state = RunState::Failed;
  failed.items = 5;
  failed.error_kind = "account";
  failed.error_message = "login refused";
  ASSERT_TRUE(store->finish_run(*run, 1002, failed));
  auto ok_run = store->begin_run("home", 1003);
  ASSERT_TRUE(ok_run);
  ASSERT_TRUE(store->finish_run(*ok_run, 1004, RunOutcome{}));

  auto statuses = store->account_status({"work", "idle"});
  ASSERT_TRUE(statuses);
  ASSERT_EQ(statuses->size(), 3u);  // configured ones first, then any other that ran
  EXPECT_EQ((*statuses)[0].account, "work");
  ASSERT_TRUE((*statuses)[0].last_run);
  EXPECT_EQ((*statuses)[0].last_run->outcome.state, RunState::Failed);
  EXPECT_EQ((*statuses)[0].last_run->outcome.error_message, "login refused");
  EXPECT_FALSE((*statuses)[0].last_success);
  ASSERT_EQ((*statuses)[0].recent_item_errors.size(), 1u);
  EXPECT_EQ((*statuses)[0].recent_item_errors[0].item, "UID 7");
  EXPECT_EQ((*statuses)[1].account, "idle");
  EXPECT_FALSE((*statuses)[1].last_run);
  EXPECT_EQ((*statuses)[2].account, "home");
  EXPECT_EQ((*statuses)[2].last_success, 1004);
}

// Conversation messages (ABI 2.2): handles other than addresses, their
// channel, found by any way of writing the handle, stored once per message.
TEST_P(HistoryStoreTest, ConversationsAreKeptWithTheirHandlesAndChannel) {
  Interaction received{InteractionKind::MessageReceived, "https://linkedin.com/in/ann", "Ann Lee", 300,
                       "conv:linkedin|li-1", "Catching up", HandleKind::Uri, "linkedin"};
  Interaction by_phone{InteractionKind::MessageSent, "+15550100", "", 400, "conv:signal|s-9", "", HandleKind::Phone,
                       "signal"};
  ExtractedBatch batch;
  batch.conversations.push_back({received.dedupe_key, {received}});
  batch.conversations.push_back({by_phone.dedupe_key, {by_phone}});
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1", "Ann"));
  auto applied = store->apply("a", batch);
  ASSERT_TRUE(applied) << applied.status().message();
  EXPECT_EQ(applied->interactions_added, 3u);
  // The same LinkedIn message from a second export adds nothing.
  ExtractedBatch again;
  again.conversations.push_back({received.dedupe_key, {received}});
  EXPECT_EQ(store->apply("b", again)->interactions_added, 0u);

  auto ann = store->find_contact("https://www.linkedin.com/in/ann/", 1000);
  ASSERT_TRUE(ann && *ann) << "found by the profile URL as a browser shows it";
  EXPECT_EQ((*ann)->name, "Ann Lee");
  EXPECT_EQ((*ann)->messages_received, 1u);
  EXPECT_EQ((*ann)->handles, (std::vector<std::pair<std::string, std::string>>{{"uri", "https://linkedin.com/in/ann"}}));
  EXPECT_TRUE((*ann)->addresses.empty()) << "a different handle is a different person until merged";
  auto history = store->history((*ann)->id, 1000);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].handle_kind, "uri");
  EXPECT_EQ((*history)[0].channel, "linkedin");
  EXPECT_EQ((*history)[0].title, "Catching up");
  auto cal = store->find_contact("tel:+1 555 0100", 1000);
  ASSERT_TRUE(cal && *cal);
  EXPECT_EQ((*cal)->messages_sent, 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM handles"), 3u);
  // The kinds stay a closed list in the schema.
  EXPECT_FALSE(store->database().exec("INSERT INTO handles (contact_id, kind, value) VALUES (1, 'fax', '123')"));
  EXPECT_FALSE(store->database().exec(
      "INSERT INTO interactions (handle_id, kind, direction, occurred_at, account, dedupe_key) "
      "VALUES (1, 'postcard', 'incoming', 1, 'a', 'k')"));
}

// Contact cards (ABI 2.2): attached to whoever has one of their handles,
// replaced when delivered again, removed without touching the history.
TEST_P(HistoryStoreTest, ContactCardsAttachToThePersonTheirHandlesName) {
  ExtractedBatch mail_batch;
  add(mail_batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 100, "mid:1"));
  ASSERT_TRUE(store->apply("a", mail_batch));

  ContactCard card;
  card.collection = "contacts";
  card.resource = "ann.vcf";
  card.formatted_name = "Ann Lee";
  card.handles = {Handle{HandleKind::Email, "ANN@example.net", "work"},
                  Handle{HandleKind::Uri, "https://www.linkedin.com/in/ann/", "profile"}};
  card.organization = "Example GmbH";
  card.birthday = PartialDate{1984, 4, 12};
  card.nicknames = {"Annie", "A."};
  ContactCard nobody;  // a card without any handle: kept, linked to no one
  nobody.collection = "contacts";
  nobody.resource = "x.vcf";
  nobody.formatted_name = "Someone";
  ExtractedBatch cards;
  cards.cards = {card, nobody};
  ASSERT_TRUE(store->apply("book", cards));

  auto ann = store->find_contact("https://linkedin.com/in/ann", 1000);
  ASSERT_TRUE(ann && *ann);
  EXPECT_EQ((*ann)->name, "Ann Lee") << "the card names a contact no message named";
  EXPECT_EQ((*ann)->email_received, 1u);
  EXPECT_EQ((*ann)->handles.size(), 2u);
  ASSERT_TRUE((*ann)->card);
  EXPECT_EQ((*ann)->card->organization, "Example GmbH");
  EXPECT_EQ((*ann)->card->birthday, "1984-04-12");
  EXPECT_EQ((*ann)->card->nicknames, (std::vector<std::string>{"Annie", "A."}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM contact_cards WHERE contact_id IS NULL"), 1u);

  // Delivered again, changed: replaced, not added.
  card.organization = "Other AG";
  card.birthday = PartialDate{0, 4, 12};
  ExtractedBatch changed;
  changed.cards = {card};
  { auto applied = store->apply("book", changed); ASSERT_TRUE(applied) << applied.status().message(); }
  EXPECT_EQ(count("SELECT COUNT(*) FROM contact_cards"), 2u);
  ann = store->find_contact("ann@example.net", 1000);
  EXPECT_EQ((*ann)->card->organization, "Other AG");
  EXPECT_EQ((*ann)->card->birthday, "--04-12");

  // Removed: the card goes, Ann and her history stay.
  ExtractedBatch removal;
  removal.card_removals = {{"contacts", "ann.vcf"}};
  ASSERT_TRUE(store->apply("book", removal));
  ann = store->find_contact("ann@example.net", 1000);
  ASSERT_TRUE(ann && *ann);
  EXPECT_FALSE((*ann)->card);
  EXPECT_EQ((*ann)->email_received, 1u);
}

KITH_ON_EVERY_STORE_BACKEND(HistoryStoreTest);

// The network's counts by person, account and quarter come from counts the
// store keeps as interactions come and go (schema 13): they must equal the
// interactions themselves, counted here from the rows, at any as-of.
class InteractionQuartersTest : public HistoryStoreTest {
 protected:
  struct Quarter {
    std::uint32_t count = 0;
    UnixSeconds first_at = 0, last_at = 0;
    bool operator==(const Quarter&) const = default;
  };
  using Quarters = std::map<std::tuple<std::int64_t, std::string, int>, Quarter>;

  static int quarter_of(UnixSeconds t) {
    const auto ymd = std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(t))));
    return static_cast<int>(ymd.year()) * 4 + (static_cast<int>(static_cast<unsigned>(ymd.month())) - 1) / 3;
  }
  static void count_in(Quarters& quarters, std::tuple<std::int64_t, std::string, int> key, std::uint32_t n,
                       UnixSeconds first_at, UnixSeconds last_at) {
    auto [it, added] = quarters.try_emplace(std::move(key), Quarter{n, first_at, last_at});
    if (added) return;
    it->second.count += n;
    it->second.first_at = std::min(it->second.first_at, first_at);
    it->second.last_at = std::max(it->second.last_at, last_at);
  }
  // From every interaction row.
  Quarters counted(UnixSeconds as_of) {
    auto stmt = store->database().prepare(
        "SELECT h.contact_id, i.account, i.occurred_at FROM interactions i JOIN handles h ON h.id = i.handle_id");
    EXPECT_TRUE(stmt);
    Quarters quarters;
    for (;;) {
      auto row = stmt->step();
      EXPECT_TRUE(row);
      if (!row || !*row) break;
      const UnixSeconds at = stmt->column_int(2);
      if (at <= as_of) count_in(quarters, {stmt->column_int(0), stmt->column_text(1), quarter_of(at)}, 1, at, at);
    }
    return quarters;
  }
  // From the store's kept counts.
  Quarters kept(UnixSeconds as_of) {
    Quarters quarters;
    auto read = store->for_each_interaction_quarter(as_of, [&](const InteractionQuarter& m) {
      count_in(quarters, {m.person, m.account, m.quarter}, m.count, m.first_at, m.last_at);
    });
    EXPECT_TRUE(read) << read.message();
    return quarters;
  }
  void expect_kept_equals_counted(const std::string& when) {
    for (const char* as_of : {"2026-03-15T12:00:00Z", "2026-04-10T00:00:00Z", "2026-04-20T09:00:00Z", "2030-01-01T00:00:00Z"}) {
      const UnixSeconds t = *parse_rfc3339(as_of);
      const Quarters want = counted(t);
      EXPECT_EQ(kept(t), want) << when << ", as of " << as_of;
    }
  }
};

UnixSeconds moment(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

TEST_P(InteractionQuartersTest, KeptCountsEqualTheInteractionsThroughAddsRemovalsAndIgnores) {
  ExtractedBatch first;
  add(first.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-02-27T23:59:59Z"), "mid:1"));
  add(first.mail, mail(InteractionKind::EmailSent, "ann@example.net", moment("2026-03-01T00:00:00Z"), "mid:2"));
  add(first.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-03-31T23:59:59Z"), "mid:3"));
  add(first.mail, mail(InteractionKind::EmailReceived, "bob@example.net", moment("2026-03-10T08:00:00Z"), "mid:4"));
  // April: one meeting before the 10th and the 20th, one after both, one
  // in May; and a second calendar holding one of them again.
  first.events.push_back({"cal", "e1.ics", "e1", {meeting("ann@example.net", moment("2026-04-05T10:00:00Z"), "evt:e1|")}, "", {}});
  first.events.push_back({"cal", "e2.ics", "e2", {meeting("ann@example.net", moment("2026-04-15T10:00:00Z"), "evt:e2|"),
                                                   meeting("bob@example.net", moment("2026-04-15T10:00:00Z"), "evt:e2|")}, "", {}});
  first.events.push_back({"cal", "e3.ics", "e3", {meeting("ann@example.net", moment("2026-04-25T10:00:00Z"), "evt:e3|")}, "", {}});
  first.events.push_back({"cal", "e4.ics", "e4", {meeting("bob@example.net", moment("2026-05-02T10:00:00Z"), "evt:e4|")}, "", {}});
  first.events.push_back({"other", "e2.ics", "e2", {meeting("ann@example.net", moment("2026-04-15T10:00:00Z"), "evt:e2|"),
                                                     meeting("bob@example.net", moment("2026-04-15T10:00:00Z"), "evt:e2|")}, "", {}});
  ASSERT_TRUE(store->apply("a", first));
  ExtractedBatch second;  // another account: the same message once, a new one
  add(second.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-03-31T23:59:59Z"), "mid:3"));
  add(second.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-03-20T10:00:00Z"), "mid:5"));
  add(second.mail, mail(InteractionKind::EmailReceived, "cat@example.net", moment("2026-04-12T10:00:00Z"), "mid:6"));
  ASSERT_TRUE(store->apply("b", second));
  ASSERT_GT(count("SELECT COUNT(*) FROM interaction_quarters"), 0u);
  expect_kept_equals_counted("after the first syncs");

  // A moved meeting, the first of Ann's second quarter, now between the others.
  ExtractedBatch moved;
  moved.events.push_back({"cal", "e1.ics", "e1", {meeting("ann@example.net", moment("2026-04-18T10:00:00Z"), "evt:e1|")}, "", {}});
  ASSERT_TRUE(store->apply("a", moved));
  expect_kept_equals_counted("after the quarter's first meeting moved");

  // Removed: one copy of e2 (nothing goes); e3, the last of Ann's second quarter;
  // then e2's other copy, the first of hers and Bob's first.
  ExtractedBatch removals;
  removals.removals.push_back({"other", "e2.ics"});
  ASSERT_TRUE(store->apply("a", removals));
  expect_kept_equals_counted("after one copy of an event went");
  ExtractedBatch last_removed;
  last_removed.removals.push_back({"cal", "e3.ics"});
  ASSERT_TRUE(store->apply("a", last_removed));
  expect_kept_equals_counted("after the quarter's last meeting went");
  ExtractedBatch first_removed;
  first_removed.removals.push_back({"cal", "e2.ics"});
  ASSERT_TRUE(store->apply("a", first_removed));
  expect_kept_equals_counted("after the quarter's first meeting went");

  // Ignoring Ann removes her history: her counts go with it.
  auto ignored = store->ignore({"ann@example.net"});
  ASSERT_TRUE(ignored) << ignored.status().message();
  expect_kept_equals_counted("after an ignore");
  EXPECT_EQ(count("SELECT COUNT(*) FROM interaction_quarters WHERE count <= 0"), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interaction_quarters m JOIN handles h ON h.id = m.handle_id "
                  "WHERE h.value = 'ann@example.net'"), 0u);
}

// A batch's inserts are counted in memory and written once per quarter
// (QuarterCounts.cpp): an event whose rows the same batch replaces (two
// resources with one UID, the second read last) or removes must count what
// is left, not what was inserted.
TEST_P(InteractionQuartersTest, RowsTheSameBatchReplacesOrRemovesAreNotCounted) {
  ExtractedBatch batch;
  // Ann's mail and meetings in the same quarter as the event's rows.
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-04-01T08:00:00Z"), "mid:1"));
  batch.events.push_back({"cal", "e1.ics", "e1", {meeting("ann@example.net", moment("2026-04-05T10:00:00Z"), "evt:e1|1"),
                                                  meeting("ann@example.net", moment("2026-04-12T10:00:00Z"), "evt:e1|2"),
                                                  meeting("bob@example.net", moment("2026-04-12T10:00:00Z"), "evt:e1|2")}, "", {}});
  batch.events.push_back({"cal", "e2.ics", "e2", {meeting("ann@example.net", moment("2026-06-30T23:00:00Z"), "evt:e2|")}, "", {}});
  // e1 again from another resource: it replaces the rows above, one
  // occurrence fewer and in the next quarter.
  batch.events.push_back({"cal", "e1-copy.ics", "e1", {meeting("ann@example.net", moment("2026-07-01T10:00:00Z"), "evt:e1|3")}, "", {}});
  // Gone in the same batch: e2, counted already.
  batch.removals.push_back({"cal", "e2.ics"});
  ASSERT_TRUE(store->apply("a", batch));
  expect_kept_equals_counted("after one batch replaced and removed its own rows");
  EXPECT_EQ(count("SELECT COUNT(*) FROM interactions"), 2u);
  EXPECT_EQ(count("SELECT SUM(count) FROM interaction_quarters"), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM interaction_quarters WHERE count <= 0"), 0u);

  // The next batch adds to the quarters the first one wrote.
  ExtractedBatch more;
  add(more.mail, mail(InteractionKind::EmailSent, "ann@example.net", moment("2026-04-02T08:00:00Z"), "mid:2"));
  add(more.mail, mail(InteractionKind::EmailSent, "ann@example.net", moment("2026-03-31T23:59:59Z"), "mid:3"));
  ASSERT_TRUE(store->apply("a", more));
  expect_kept_equals_counted("after a second batch");
}

// Outside the years 1..9999 each backend has its own quarter (SQLite's
// strftime, PostgreSQL's kith_quarter): rows there are counted one moment
// at a time and keep whatever quarter the backend gives; none is lost.
TEST_P(InteractionQuartersTest, MomentsOutsideTheCalendarAreEachCounted) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", -70000000000, "mid:ancient-1"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", -70000000001, "mid:ancient-2"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", 300000000000, "mid:far-1"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-04-01T08:00:00Z"), "mid:now"));
  ASSERT_TRUE(store->apply("a", batch));
  EXPECT_EQ(count("SELECT SUM(count) FROM interaction_quarters"), 4u);
  // What the backend's own quarter expression makes of the rows (the one
  // its removal triggers use), row for row.
  const std::string quarter = on_postgres() ? "kith_quarter(occurred_at)"
                                            : "COALESCE(CAST(strftime('%Y', occurred_at, 'unixepoch') AS INTEGER) * 4 + "
                                              "(CAST(strftime('%m', occurred_at, 'unixepoch') AS INTEGER) - 1) / 3, 0)";
  const std::string want = "SELECT handle_id, account, " + quarter + " AS quarter, COUNT(*) AS n, MIN(occurred_at) AS f, "
                           "MAX(occurred_at) AS l FROM interactions GROUP BY handle_id, account, " + quarter;
  EXPECT_EQ(count("SELECT COUNT(*) FROM (" + want + ") w JOIN interaction_quarters m ON m.handle_id = w.handle_id AND "
                  "m.account = w.account AND m.quarter = w.quarter AND m.count = w.n AND m.first_at = w.f AND m.last_at = w.l"),
            count("SELECT COUNT(*) FROM interaction_quarters"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM (" + want + ") w"), count("SELECT COUNT(*) FROM interaction_quarters"));
}

// An interaction whose occurred_at is rewritten moves between quarters.
TEST_P(InteractionQuartersTest, ARewrittenMomentMovesTheCount) {
  ExtractedBatch batch;
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-01-10T00:00:00Z"), "mid:1"));
  add(batch.mail, mail(InteractionKind::EmailReceived, "ann@example.net", moment("2026-01-20T00:00:00Z"), "mid:2"));
  ASSERT_TRUE(store->apply("a", batch));
  ASSERT_TRUE(store->database().exec("UPDATE interactions SET occurred_at = " + std::to_string(moment("2026-05-03T00:00:00Z")) +
                                     " WHERE dedupe_key = 'mid:1'"));
  expect_kept_equals_counted("after a rewrite");
  EXPECT_EQ(count("SELECT COUNT(*) FROM interaction_quarters"), 2u);
}

KITH_ON_EVERY_STORE_BACKEND(InteractionQuartersTest);

}  // namespace
}  // namespace kith::engine

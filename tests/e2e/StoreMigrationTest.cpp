// A store written by the previous release (schema 4, before subjects and
// titles) is migrated forward by this one with nothing lost: every row of
// every table is still there, the history reads as it did, and a sync over
// the same data adds no duplicate. The file tests/data/store/history-schema4.db
// was written by kith at commit dea54a9 (`kith sync` of samples/kith.toml).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"
#include "store/Schema.h"
#include "store/SqliteDatabase.h"
#include "util/Time.h"

namespace kith::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Schema 4's tables and columns: what must survive unchanged.
const std::map<std::string, std::string> kSchema4Columns = {
    {"contacts", "id, name, created_at"},
    {"addresses", "id, contact_id, address"},
    {"interactions", "id, address_id, kind, direction, occurred_at, account, dedupe_key, event_uid"},
    {"event_sources", "account, collection, resource, uid, listed"},
    {"cursors", "account, collection, value, updated_at"},
    {"sync_runs", "id, account, started_at, finished_at, state, items, interactions_added, item_errors, error_kind, "
                  "error_message"},
    {"item_errors", "id, run_id, account, collection, item, message, at"},
    {"account_states", "account, state, since, until, reason, updated_at"},
};

// Where schema 4's tables and columns live now: addresses became email
// handles (same ids), interactions point at handles (same ids).
const std::map<std::string, std::pair<std::string, std::string>> kNowAt = {
    {"addresses", {"handles WHERE kind = 'email'", "id, contact_id, value"}},
    {"interactions", {"interactions", "id, handle_id, kind, direction, occurred_at, account, dedupe_key, event_uid"}},
};

// The first column of every row `sql` selects.
std::vector<std::string> values(const fs::path& db_file, const std::string& sql) {
  std::vector<std::string> out;
  auto db = engine::SqliteDatabase::open(db_file.string());
  EXPECT_TRUE(db) << db.status().message();
  if (!db) return out;
  auto stmt = (*db)->prepare(sql);
  EXPECT_TRUE(stmt) << stmt.status().message();
  while (stmt) {
    auto row = stmt->step();
    if (!row || !*row) break;
    out.push_back(stmt->column_text(0));
  }
  return out;
}

// Every row of `table` (schema 4's columns), each as one SQL-quoted line;
// `migrated`: read from where they live after the migration.
std::vector<std::string> rows(const fs::path& db_file, const std::string& table, bool migrated = false) {
  std::string row_expr;
  std::string source = table;
  std::string columns = kSchema4Columns.at(table) + ",";
  if (auto moved = kNowAt.find(table); migrated && moved != kNowAt.end()) {
    source = moved->second.first;
    columns = moved->second.second + ",";
  }
  for (std::size_t start = 0, comma; (comma = columns.find(',', start)) != std::string::npos; start = comma + 1) {
    std::string column = columns.substr(start, comma - start);
    column.erase(0, column.find_first_not_of(' '));
    row_expr += (row_expr.empty() ? "" : " || '|' || ") + std::string("quote(") + column + ")";
  }
  return values(db_file, "SELECT " + row_expr + " FROM " + source + " ORDER BY 1");
}

std::int64_t scalar(const fs::path& db_file, const std::string& sql) {
  auto db = engine::SqliteDatabase::open(db_file.string());
  if (!db) return -1;
  auto stmt = (*db)->prepare(sql);
  if (!stmt || !*stmt->step()) return -1;
  return stmt->column_int(0);
}

class StoreMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(fs::path(KITH_SAMPLES_DIR) / "data", dir / "data", fs::copy_options::recursive);
    // The sample as the previous release had it: without what came after
    // it (the conference, the mail around it and the second video call)...
    for (const char* later : {"mail/cur/1795171320.M43P4143.sample:2,S", "mail/.Sent/cur/1795257000.M44P4144.sample:2,S",
                              "calendars/conferences", "calendars/personal/coffee-grace.ics"})
      ASSERT_GT(fs::remove_all(dir / "data" / later), 0u) << later;
    // ... and its one account, without [events], without the address book
    // (whose card for Dana would join her two addresses on the next sync)
    // and without the LinkedIn export.
    std::ifstream in(fs::path(KITH_SAMPLES_DIR) / "kith.toml");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::ofstream out(dir / "kith.toml");
    bool in_events = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == "[[account]]" && i + 1 < lines.size() && lines[i + 1] == "name = \"linkedin\"") break;
      if (lines[i].rfind("[", 0) == 0) in_events = lines[i] == "[events]";
      if (!in_events && lines[i].rfind("contacts =", 0) != 0) out << lines[i] << "\n";
    }
    fs::copy_file(fs::path(KITH_TEST_DATA_DIR) / "store" / "history-schema4.db", db());
  }
  fs::path db() const { return dir / "history.db"; }
  ProcessResult kith(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", db().string()});
    return run_kith(args, dir.path(), "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ");
  }
  kith::test::TempDir dir;
};

TEST_F(StoreMigration, AStoreOfThePreviousReleaseMigratesWithNothingLost) {
  ASSERT_EQ(scalar(db(), "PRAGMA user_version"), 4);
  std::map<std::string, std::vector<std::string>> before;
  for (const auto& [table, columns] : kSchema4Columns) before[table] = rows(db(), table);
  ASSERT_EQ(before["interactions"].size(), 117u);

  // Any command that opens the store migrates it.
  auto history = kith({"history", "dana@example.net", "--json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(scalar(db(), "PRAGMA user_version"), engine::kSchemaVersion);
  // Everything but the calendars' cursors, which schema 11 drops so that
  // the next sync reads the calendars again for their events.
  std::vector<std::string> cursors_kept;
  for (const std::string& row : before["cursors"])
    if (row.rfind("'sample'|'work'|", 0) != 0 && row.rfind("'sample'|'personal'|", 0) != 0) cursors_kept.push_back(row);
  ASSERT_EQ(cursors_kept.size(), before["cursors"].size() - 2);
  for (const auto& [table, columns] : kSchema4Columns)
    EXPECT_EQ(rows(db(), table, true), table == "cursors" ? cursors_kept : before[table]) << table;
  EXPECT_EQ(scalar(db(), "SELECT count(*) FROM handles WHERE kind <> 'email'"), 0);
  EXPECT_EQ(scalar(db(), "SELECT count(*) FROM interactions WHERE title <> ''"), 0);

  // What the previous release printed for Dana, now with an empty subject.
  const json h = json::parse(history.out);
  EXPECT_EQ(h["contact"]["counts"], json({{"email_received", 2}, {"email_sent", 1}, {"meeting", 1}}));
  ASSERT_EQ(h["interactions"].size(), 4u);
  EXPECT_EQ(h["interactions"][0]["kind"], "meeting");
  EXPECT_EQ(h["interactions"][0]["when"], "2026-08-22T18:00:00Z");
  EXPECT_TRUE(h["interactions"][3]["subject"].is_null());

  // What is stored, by value: the sync below stores the meetings anew.
  const std::string kInteractionValue =
      "SELECT quote(handle_id) || '|' || kind || '|' || direction || '|' || occurred_at || '|' || account || '|' || "
      "dedupe_key || '|' || quote(event_uid) FROM interactions";
  std::multiset<std::string> stored_before;
  for (const std::string& row : values(db(), kInteractionValue)) stored_before.insert(row);
  ASSERT_EQ(stored_before.size(), 117u);
  const std::int64_t last_weekly =
      scalar(db(), "SELECT max(occurred_at) FROM interactions WHERE event_uid = 'weekly-1on1-priya@example.com'");
  ASSERT_EQ(last_weekly, 1827565200);  // 2027-11-30T09:00:00Z: a year after the store was written

  // A sync over the same data duplicates nothing and fills in the subjects
  // and titles of what it delivers again.
  auto sync = kith({"sync", "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(json::parse(sync.out)[0]["result"], "ok") << sync.out;
  // The calendars are read again, so their meetings are stored anew: the
  // same ones, plus the occurrences of Priya's weekly 1:1 (no end) that came
  // within the horizon (365 days) since the store was written.
  std::multiset<std::string> stored_after;
  for (const std::string& row : values(db(), kInteractionValue)) stored_after.insert(row);
  EXPECT_TRUE(std::includes(stored_after.begin(), stored_after.end(), stored_before.begin(), stored_before.end()))
      << "an interaction of the previous release was lost";
  const std::int64_t horizon_end = engine::now_utc() + 365 * 86400;
  std::int64_t weeks_since = 0;
  for (std::int64_t t = last_weekly + 7 * 86400; t <= horizon_end; t += 7 * 86400) ++weeks_since;
  const std::int64_t added = static_cast<std::int64_t>(stored_after.size() - stored_before.size());
  EXPECT_NEAR(added, weeks_since, 1) << "(one at the horizon's edge, which daylight saving time moves by an hour)";
  EXPECT_EQ(scalar(db(), "SELECT count(*) FROM interactions WHERE occurred_at > " + std::to_string(last_weekly) +
                             " AND event_uid = 'weekly-1on1-priya@example.com' AND kind = 'meeting' AND occurred_at <= " +
                             std::to_string(horizon_end)),
            added)
      << "only the weekly 1:1's new occurrences are new";
  EXPECT_GT(scalar(db(), "SELECT count(*) FROM occurrences"), 0) << "the calendars were read again";
  EXPECT_EQ(rows(db(), "contacts", true), before["contacts"]);
  EXPECT_EQ(rows(db(), "addresses", true), before["addresses"]);
  const json after = json::parse(kith({"history", "dana@example.net", "--json"}).out);
  ASSERT_EQ(after["interactions"].size(), 4u);
  EXPECT_EQ(after["interactions"][0]["subject"], "Dinner at Dana's");
  EXPECT_EQ(after["interactions"][3]["subject"], "Book recommendation");
}

}  // namespace
}  // namespace kith::test

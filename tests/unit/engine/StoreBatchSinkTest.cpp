// The engine's sink: a batch is stored while the provider reads the next,
// and a batch the store refuses stops the sync before any later cursor.
#include <gtest/gtest.h>

#include <string>

#include "TempDir.h"
#include "extract/InteractionExtractor.h"
#include "store/SqlHistoryStore.h"
#include "store/SqliteDatabase.h"
#include "sync/StoreBatchSink.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;

const ExtractionPolicy kPolicy{{"me@example.org"}, {}, 20};

// One message from `sender` to the owner, with the batch's cursor.
Batch batch_from(const std::string& sender, const std::string& cursor) {
  MessageHeaders m;
  m.collection = "INBOX";
  m.item_id = cursor;
  m.folder_role = FolderRole::Inbox;
  m.message_id = sender + "." + cursor;
  m.date = 1750000000;
  m.from.push_back({"", sender});
  m.to.push_back({"Me", "me@example.org"});
  Batch b;
  b.collection = "INBOX";
  b.cursor = cursor;
  b.messages.push_back(std::move(m));
  return b;
}

class StoreBatchSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqlHistoryStore::open(path);
    ASSERT_TRUE(opened) << opened.status().message();
    store = std::move(*opened);
    auto run = store->begin_run("acct", 1750000000);
    ASSERT_TRUE(run) << run.status().message();
    run_id = *run;
  }

  std::string stored_cursor() {
    auto state = store->load_sync_state("acct");
    EXPECT_TRUE(state) << state.status().message();
    return state && state->cursors.count("INBOX") ? state->cursors.at("INBOX") : "";
  }

  // The store refuses any batch with mail from bob.
  Status refuse_bob() {
    return store->database().exec("CREATE TRIGGER refused BEFORE INSERT ON interactions WHEN NEW.dedupe_key "
                                  "LIKE '%bob%' BEGIN SELECT RAISE(ABORT, 'no room for bob'); END");
  }

  TempDir dir;
  const std::string path = (dir / "history.db").string();
  std::unique_ptr<SqlHistoryStore> store;
  std::int64_t run_id = 0;
  const InteractionExtractor extractor{kPolicy};
};

TEST_F(StoreBatchSinkTest, ACommitReturnsWhileTheStoreStillWaitsToWriteIt) {
  // Another connection holds the store's write turn: storing the batch
  // waits for it (up to SQLite's busy timeout), the provider does not.
  auto other = SqliteDatabase::open(path);
  ASSERT_TRUE(other) << other.status().message();
  ASSERT_TRUE((*other)->begin_write());

  StoreBatchSink sink(*store, extractor, "acct", run_id, nullptr);
  const Status committed = sink.commit(batch_from("ann@example.net", "1"));
  ASSERT_TRUE((*other)->commit());
  EXPECT_TRUE(committed) << committed.message();

  const Status stored = sink.finish();
  ASSERT_TRUE(stored) << stored.message();
  EXPECT_EQ(sink.items(), 1u);
  EXPECT_EQ(sink.interactions_added(), 1u);
  EXPECT_EQ(stored_cursor(), "1");
}

TEST_F(StoreBatchSinkTest, ABatchTheStoreRefusesStopsTheSyncBeforeAnyLaterCursor) {
  ASSERT_TRUE(refuse_bob());
  StoreBatchSink sink(*store, extractor, "acct", run_id, nullptr);
  // As a provider does: stop at the first commit that fails.
  Status failed;
  for (const auto& [sender, cursor] : {std::pair{"ann@example.net", "1"}, {"bob@example.net", "2"},
                                       {"cy@example.net", "3"}, {"dee@example.net", "4"}}) {
    failed = sink.commit(batch_from(sender, cursor));
    if (!failed) break;
  }
  const Status finished = sink.finish();
  if (failed) failed = finished;
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.message().find("no room for bob"), std::string::npos) << failed.message();
  EXPECT_EQ(stored_cursor(), "1");
  EXPECT_EQ(sink.items(), 1u);
  EXPECT_EQ(sink.interactions_added(), 1u);
}

TEST_F(StoreBatchSinkTest, TheLastBatchsRefusalComesFromFinish) {
  ASSERT_TRUE(refuse_bob());
  StoreBatchSink sink(*store, extractor, "acct", run_id, nullptr);
  Status failed = sink.commit(batch_from("ann@example.net", "1"));
  ASSERT_TRUE(failed) << failed.message();
  failed = sink.commit(batch_from("bob@example.net", "2"));
  if (failed) failed = sink.finish();
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.message().find("storing a batch of acct"), std::string::npos) << failed.message();
  EXPECT_EQ(stored_cursor(), "1");
}

}  // namespace
}  // namespace kith::engine

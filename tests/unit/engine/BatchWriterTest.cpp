// The provider kit's batch loop (kith/kit/BatchWriter.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kith/host/BatchCollector.h"
#include "kith/kit/BatchWriter.h"

namespace kith {
namespace {

class Sink final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    ++attempts;
    if (attempts == fail_at) return Status::transient("disk full");
    batches.push_back(batch);
    return {};
  }
  void item_failed(std::string_view collection, std::string_view item, const Status&) noexcept override {
    failures.push_back(std::string(collection) + "/" + std::string(item));
  }
  void progress(std::string_view, std::uint64_t done, std::uint64_t total) noexcept override {
    progress_calls.emplace_back(done, total);
  }
  int attempts = 0, fail_at = 0;
  std::vector<Batch> batches;
  std::vector<std::string> failures;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> progress_calls;
};

MessageHeaders message(int i) {
  MessageHeaders m;
  m.collection = "INBOX";
  m.item_id = std::to_string(i);
  m.from.push_back({"", "a@example.net"});
  return m;
}

TEST(BatchWriter, CommitsFullBatchesWithTheCursorAfterThemAndReportsProgress) {
  Sink sink;
  int cursor = 0;
  kit::BatchWriter out(sink, "INBOX", {.batch_size = 2, .total = 5});
  out.cursor_after([&] { return std::optional<std::string>(std::to_string(cursor)); });
  for (int i = 1; i <= 5; ++i) {
    cursor = i;
    if (i == 3) {
      out.item_failed("3", Status::item("broken"));
      continue;
    }
    ASSERT_TRUE(out.add(message(i)));
  }
  ASSERT_TRUE(out.finish());
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[0].messages.size(), 2u);
  EXPECT_EQ(sink.batches[0].cursor, "2");
  EXPECT_EQ(sink.batches[1].messages.size(), 2u);
  EXPECT_EQ(sink.batches[1].cursor, "5");
  EXPECT_EQ(sink.failures, std::vector<std::string>{"INBOX/3"});
  EXPECT_EQ(sink.progress_calls, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{2, 5}, {5, 5}}));
  EXPECT_EQ(out.committed(), 4u);
  EXPECT_EQ(out.failed(), 1u);
}

TEST(BatchWriter, FinishStoresNothingWhenNothingMovedButAMovedCursorOrAFirstTime) {
  Sink sink;
  std::string cursor = "a";
  kit::BatchWriter out(sink, "c", {.batch_size = 1});
  out.cursor_after([&] { return std::optional<std::string>(cursor); });
  ASSERT_TRUE(out.finish());  // first time: the cursor is stored
  ASSERT_TRUE(out.finish());  // nothing moved
  EXPECT_EQ(sink.batches.size(), 1u);
  cursor = "b";  // e.g. skipped items
  ASSERT_TRUE(out.finish());
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[1].cursor, "b");
}

TEST(BatchWriter, AFailedCommitIsReturnedByEveryLaterCall) {
  Sink sink;
  sink.fail_at = 1;
  kit::BatchWriter out(sink, "INBOX", {.batch_size = 1});
  const Status first = out.add(message(1));
  EXPECT_EQ(first.kind(), ErrorKind::Transient);
  EXPECT_EQ(out.add(message(2)).message(), "disk full");
  EXPECT_EQ(out.finish().message(), "disk full");
  EXPECT_EQ(sink.attempts, 1) << "nothing is committed after a failed commit";
}

TEST(BatchWriter, AGroupIsNeverSplitAndAListingIsMarked) {
  Sink sink;
  kit::BatchWriter out(sink, "work", {.batch_size = 2});
  out.begin_listing();
  std::vector<CalendarEvent> three(3);
  ASSERT_TRUE(out.add_group(std::move(three)));
  ASSERT_TRUE(out.add(EventRemoval{"work", "old.ics"}));
  ASSERT_TRUE(out.finish());
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[0].events.size(), 3u);
  EXPECT_TRUE(sink.batches[0].listing_begins);
  EXPECT_FALSE(sink.batches[0].listing_ends);
  EXPECT_EQ(sink.batches[1].removals.size(), 1u);
  EXPECT_FALSE(sink.batches[1].listing_begins);
  EXPECT_TRUE(sink.batches[1].listing_ends);
  EXPECT_EQ(sink.batches[1].listing_collection, "work");
}

}  // namespace
}  // namespace kith

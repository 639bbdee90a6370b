// The BatchSink the engine hands a provider: every batch, reassembled from
// the provider's records, is extracted and stored with its cursor in one
// transaction.
//
// The store writes one batch while the provider reads the next: a commit
// extracts its batch on the provider's thread, waits for the batch before
// it to be stored, and hands its own to a writer thread. Reading (network,
// MIME, iCalendar, recurrence) and storing (SQLite, PostgreSQL) then take a
// core each instead of taking turns. A batch the store refuses fails the
// provider's next commit (that batch is dropped unstored, so the provider
// stops there) or, for the last one, finish(): a cursor is never stored
// after a batch that failed before it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "extract/InteractionExtractor.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "kith/host/BatchCollector.h"
#include "store/HistoryStore.h"
#include "sync/SyncObserver.h"

namespace kith::engine {

class StoreBatchSink final : public BatchCollector {
 public:
  StoreBatchSink(HistoryStore& store, const InteractionExtractor& extractor, std::string account,
                 std::int64_t run_id, SyncObserver* observer, Logger* logger = nullptr)
      : store_(store),
        extractor_(extractor),
        account_(std::move(account)),
        run_id_(run_id),
        observer_(observer),
        logger_(logger) {}
  // Waits for a batch still being stored (its result unread: call finish()).
  ~StoreBatchSink();
  StoreBatchSink(const StoreBatchSink&) = delete;
  StoreBatchSink& operator=(const StoreBatchSink&) = delete;

  Status on_batch(Batch& batch) noexcept override;
  void item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept override;
  void progress(std::string_view collection, std::uint64_t done, std::uint64_t total) noexcept override;

  // Waits until every batch committed so far is stored; the first failure
  // among them not yet returned by a commit. Call it when the provider is
  // done, before reading the counts below.
  [[nodiscard]] Status finish() noexcept;

  std::size_t items() const { return items_; }
  std::size_t interactions_added() const { return added_; }
  std::size_t interactions_removed() const { return removed_; }
  std::size_t item_errors() const { return item_errors_; }

 private:
  // What storing one batch gave: the store's answer, and the batch.
  struct Stored {
    Result<ApplyResult> applied;
    ExtractedBatch batch;
  };

  // The writer thread: stores each batch handed to it, one at a time.
  void write_batches() noexcept;
  // Waits for the batch in the writer's hands and takes its result.
  Status collect_stored() noexcept;

  HistoryStore& store_;
  const InteractionExtractor& extractor_;
  std::string account_;
  std::int64_t run_id_;
  SyncObserver* observer_;
  Logger* logger_;  // rule 1 conflicts go here at debug level; may be null
  std::thread writer_;  // started by the first batch
  std::mutex mutex_;    // guards the four below
  std::condition_variable changed_;
  std::optional<ExtractedBatch> handed_;  // for the writer to take
  std::optional<Stored> stored_;          // what it gave, until collected
  bool busy_ = false;                     // a batch is handed or being stored
  bool stopping_ = false;
  std::size_t items_ = 0;
  std::size_t added_ = 0;
  std::size_t removed_ = 0;
  std::size_t item_errors_ = 0;
};

}  // namespace kith::engine

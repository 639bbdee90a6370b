// The BatchSink the engine hands a provider: every batch, reassembled from
// the provider's records, is extracted and stored with its cursor in one transaction.
#pragma once

#include <cstdint>

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

  Status on_batch(Batch& batch) noexcept override;
  void item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept override;
  void progress(std::string_view collection, std::uint64_t done, std::uint64_t total) noexcept override;

  std::size_t items() const { return items_; }
  std::size_t interactions_added() const { return added_; }
  std::size_t interactions_removed() const { return removed_; }
  std::size_t item_errors() const { return item_errors_; }

 private:
  HistoryStore& store_;
  const InteractionExtractor& extractor_;
  std::string account_;
  std::int64_t run_id_;
  SyncObserver* observer_;
  Logger* logger_;  // rule 1 conflicts go here at debug level; may be null
  std::size_t items_ = 0;
  std::size_t added_ = 0;
  std::size_t removed_ = 0;
  std::size_t item_errors_ = 0;
};

}  // namespace kith::engine

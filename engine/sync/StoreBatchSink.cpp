#include "sync/StoreBatchSink.h"

#include <exception>
#include <utility>

#include "sync/SyncObserver.h"
#include "util/Time.h"

namespace kith::engine {

StoreBatchSink::~StoreBatchSink() {
  if (in_flight_ && in_flight_->valid()) in_flight_->wait();
}

Status StoreBatchSink::on_batch(Batch& batch) noexcept {
  try {
    ExtractedBatch extracted = extractor_.extract(batch);
    // One batch in the writer's hands at a time: memory stays at two
    // batches, and a failure stops the provider one batch later at most.
    if (auto s = collect_in_flight(); !s) return s;
    in_flight_ = std::async(std::launch::async, [this, extracted = std::move(extracted)]() mutable -> Stored {
      // The batch goes back to be freed by the thread that allocated it.
      try {
        auto applied = store_.apply(account_, extracted);
        return {std::move(applied), std::move(extracted)};
      } catch (const std::exception& e) {
        return {Status::internal(std::string("storing a batch: ") + e.what()), std::move(extracted)};
      }
    });
    return {};
  } catch (const std::exception& e) {
    return Status::internal(std::string("storing a batch: ") + e.what());
  }
}

Status StoreBatchSink::collect_in_flight() noexcept {
  if (!in_flight_) return {};
  try {
    Stored stored = in_flight_->get();
    in_flight_.reset();
    if (!stored.applied) return stored.applied.status().with_context("storing a batch of " + account_);
    items_ += stored.batch.items;
    added_ += stored.applied->interactions_added;
    removed_ += stored.applied->interactions_removed;
    if (logger_ != nullptr)
      for (const std::string& reused : stored.applied->reused_keys)
        logger_->log(LogLevel::Debug, "message key " + reused +
                                          " adds nothing: another message was stored under that key first (rule 1)");
    return {};
  } catch (const std::exception& e) {
    in_flight_.reset();
    return Status::internal(std::string("storing a batch: ") + e.what());
  }
}

Status StoreBatchSink::finish() noexcept { return collect_in_flight(); }

void StoreBatchSink::item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept {
  try {
    ++item_errors_;
    const ItemError error{account_, std::string(collection), std::string(item), why.message(), now_utc()};
    (void)store_.record_item_error(run_id_, error);
    if (observer_) observer_->on_item_error(error);
  } catch (...) {
    // A failure to record an item error must not stop the sync.
  }
}

void StoreBatchSink::progress(std::string_view collection, std::uint64_t done, std::uint64_t total) noexcept {
  try {
    if (observer_) observer_->on_progress(account_, collection, done, total);
  } catch (...) {
  }
}

}  // namespace kith::engine

#include "sync/StoreBatchSink.h"

#include <exception>
#include <utility>

#include "sync/SyncObserver.h"
#include "util/Time.h"

namespace kith::engine {

StoreBatchSink::~StoreBatchSink() {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !busy_; });
    stopping_ = true;
  }
  changed_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Status StoreBatchSink::on_batch(Batch& batch) noexcept {
  try {
    ExtractedBatch extracted = extractor_.extract(batch);
    // One batch in the writer's hands at a time: memory stays at two
    // batches, and a failure stops the provider one batch later at most.
    if (auto s = collect_stored(); !s) return s;
    // One thread for the whole sync, so that the store's allocations stay
    // in one malloc arena.
    if (!writer_.joinable()) writer_ = std::thread([this] { write_batches(); });
    {
      const std::lock_guard lock(mutex_);
      handed_ = std::move(extracted);
      busy_ = true;
    }
    changed_.notify_all();
    return {};
  } catch (const std::exception& e) {
    return Status::internal(std::string("storing a batch: ") + e.what());
  }
}

void StoreBatchSink::write_batches() noexcept {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return handed_.has_value() || stopping_; });
    if (!handed_) return;
    ExtractedBatch batch = std::move(*handed_);
    handed_.reset();
    lock.unlock();
    Stored stored{ApplyResult{}, {}};
    try {
      stored.applied = store_.apply(account_, batch);
    } catch (const std::exception& e) {
      stored.applied = Status::internal(std::string("storing a batch: ") + e.what());
    } catch (...) {
      stored.applied = Status::internal("storing a batch: an unknown exception");
    }
    // The batch goes back to be freed by the thread that allocated it.
    stored.batch = std::move(batch);
    lock.lock();
    stored_ = std::move(stored);
    busy_ = false;
    changed_.notify_all();
  }
}

Status StoreBatchSink::collect_stored() noexcept {
  try {
    std::optional<Stored> stored;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !busy_; });
      stored.swap(stored_);
    }
    if (!stored) return {};
    if (!stored->applied) return stored->applied.status().with_context("storing a batch of " + account_);
    items_ += stored->batch.items;
    added_ += stored->applied->interactions_added;
    removed_ += stored->applied->interactions_removed;
    if (logger_ != nullptr)
      for (const std::string& reused : stored->applied->reused_keys)
        logger_->log(LogLevel::Debug, "message key " + reused +
                                          " adds nothing: another message was stored under that key first (rule 1)");
    return {};
  } catch (const std::exception& e) {
    return Status::internal(std::string("storing a batch: ") + e.what());
  }
}

Status StoreBatchSink::finish() noexcept { return collect_stored(); }

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

#include "sync/StoreBatchSink.h"

#include "sync/SyncObserver.h"
#include "util/Time.h"

namespace kith::engine {

Status StoreBatchSink::on_batch(Batch& batch) noexcept {
  try {
    const ExtractedBatch extracted = extractor_.extract(batch);
    auto applied = store_.apply(account_, extracted);
    if (!applied) return applied.status().with_context("storing a batch of " + account_);
    items_ += extracted.items;
    added_ += applied->interactions_added;
    removed_ += applied->interactions_removed;
    if (logger_ != nullptr)
      for (const std::string& reused : applied->reused_keys)
        logger_->log(LogLevel::Debug, "message key " + reused +
                                          " adds nothing: another message was stored under that key first (rule 1)");
    return {};
  } catch (const std::exception& e) {
    return Status::internal(std::string("storing a batch: ") + e.what());
  }
}

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

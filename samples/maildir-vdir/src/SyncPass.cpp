#include "SyncPass.h"

namespace kith::local {

SyncPass::SyncPass(const ProviderContext& context, const LocalSettings& settings, const SyncState& state,
                   BatchSink& sink, UnixSeconds now, std::size_t batch_size)
    : context_(context),
      settings_(settings),
      state_(state),
      sink_(sink),
      now_(now),
      batch_size_(batch_size == 0 ? 1 : batch_size) {}

CollectionCursor& SyncPass::cursor(const std::string& collection) {
  auto cached = cursors_.find(collection);
  if (cached != cursors_.end()) return cached->second;
  CollectionCursor decoded;
  auto stored = state_.cursors.find(collection);
  if (stored != state_.cursors.end()) {
    if (auto value = decode_cursor(stored->second)) {
      decoded = std::move(*value);
    } else {
      log(LogLevel::Warn, "'" + collection + "': the stored cursor is unreadable; reading the collection again");
    }
  }
  return cursors_.emplace(collection, std::move(decoded)).first->second;
}

Status SyncPass::commit(Batch& batch, std::uint64_t done, std::uint64_t total) {
  batch.cursor = encode_cursor(cursor(batch.collection));
  Status status = sink_.commit(batch);
  if (!status) return status;
  messages += batch.messages.size();
  events += batch.events.size();
  removals += batch.removals.size();
  sink_.progress(batch.collection, done, total);
  batch.messages.clear();
  batch.events.clear();
  batch.removals.clear();
  return status;
}

void SyncPass::item_failed(std::string_view collection, std::string_view item, const Status& why) {
  ++failures;
  log(LogLevel::Debug, std::string(collection) + "/" + std::string(item) + ": " + why.message());
  sink_.item_failed(collection, item, why);
}

void SyncPass::collection_failed(const Status& why) {
  log(LogLevel::Warn, why.message());
  if (collection_status_.is_ok()) collection_status_ = why;
}

}  // namespace kith::local

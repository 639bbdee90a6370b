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

void SyncPass::track_cursor(kit::BatchWriter& out) {
  const std::string collection = out.collection();
  out.cursor_after([this, collection] { return std::optional<std::string>(encode_cursor(cursor(collection))); });
}

void SyncPass::item_failed(kit::BatchWriter& out, std::string_view item, const Status& why) {
  ++failures;
  log(LogLevel::Debug, out.collection() + "/" + std::string(item) + ": " + why.message());
  out.item_failed(item, why);
}

void SyncPass::collection_failed(const Status& why) {
  log(LogLevel::Warn, why.message());
  if (collection_status_.is_ok()) collection_status_ = why;
}

}  // namespace kith::local

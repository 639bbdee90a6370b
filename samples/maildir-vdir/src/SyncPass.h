// What one LocalProvider::sync call shares between its mail, calendar and
// contacts parts: the context and sink, the cursors (decoded once, updated as
// batches are committed), cancellation, logging and counters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "LocalCursor.h"
#include "LocalSettings.h"
#include "kith/Host.h"
#include "kith/Items.h"
#include "kith/Provider.h"
#include "kith/kit/BatchWriter.h"

namespace kith::local {

class SyncPass {
 public:
  SyncPass(const ProviderContext& context, const LocalSettings& settings, const SyncState& state,
           BatchSink& sink, UnixSeconds now, std::size_t batch_size);

  const LocalSettings& settings() const { return settings_; }
  const SyncState& state() const { return state_; }
  BatchSink& sink() { return sink_; }
  UnixSeconds now() const { return now_; }
  std::size_t batch_size() const { return batch_size_; }
  bool cancelled() const { return context_.cancellation().requested(); }

  void log(LogLevel level, std::string_view message) const { context_.logger().log(level, message); }

  // The cursor stored for `collection`, decoded on first use; empty (read
  // everything) when there is none or it cannot be decoded (logged).
  CollectionCursor& cursor(const std::string& collection);

  // Makes every commit of `out` carry the current value of
  // cursor(out.collection()): the kit's batch loop, with this provider's
  // cursors.
  void track_cursor(kit::BatchWriter& out);

  // Adds what `out` stored to the counters below.
  void count(const kit::BatchWriter& out) { items += out.committed(); }

  // Reports an unreadable item through `out`, logs and counts it.
  void item_failed(kit::BatchWriter& out, std::string_view item, const Status& why);

  // A collection that could not be read: logged, remembered, the pass goes on.
  void collection_failed(const Status& why);
  // The first collection error, or OK.
  const Status& collection_status() const { return collection_status_; }

  std::size_t items = 0, failures = 0;

 private:
  const ProviderContext& context_;
  const LocalSettings& settings_;
  const SyncState& state_;
  BatchSink& sink_;
  UnixSeconds now_;
  std::size_t batch_size_;
  std::map<std::string, CollectionCursor> cursors_;
  Status collection_status_;
};

}  // namespace kith::local

// Told about a sync pass while it runs (the CLI prints it, the daemon
// logs it). Its own header so that the runner and the batch sink, which
// both report to it, do not include each other.
#pragma once

#include <cstdint>
#include <string_view>

#include "store/HistoryStore.h"

namespace kith::engine {

// Called on the syncing thread.
class SyncObserver {
 public:
  virtual ~SyncObserver() = default;
  virtual void on_progress(std::string_view account, std::string_view collection, std::uint64_t done,
                           std::uint64_t total) = 0;
  virtual void on_item_error(const ItemError& error) = 0;
};

}  // namespace kith::engine

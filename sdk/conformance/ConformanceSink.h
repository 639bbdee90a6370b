// The sink the conformance suite hands a provider: it keeps what a store
// would keep (the items of committed batches and their cursors) and can
// play a crash (a commit that fails) or a user who cancels.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kith/host/BatchCollector.h"

namespace kith::conformance {

struct Delivery {
  std::string identity;  // "message INBOX/uid 7", "event work/a.ics": what must arrive once
  std::string content;   // every field, to compare deliveries
};

// Every item of `batch`, in batch order.
std::vector<Delivery> deliveries_of(const Batch& batch);

class ConformanceSink final : public BatchCollector {
 public:
  // The commit with this number (from 1) fails, as if Kith crashed before
  // storing it; 0 = none does.
  std::size_t fail_at = 0;
  // Called after each stored batch (e.g. to request cancellation).
  std::function<void()> after_commit;

  std::vector<Delivery> delivered;            // items of stored batches
  std::map<std::string, std::string> cursors;  // as stored
  std::vector<std::string> item_failures;     // "collection/item: why"
  std::size_t commits = 0;                    // commit attempts
  std::size_t commits_after_failure = 0;      // a provider must stop at a failed commit
  std::size_t progress_calls = 0;

  void item_failed(std::string_view collection, std::string_view item, const Status& why) noexcept override;
  void progress(std::string_view collection, std::uint64_t done, std::uint64_t total) noexcept override;

 private:
  Status on_batch(Batch& batch) noexcept override;
  bool failed_ = false;
};

}  // namespace kith::conformance

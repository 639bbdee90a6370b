// The caldav provider: every event calendar of one CalDAV account.
#pragma once

#include "dav/transport/HttpClient.h"
#include "kith/Provider.h"
#include "sync/CalDavSettings.h"

namespace kith::caldav {

class CalDavProvider final : public Provider {
 public:
  // Throws std::invalid_argument for unusable settings (the SDK turns that
  // into a refusal naming the account).
  explicit CalDavProvider(const ProviderContext& context);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Discovers the calendars and says which ones a sync reads.
  Result<CheckReport> check() noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass();
  // The HTTP options for this account, with its secret resolved.
  Result<dav::HttpOptions> http_options() const;

  const ProviderContext& context_;
  CalDavSettings settings_;
};

}  // namespace kith::caldav

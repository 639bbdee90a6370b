// The carddav provider: every address book of one CardDAV account.
#pragma once

#include "dav/transport/HttpClient.h"
#include "kith/Provider.h"
#include "sync/CardDavSettings.h"

namespace kith::carddav {

class CardDavProvider final : public Provider {
 public:
  // Throws std::invalid_argument for unusable settings (the SDK turns that
  // into a refusal naming the account).
  explicit CardDavProvider(const ProviderContext& context);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Discovers the address books and says which ones a sync reads.
  Result<CheckReport> check() noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass();

  const ProviderContext& context_;
  CardDavSettings settings_;
};

}  // namespace kith::carddav

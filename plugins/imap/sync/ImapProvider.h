// The imap provider: one account, one connection per sync pass.
#pragma once

#include "kith/Provider.h"
#include "sync/ImapSettings.h"

namespace kith::imap {

class ImapProvider final : public Provider {
 public:
  // Throws std::invalid_argument for unusable settings (the SDK turns that
  // into a refusal naming the account).
  explicit ImapProvider(const ProviderContext& context);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);

  const ProviderContext& context_;
  ImapSettings settings_;
};

}  // namespace kith::imap

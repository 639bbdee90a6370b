// The imap provider: one account, one connection per sync pass.
#pragma once

#include <memory>

#include "kith/Provider.h"
#include "sync/FolderSync.h"
#include "sync/ImapSettings.h"
#include "transport/ImapSession.h"

namespace kith::imap {

class ImapProvider final : public Provider {
 public:
  // Throws std::invalid_argument for unusable settings (the SDK turns that
  // into a refusal naming the account).
  explicit ImapProvider(const ProviderContext& context);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // IDLE on INBOX (servers with the IDLE capability).
  Result<WatchOutcome> watch(std::int64_t max_wait_ms) noexcept override;

  // Logs in and lists every folder with its role, and whether a sync reads it.
  Result<CheckReport> check() noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<WatchOutcome> watch_pass(std::int64_t max_wait_ms);
  Result<CheckReport> check_pass();
  // Connects, logs in and reads the capabilities.
  Result<std::unique_ptr<ImapSession>> open_session(ServerFeatures& features);

  const ProviderContext& context_;
  ImapSettings settings_;
};

}  // namespace kith::imap

// The `local` provider: message headers from a Maildir tree, calendar
// events from a vdir and contact cards from a vdir of address books, all
// incremental (see LocalCursor.h).
#pragma once

#include <cstddef>
#include <functional>

#include "LocalSettings.h"
#include "kith/Host.h"
#include "kith/Items.h"
#include "kith/Provider.h"

namespace kith::local {

inline constexpr const char* kProviderId = "local";
inline constexpr const char* kProviderName = "Local Maildir and vdir";
inline constexpr const char* kProviderVersion = "1.0.0";

class LocalProvider final : public Provider {
 public:
  struct Options {
    // Items per committed batch.
    std::size_t batch_size = 500;
  };

  // Throws std::invalid_argument when the settings are unusable (see
  // LocalSettings::from); the plugin's factory turns that into a refusal.
  explicit LocalProvider(const ProviderContext& context);
  LocalProvider(const ProviderContext& context, Options options);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Lists the Maildir folders, vdir calendars and address books, reading no
  // message.
  Result<CheckReport> check() noexcept override;

  const LocalSettings& settings() const noexcept { return settings_; }

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass() const;

  const ProviderContext& context_;
  LocalSettings settings_;
  Options options_;
};

}  // namespace kith::local

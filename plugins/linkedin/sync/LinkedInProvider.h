// The `linkedin` provider: LinkedIn's "Get a copy of your data" export, as
// the downloaded .zip or its unpacked folder. Connections.csv gives contact
// cards; messages.csv and Invitations.csv give conversation messages on
// channel "linkedin". Each file has its own cursor (LinkedInCursor.h): an
// unchanged file costs one read, a changed one delivers what changed.
#pragma once

#include <cstddef>

#include "kith/Host.h"
#include "kith/Items.h"
#include "kith/Provider.h"
#include "sync/LinkedInSettings.h"

namespace kith::linkedin {

inline constexpr const char* kProviderId = "linkedin";
inline constexpr const char* kProviderName = "LinkedIn data export";
inline constexpr const char* kProviderVersion = "1.0.0";

class LinkedInProvider final : public Provider {
 public:
  struct Options {
    std::size_t batch_size = 500;  // items per committed batch
  };

  // Throws std::invalid_argument when the settings are unusable (see
  // LinkedInSettings::from); the plugin's factory turns that into a refusal.
  explicit LinkedInProvider(const ProviderContext& context);
  LinkedInProvider(const ProviderContext& context, Options options);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Opens the export and lists which of its files would be read.
  Result<CheckReport> check() noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass() const;

  const ProviderContext& context_;
  LinkedInSettings settings_;
  Options options_;
};

}  // namespace kith::linkedin

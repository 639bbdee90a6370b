// The `local` provider's plugin entry point: its descriptor and settings.
#include "LocalProvider.h"
#include "LocalSettings.h"
#include "kith/Plugin.h"

KITH_DECLARE_PROVIDER(kith::local::LocalProvider, kith::local::kProviderId, kith::local::kProviderName,
                      kith::local::kProviderVersion, kith::local::kLocalSettings)

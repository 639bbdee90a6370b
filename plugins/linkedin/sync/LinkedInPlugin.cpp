// The `linkedin` provider's plugin entry point: its descriptor and settings.
#include "kith/Plugin.h"
#include "sync/LinkedInProvider.h"
#include "sync/LinkedInSettings.h"

KITH_DECLARE_PROVIDER(kith::linkedin::LinkedInProvider, kith::linkedin::kProviderId, kith::linkedin::kProviderName,
                      kith::linkedin::kProviderVersion, kith::linkedin::kLinkedInSettings)

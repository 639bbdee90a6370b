// The plugin's only export: the descriptor.
#include "kith/Plugin.h"
#include "sync/CardDavProvider.h"

KITH_DECLARE_PROVIDER(kith::carddav::CardDavProvider, "carddav", "CardDAV (contact cards)", "0.1.0",
                      kith::carddav::kCardDavSettingSpecs)

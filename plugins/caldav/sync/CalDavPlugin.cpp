// The plugin's only export: the descriptor.
#include "kith/Plugin.h"
#include "sync/CalDavProvider.h"

KITH_DECLARE_PROVIDER(kith::caldav::CalDavProvider, "caldav", "CalDAV (calendar events)", "0.1.0",
                      kith::caldav::kCalDavSettingSpecs)

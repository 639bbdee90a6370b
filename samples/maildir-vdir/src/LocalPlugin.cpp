// The `local` provider's plugin entry point: its descriptor and settings.
#include "LocalProvider.h"
#include "LocalSettings.h"
#include "kith/Plugin.h"

namespace {

const kith::SettingSpec kLocalSettings[] = {
    {kith::local::kMaildirKey, kith::SettingType::Path,
     "root of a Maildir tree (mbsync/offlineimap layout, Maildir++ or verbatim folders)"},
    {kith::local::kVdirKey, kith::SettingType::Path,
     "root of a vdir (vdirsyncer layout: one subfolder of .ics files per calendar)"},
    {kith::local::kHorizonDaysKey, kith::SettingType::Integer,
     "how many days ahead recurring events are expanded (default 365)"},
    {kith::local::kExcludeFoldersKey, kith::SettingType::StringList,
     "mail folders or calendars to skip, by name (\"Trash\", \"Archive/2019\"); subfolders too"},
};

}  // namespace

KITH_DECLARE_PROVIDER(kith::local::LocalProvider, kith::local::kProviderId, kith::local::kProviderName,
                      kith::local::kProviderVersion, kLocalSettings)

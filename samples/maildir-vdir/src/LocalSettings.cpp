#include "LocalSettings.h"

#include <stdexcept>

#include "kith/kit/Settings.h"

namespace kith::local {

const SettingSpec kLocalSettings[5] = {
    {kMaildirKey, SettingType::Path,
     "root of a Maildir tree (mbsync/offlineimap layout, Maildir++ or verbatim folders)"},
    {kVdirKey, SettingType::Path, "root of a vdir (vdirsyncer layout: one subfolder of .ics files per calendar)"},
    {kContactsKey, SettingType::Path,
     "root of a contacts vdir (vdirsyncer layout: one subfolder of .vcf files per address book)"},
    {kHorizonDaysKey, SettingType::Integer, "how many days ahead recurring events are expanded", "365", 0,
     kMaxHorizonDays},
    {kExcludeFoldersKey, SettingType::StringList,
     "mail folders, calendars or address books to skip, by name (\"Trash\", \"Archive/2019\"); subfolders too"},
};

namespace {

std::optional<std::filesystem::path> path_setting(const AccountSettings& settings, const char* key) {
  auto value = settings.get_string(key);
  if (!value) return std::nullopt;
  if (value->empty()) throw std::invalid_argument(std::string("setting '") + key + "' is empty");
  return std::filesystem::path(*value);
}

}  // namespace

LocalSettings LocalSettings::from(const AccountSettings& settings) {
  LocalSettings result;
  result.maildir = path_setting(settings, kMaildirKey);
  result.vdir = path_setting(settings, kVdirKey);
  result.contacts = path_setting(settings, kContactsKey);
  if (!result.maildir && !result.vdir && !result.contacts) {
    throw std::invalid_argument(
        "the local provider needs 'maildir' (a Maildir tree), 'vdir' (a vdirsyncer calendar folder) or 'contacts' "
        "(a vdirsyncer address book folder), or several");
  }
  result.horizon_days = static_cast<int>(kit::integer_setting(settings, kLocalSettings, kHorizonDaysKey));
  if (auto folders = settings.get_string_list(kExcludeFoldersKey)) result.exclude_folders = std::move(*folders);
  return result;
}

bool LocalSettings::excluded(std::string_view collection) const {
  for (const auto& folder : exclude_folders) {
    if (folder.empty()) continue;
    if (collection == folder) return true;
    // A folder below an excluded one: "Archive/2019", or Maildir++ "Archive.2019".
    if (collection.size() > folder.size() && collection.substr(0, folder.size()) == folder &&
        (collection[folder.size()] == '/' || collection[folder.size()] == '.')) {
      return true;
    }
  }
  return false;
}

}  // namespace kith::local

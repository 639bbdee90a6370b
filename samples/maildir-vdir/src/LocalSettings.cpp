#include "LocalSettings.h"

#include <stdexcept>

namespace kith::local {
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
  if (!result.maildir && !result.vdir) {
    throw std::invalid_argument(
        "the local provider needs 'maildir' (a Maildir tree) or 'vdir' (a vdirsyncer calendar folder), or both");
  }
  if (auto days = settings.get_integer(kHorizonDaysKey)) {
    if (*days < 0 || *days > kMaxHorizonDays) {
      throw std::invalid_argument("setting 'horizon_days' must be between 0 and " +
                                  std::to_string(kMaxHorizonDays) + ", not " + std::to_string(*days));
    }
    result.horizon_days = static_cast<int>(*days);
  }
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

// The `local` provider's account settings, read once from the engine's
// already type-checked AccountSettings.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::local {

inline constexpr const char* kMaildirKey = "maildir";
inline constexpr const char* kVdirKey = "vdir";
inline constexpr const char* kContactsKey = "contacts";
inline constexpr const char* kHorizonDaysKey = "horizon_days";
inline constexpr const char* kExcludeFoldersKey = "exclude_folders";

inline constexpr int kDefaultHorizonDays = 365;  // as kLocalSettings declares it
inline constexpr int kMaxHorizonDays = 3650;

// The provider's settings as declared in its descriptor: the engine checks
// types and ranges and fills defaults from them.
extern const SettingSpec kLocalSettings[5];

struct LocalSettings {
  std::optional<std::filesystem::path> maildir;
  std::optional<std::filesystem::path> vdir;
  std::optional<std::filesystem::path> contacts;
  int horizon_days = kDefaultHorizonDays;
  std::vector<std::string> exclude_folders;

  // Throws std::invalid_argument with a message for the user when no root
  // is set or a root is empty. (Ranges are the engine's to check.)
  static LocalSettings from(const AccountSettings& settings);

  // True when `collection` (a mail folder, calendar or address book) or a folder
  // above it is listed in exclude_folders.
  bool excluded(std::string_view collection) const;
};

}  // namespace kith::local

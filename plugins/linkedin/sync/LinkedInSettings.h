// The `linkedin` provider's account settings, read once from the engine's
// already type-checked AccountSettings.
#pragma once

#include <filesystem>
#include <string>

#include "archive/ExportSource.h"
#include "csv/CsvReader.h"
#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::linkedin {

inline constexpr const char* kPathKey = "path";
// Also an owner handle of the account for the engine (engine/host/AccountContext.cpp).
inline constexpr const char* kProfileUrlKey = "profile_url";
inline constexpr const char* kMaxFileBytesKey = "max_file_bytes";
inline constexpr const char* kMaxRowsKey = "max_rows";
inline constexpr const char* kMaxFieldBytesKey = "max_field_bytes";

// The provider's settings as declared in its descriptor: the engine checks
// types and ranges and fills defaults from them.
extern const SettingSpec kLinkedInSettings[5];

struct LinkedInSettings {
  std::filesystem::path path;  // the export's .zip or the folder it was unpacked into
  std::string profile_url;     // the owner's own profile; may be empty
  ExportLimits export_limits;
  CsvLimits csv_limits;

  // Throws std::invalid_argument with a message for the user when `path`
  // is missing or empty. (Ranges are the engine's to check.)
  static LinkedInSettings from(const AccountSettings& settings);
};

}  // namespace kith::linkedin

#include "sync/LinkedInSettings.h"

#include <stdexcept>

#include "kith/Ascii.h"
#include "kith/kit/Settings.h"

namespace kith::linkedin {

const SettingSpec kLinkedInSettings[5] = {
    {kPathKey, SettingType::Path,
     "LinkedIn's \"Get a copy of your data\" export: the downloaded .zip, or the folder it was unpacked into"},
    {kProfileUrlKey, SettingType::String,
     "your own profile URL (https://www.linkedin.com/in/you): an owner handle, so messages you sent count as sent"},
    {kMaxFileBytesKey, SettingType::Integer, "most bytes read from one CSV file of the export, after decompression",
     "268435456", 1024, std::int64_t{1} << 40},
    {kMaxRowsKey, SettingType::Integer, "most rows read from one CSV file of the export", "1000000", 1, 100000000},
    {kMaxFieldBytesKey, SettingType::Integer, "longest field of a CSV file (a message's text included)", "1048576",
     1024, std::int64_t{1} << 30},
};

LinkedInSettings LinkedInSettings::from(const AccountSettings& settings) {
  LinkedInSettings result;
  const auto path = settings.get_string(kPathKey);
  if (!path || path->empty())
    throw std::invalid_argument("the linkedin provider needs 'path': the export's .zip or its unpacked folder");
  result.path = *path;
  if (auto url = settings.get_string(kProfileUrlKey)) result.profile_url = std::string(ascii::trim(*url));
  result.export_limits.max_file_bytes =
      static_cast<std::uint64_t>(kit::integer_setting(settings, kLinkedInSettings, kMaxFileBytesKey));
  result.csv_limits.max_rows = static_cast<std::size_t>(kit::integer_setting(settings, kLinkedInSettings, kMaxRowsKey));
  result.csv_limits.max_field_bytes =
      static_cast<std::size_t>(kit::integer_setting(settings, kLinkedInSettings, kMaxFieldBytesKey));
  return result;
}

}  // namespace kith::linkedin

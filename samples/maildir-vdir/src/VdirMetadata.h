// A vdir collection's metadata files, as vdirsyncer keeps them: the file
// `displayname` in the collection folder holds the collection's name as the
// user sees it (a CalDAV calendar's displayname), with no line end.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "kith/Status.h"

namespace kith::local {

inline constexpr const char* kDisplayNameFile = "displayname";

// Real names are short; a larger file is not a name and is ignored.
inline constexpr std::size_t kMaxDisplayNameBytes = 1024;

// The name in `<collection>/displayname`, cleaned as a title (valid UTF-8,
// one line, trimmed, at most kMaxSubjectBytes); empty when there is no such file or it is unreadable,
// larger than kMaxDisplayNameBytes or blank.
std::string read_display_name(const std::filesystem::path& collection);

// Writes `name` to `<collection>/displayname`, atomically.
Status write_display_name(const std::filesystem::path& collection, std::string_view name);

}  // namespace kith::local

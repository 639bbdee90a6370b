// Lists the collections of a vdir (the layout vdirsyncer writes: one
// subfolder per calendar or address book, one `*.ics` or `*.vcf` resource
// per file) and tells what changed since a listing.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "LocalCursor.h"
#include "kith/Status.h"

namespace kith::local {

struct VdirCollection {
  std::string name;  // collection name: the subfolder's name
  std::filesystem::path path;
};

// What a vdir holds: its resources' extension, and the setting that names
// it and what its subfolders are (for the warning about loose files).
struct VdirLayout {
  std::string_view extension;
  std::string_view setting;
  std::string_view subfolder;
};
inline constexpr VdirLayout kCalendarLayout{".ics", "vdir", "calendar"};
inline constexpr VdirLayout kAddressBookLayout{".vcf", "contacts", "address book"};

struct VdirChanges {
  std::vector<std::string> changed;  // new, or mtime or size differs; sorted
  std::vector<std::string> removed;  // in the old listing only; sorted
};

class VdirScanner {
 public:
  // `skip` says which calendar names not to return (exclude_folders);
  // `warn` receives problems that do not stop the scan.
  VdirScanner(std::filesystem::path root, std::function<bool(const std::string&)> skip,
              std::function<void(const std::string&)> warn, VdirLayout layout = kCalendarLayout);

  // The collections (non-hidden subfolders), sorted by name. An Account
  // error when the root cannot be read.
  Result<std::vector<VdirCollection>> collections() const;

  // The collection's resource files (`*.ics`, `*.vcf`). A Collection error
  // when it cannot be listed.
  Result<VdirListing> list(const VdirCollection& collection) const;

  static VdirChanges diff(const VdirListing& before, const VdirListing& now);

 private:
  std::filesystem::path root_;
  std::function<bool(const std::string&)> skip_;
  std::function<void(const std::string&)> warn_;
  VdirLayout layout_;
};

}  // namespace kith::local

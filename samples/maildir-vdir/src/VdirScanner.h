// Lists the calendars of a vdir (the layout vdirsyncer writes: one
// subfolder per calendar, one `*.ics` resource per file) and tells what
// changed since a listing.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "LocalCursor.h"
#include "kith/Status.h"

namespace kith::local {

struct VdirCalendar {
  std::string name;  // collection name: the subfolder's name
  std::filesystem::path path;
};

struct VdirChanges {
  std::vector<std::string> changed;  // new, or mtime or size differs; sorted
  std::vector<std::string> removed;  // in the old listing only; sorted
};

class VdirScanner {
 public:
  // `skip` says which calendar names not to return (exclude_folders);
  // `warn` receives problems that do not stop the scan.
  VdirScanner(std::filesystem::path root, std::function<bool(const std::string&)> skip,
              std::function<void(const std::string&)> warn);

  // The calendars (non-hidden subfolders), sorted by name. An Account error
  // when the root cannot be read.
  Result<std::vector<VdirCalendar>> calendars() const;

  // The calendar's `*.ics` files. A Collection error when it cannot be listed.
  Result<VdirListing> list(const VdirCalendar& calendar) const;

  static VdirChanges diff(const VdirListing& before, const VdirListing& now);

 private:
  std::filesystem::path root_;
  std::function<bool(const std::string&)> skip_;
  std::function<void(const std::string&)> warn_;
};

}  // namespace kith::local

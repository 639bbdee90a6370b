// A LinkedIn export unpacked into a folder: files found by name anywhere
// below it (symbolic links to folders are not followed), read in pieces
// under the same cap as a zip entry.
#pragma once

#include <filesystem>

#include "archive/ExportSource.h"

namespace kith::linkedin {

class FolderExport final : public ExportSource {
 public:
  FolderExport(std::filesystem::path root, const ExportLimits& limits);

  Result<std::optional<std::string>> find(std::string_view name) override;
  Status read(const std::string& entry, const std::function<Status(std::string_view)>& consume) override;
  std::string describe(const std::string& entry) const override;

 private:
  std::filesystem::path root_;
  ExportLimits limits_;
};

}  // namespace kith::linkedin

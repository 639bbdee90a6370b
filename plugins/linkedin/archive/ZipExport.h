// A LinkedIn export read straight from its .zip with libzip, entry by
// entry into memory, never extracted. libzip believes the sizes an archive
// declares, so every byte is counted here as it is decompressed: a zip
// bomb or an entry larger than it says stops at max_file_bytes.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "archive/ExportSource.h"

struct zip;

namespace kith::linkedin {

class ZipExport final : public ExportSource {
 public:
  // The archive at `path`, its central directory checked: an Account
  // error naming the file when it is not a zip archive, is truncated or
  // corrupt, holds more than max_entries entries, or names an entry with
  // an absolute path or a ".." component (no export does; an archive that
  // does was made to attack whoever unpacks it).
  static Result<std::unique_ptr<ZipExport>> open(const std::filesystem::path& path, const ExportLimits& limits);
  ~ZipExport() override;

  Result<std::optional<std::string>> find(std::string_view name) override;
  Status read(const std::string& entry, const std::function<Status(std::string_view)>& consume) override;
  std::string describe(const std::string& entry) const override;

 private:
  ZipExport(std::filesystem::path path, const ExportLimits& limits, ::zip* archive);
  Status index_entries();

  std::filesystem::path path_;
  ExportLimits limits_;
  ::zip* archive_;
  std::map<std::string, std::uint64_t> entries_;  // name -> index, files only
};

}  // namespace kith::linkedin

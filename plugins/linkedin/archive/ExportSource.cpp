#include "archive/ExportSource.h"

#include <system_error>

#include "archive/FolderExport.h"
#include "archive/ZipExport.h"

namespace kith::linkedin {

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

Result<std::unique_ptr<ExportSource>> open_export(const std::filesystem::path& path, const ExportLimits& limits) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found)
    return Status::account("path '" + path.string() + "' does not exist");
  if (ec) return Status::account("cannot read path '" + path.string() + "': " + ec.message());
  if (status.type() == std::filesystem::file_type::directory)
    return std::unique_ptr<ExportSource>(std::make_unique<FolderExport>(path, limits));
  auto zip = ZipExport::open(path, limits);
  if (!zip) return zip.status();
  return std::unique_ptr<ExportSource>(std::move(*zip));
}

}  // namespace kith::linkedin

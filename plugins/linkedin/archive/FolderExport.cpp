#include "archive/FolderExport.h"

#include <fstream>
#include <system_error>
#include <vector>

#include "kith/Ascii.h"

namespace kith::linkedin {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kReadBytes = 64 * 1024;

}  // namespace

FolderExport::FolderExport(fs::path root, const ExportLimits& limits) : root_(std::move(root)), limits_(limits) {}

Result<std::optional<std::string>> FolderExport::find(std::string_view name) {
  std::optional<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
  std::size_t seen = 0;
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++seen > limits_.max_entries) {
      return Status::collection(root_.string() + ": more than " + std::to_string(limits_.max_entries) +
                                " files; is this the unpacked export?");
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    if (!ascii::iequals(it->path().filename().string(), name)) continue;
    std::string relative = it->path().lexically_relative(root_).generic_string();
    if (found) {
      return Status::collection(root_.string() + ": two files named " + std::string(name) + ": '" + *found +
                                "' and '" + relative + "'");
    }
    found = std::move(relative);
  }
  if (ec) return Status::collection(root_.string() + ": cannot list the folder: " + ec.message());
  return found;
}

Status FolderExport::read(const std::string& entry, const std::function<Status(std::string_view)>& consume) {
  std::ifstream in(root_ / entry, std::ios::binary);
  if (!in) return Status::collection(describe(entry) + ": cannot open the file");
  std::vector<char> buffer(kReadBytes);
  std::uint64_t total = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    total += n;
    if (total > limits_.max_file_bytes) {
      return Status::collection(describe(entry) + ": holds more than max_file_bytes (" +
                                std::to_string(limits_.max_file_bytes) + ") bytes");
    }
    if (Status s = consume(std::string_view(buffer.data(), n)); !s) return s;
  }
  if (in.bad()) return Status::collection(describe(entry) + ": read error");
  return Status::ok();
}

std::string FolderExport::describe(const std::string& entry) const { return (root_ / entry).string(); }

}  // namespace kith::linkedin

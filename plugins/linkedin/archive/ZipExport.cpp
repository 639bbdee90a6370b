#include "archive/ZipExport.h"

#include <zip.h>

#include <array>
#include <vector>

#include "kith/Ascii.h"

namespace kith::linkedin {
namespace {

constexpr std::size_t kReadBytes = 64 * 1024;

std::string in_quotes(std::string_view name) {
  std::string out = "'";  // appended: GCC 12 -O3 warns (-Wrestrict) on "lit" + string&&
  return out.append(name).append("'");
}

// An absolute name or one with a ".." component: meant to escape wherever
// the archive is unpacked.
bool unsafe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.front() == '\\') return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // "C:\..."
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = name.find_first_of("/\\", start);
    const std::string_view part = name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part == "..") return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

// Closes a libzip file on every path out.
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

Result<std::unique_ptr<ZipExport>> ZipExport::open(const std::filesystem::path& path, const ExportLimits& limits) {
  int code = 0;
  ::zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::account(path.string() + ": not a readable zip archive (" + why + ")");
  }
  std::unique_ptr<ZipExport> source(new ZipExport(path, limits, archive));
  if (Status s = source->index_entries(); !s) return s;
  return source;
}

ZipExport::ZipExport(std::filesystem::path path, const ExportLimits& limits, ::zip* archive)
    : path_(std::move(path)), limits_(limits), archive_(archive) {}

ZipExport::~ZipExport() { zip_discard(archive_); }

Status ZipExport::index_entries() {
  const zip_int64_t count = zip_get_num_entries(archive_, 0);
  if (count < 0) return Status::account(path_.string() + ": cannot list the archive");
  if (static_cast<std::uint64_t>(count) > limits_.max_entries) {
    return Status::account(path_.string() + ": " + std::to_string(count) + " entries, more than the " +
                           std::to_string(limits_.max_entries) + " an export may have");
  }
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* raw = zip_get_name(archive_, i, ZIP_FL_ENC_GUESS);
    if (!raw) return Status::account(path_.string() + ": entry " + std::to_string(i) + " has no readable name");
    const std::string_view name(raw);
    if (unsafe_name(name))
      return Status::account(path_.string() + ": entry " + in_quotes(name) + " has an unsafe name (absolute or '..')");
    if (name.back() == '/' || name.back() == '\\') continue;  // a folder
    entries_.emplace(name, i);
  }
  return Status::ok();
}

Result<std::optional<std::string>> ZipExport::find(std::string_view name) {
  std::optional<std::string> found;
  for (const auto& [entry, index] : entries_) {
    if (!ascii::iequals(base_name(entry), name)) continue;
    if (found) {
      return Status::collection(path_.string() + ": two entries named " + std::string(name) + ": " + in_quotes(*found) +
                                " and " + in_quotes(entry));
    }
    found = entry;
  }
  return found;
}

Status ZipExport::read(const std::string& entry, const std::function<Status(std::string_view)>& consume) {
  const auto it = entries_.find(entry);
  if (it == entries_.end()) return Status::collection(describe(entry) + ": no such entry");
  const std::string limit = "max_file_bytes (" + std::to_string(limits_.max_file_bytes) + ")";

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_, it->second, 0, &stat) != 0)
    return Status::collection(describe(entry) + ": " + zip_strerror(archive_));
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    return Status::collection(describe(entry) + ": the entry is encrypted; LinkedIn's exports never are");
  // A cheap early refusal; the real cap is the count below.
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limits_.max_file_bytes) {
    return Status::collection(describe(entry) + ": declares " + std::to_string(stat.size) + " bytes, more than " +
                              limit);
  }

  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive_, it->second, 0));
  if (!file) return Status::collection(describe(entry) + ": " + zip_strerror(archive_));
  std::vector<char> buffer(kReadBytes);
  std::uint64_t total = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) return Status::collection(describe(entry) + ": " + zip_file_strerror(file.get()));
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > limits_.max_file_bytes)
      return Status::collection(describe(entry) + ": holds more than " + limit + " bytes");
    if (Status s = consume(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !s) return s;
  }
  return Status::ok();
}

std::string ZipExport::describe(const std::string& entry) const { return path_.string() + ": " + entry; }

}  // namespace kith::linkedin

#include "LocalFiles.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <system_error>

namespace kith::local {
namespace fs = std::filesystem;

namespace {

// "'name'", for messages about one file.
std::string quoted_name(const fs::path& path) {
  std::string name(1, '\'');
  name += path.filename().string();
  name += '\'';
  return name;
}

Status cannot_read(const fs::path& path, int error) {
  std::string reason = error != 0 ? std::strerror(error) : "read error";
  return Status::item("cannot read '" + path.string() + "': " + reason);
}

// The end of the header block in `text` (the index of the empty line's
// first character), searching from `from`; npos when not there yet.
std::size_t find_header_end(const std::string& text, std::size_t from) {
  for (std::size_t i = text.find('\n', from); i != std::string::npos; i = text.find('\n', i + 1)) {
    std::size_t next = i + 1;
    if (next < text.size() && text[next] == '\n') return next;
    if (next + 1 < text.size() && text[next] == '\r' && text[next + 1] == '\n') return next;
  }
  return std::string::npos;
}

}  // namespace

std::int64_t to_unix_nanoseconds(fs::file_time_type time) {
  auto system = std::chrono::file_clock::to_sys(time);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(system.time_since_epoch()).count();
}

fs::file_time_type from_unix_nanoseconds(std::int64_t nanoseconds) {
  std::chrono::sys_time<std::chrono::nanoseconds> system{std::chrono::nanoseconds(nanoseconds)};
  return std::chrono::time_point_cast<fs::file_time_type::duration>(std::chrono::file_clock::from_sys(system));
}

std::string file_etag(const struct stat& st) {
  const std::int64_t mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  std::string etag = std::to_string(mtime_ns);
  etag += '-';
  etag += std::to_string(static_cast<std::uint64_t>(st.st_size));
  etag += '-';
  etag += std::to_string(static_cast<std::uint64_t>(st.st_ino));
  return etag;
}

std::optional<FileVersion> file_version(const fs::path& path) {
  std::error_code ec;
  auto time = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  auto size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  return FileVersion{to_unix_nanoseconds(time), static_cast<std::uint64_t>(size)};
}

Result<std::string> read_header_block(const fs::path& path, std::size_t max_bytes) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot_read(path, errno);
  std::string text;
  char chunk[8192];
  std::size_t searched = 0;
  while (text.size() < max_bytes) {
    const std::size_t want = std::min(sizeof chunk, max_bytes - text.size());
    in.read(chunk, static_cast<std::streamsize>(want));
    const auto got = static_cast<std::size_t>(in.gcount());
    text.append(chunk, got);
    // An empty line right at the start means an empty header block.
    if (searched == 0 && (text.rfind("\n", 0) == 0 || text.rfind("\r\n", 0) == 0)) return std::string();
    std::size_t end = find_header_end(text, searched);
    if (end != std::string::npos) {
      text.resize(end);
      return text;
    }
    // Re-scan the last two characters: a CRLF CRLF may straddle chunks.
    searched = text.size() >= 2 ? text.size() - 2 : 0;
    if (got < want) {
      if (in.bad()) return cannot_read(path, errno);
      return text;  // end of file: a message without a body
    }
  }
  // Cut after the last complete line.
  std::size_t last = text.rfind('\n');
  if (last == std::string::npos) {
    return Status::item(quoted_name(path) + " has no header line in its first " +
                        std::to_string(max_bytes) + " bytes");
  }
  text.resize(last + 1);
  return text;
}

Result<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot_read(path, errno);
  std::string text;
  char chunk[65536];
  while (true) {
    in.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (text.size() + got > max_bytes) {
      return Status::item(quoted_name(path) + " is larger than " +
                          std::to_string(max_bytes / (1024 * 1024)) + " MiB");
    }
    text.append(chunk, got);
    if (got < sizeof chunk) break;
  }
  if (in.bad()) return cannot_read(path, errno);
  return text;
}

}  // namespace kith::local

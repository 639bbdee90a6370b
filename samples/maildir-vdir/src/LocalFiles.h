// File-system primitives the scanners and the provider share: a file's
// version (mtime in nanoseconds, size), a task resource's etag and bounded
// reads.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "LocalCursor.h"
#include "kith/Status.h"

namespace kith::local {

// Caps: a header block larger than this is cut at its last complete line;
// a calendar resource larger than this is refused.
inline constexpr std::size_t kMaxHeaderBytes = 256 * 1024;
inline constexpr std::size_t kMaxCalendarResourceBytes = 16 * 1024 * 1024;

// The file's mtime (nanoseconds since the Unix epoch) and size; nullopt when
// it cannot be read (vanished, no permission). Follows symlinks.
std::optional<FileVersion> file_version(const std::filesystem::path& path);

// The etag a task list reports for a file (kith/Tasks.h): its mtime in
// nanoseconds, size and inode, as text ("<mtime_ns>-<size>-<inode>").
// vdirsyncer's filesystem storage uses the mtime alone; the size and the
// inode tell apart two writes within one tick of a coarse file-system clock
// (every atomic write makes a new inode).
std::string file_etag(const struct stat& st);

// Nanoseconds since the Unix epoch for a file time.
std::int64_t to_unix_nanoseconds(std::filesystem::file_time_type time);
std::filesystem::file_time_type from_unix_nanoseconds(std::int64_t nanoseconds);

// The header block of a message file: everything before the first empty
// line (LF or CRLF), or the whole file when it has no body. At most
// `max_bytes` are read; past that the block is cut after its last complete
// line. An Item error names the file when it cannot be read.
Result<std::string> read_header_block(const std::filesystem::path& path,
                                      std::size_t max_bytes = kMaxHeaderBytes);

// The whole file; an Item error when it cannot be read or exceeds max_bytes.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace kith::local

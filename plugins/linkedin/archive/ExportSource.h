// Where a LinkedIn export is read from: the downloaded .zip itself or the
// folder it was unpacked into. Both find a file by its name alone, in any
// case and at any depth (exports have nested their files differently over
// the years), and hand its bytes over in pieces, never more than the caps
// allow whatever the archive claims. Nothing is ever written to disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kith/Status.h"

namespace kith::linkedin {

struct ExportLimits {
  std::uint64_t max_file_bytes = 256 * 1024 * 1024;  // read from one CSV file, after decompression
  std::size_t max_entries = 100000;                   // files in the archive or folder looked at
};

class ExportSource {
 public:
  virtual ~ExportSource() = default;

  // The file whose name is `name` (any case), as a path relative to the
  // export; nullopt when the export has none. A Collection error when two
  // files have that name: which one is the export's is not ours to guess.
  virtual Result<std::optional<std::string>> find(std::string_view name) = 0;

  // Hands the bytes of `entry` (as find() returned it) to `consume`, piece
  // by piece. A Collection error naming the entry when it cannot be read,
  // is encrypted or holds more than max_file_bytes; a non-OK result of
  // `consume` stops reading and is returned.
  virtual Status read(const std::string& entry, const std::function<Status(std::string_view)>& consume) = 0;

  // "LinkedIn.zip: Basic/Connections.csv" or the file's path: how error
  // messages name `entry`.
  virtual std::string describe(const std::string& entry) const = 0;
};

// The export at `path`: a zip archive when it is a file, a folder otherwise.
// An Account error (the setting must change) when it does not exist or is
// not a readable zip archive.
Result<std::unique_ptr<ExportSource>> open_export(const std::filesystem::path& path, const ExportLimits& limits);

// The last component of `path`, split at '/' or '\' (zip archives made on
// Windows use either).
std::string_view base_name(std::string_view path);

}  // namespace kith::linkedin

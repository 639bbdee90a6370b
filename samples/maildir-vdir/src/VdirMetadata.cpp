#include "VdirMetadata.h"

#include "AtomicFile.h"
#include "LocalFiles.h"
#include "kith/Title.h"

namespace kith::local {

std::string read_display_name(const std::filesystem::path& collection) {
  Result<std::string> text = read_file(collection / kDisplayNameFile, kMaxDisplayNameBytes);
  if (!text) return {};
  return clean_title(*text);
}

Status write_display_name(const std::filesystem::path& collection, std::string_view name) {
  Result<FolderHandle> folder = FolderHandle::open(collection);
  if (!folder) return folder.status();
  Result<PendingFile> pending = PendingFile::write(*folder, kDisplayNameFile, name, 0600);
  if (!pending) return pending.status();
  if (Status status = pending->place_replacing(); !status) return status;
  return folder->sync();
}

}  // namespace kith::local

// Writing one file of a folder atomically, as vdirsyncer writes a vdir: the
// content goes to a hidden temporary file in the same folder
// (".<name>.tmp-<pid>-<n>"; the scanners skip hidden files), is flushed to
// disk, and only then takes its name, in one step. A reader sees the old
// file or the new one, never half of one; a crash leaves at most a hidden
// temporary file behind.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "kith/Status.h"

namespace kith::local {

// An open folder (O_DIRECTORY): every step below names files relative to
// it, so they all happen in the same folder even if it is renamed meanwhile.
class FolderHandle {
 public:
  // A Collection error when the folder cannot be opened (gone, not a folder).
  static Result<FolderHandle> open(const std::filesystem::path& folder);

  FolderHandle(FolderHandle&& other) noexcept;
  FolderHandle& operator=(FolderHandle&&) = delete;
  FolderHandle(const FolderHandle&) = delete;
  ~FolderHandle();

  int fd() const noexcept { return fd_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // Flushes the folder's entries (a rename, link or unlink) to disk.
  Status sync() const;

 private:
  FolderHandle(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

// The written, flushed temporary file, not yet under its name. Removed
// when destroyed unless placed.
class PendingFile {
 public:
  // Writes `content` to a new temporary file in `folder` for file `name`,
  // with permission bits `mode`, and flushes it.
  static Result<PendingFile> write(const FolderHandle& folder, const std::string& name, std::string_view content,
                                   mode_t mode);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&&) = delete;
  PendingFile(const PendingFile&) = delete;
  ~PendingFile();

  // The etag (file_etag) the file has and keeps once placed: a rename or
  // link changes neither its mtime, its size nor its inode.
  const std::string& etag() const noexcept { return etag_; }

  // Gives the file its name only if no file has it (renameat2 with
  // RENAME_NOREPLACE, or link() where the file system lacks that): never
  // replaces a file another program created meanwhile. False when the name
  // is taken.
  Result<bool> place_if_free();

  // Gives the file its name, replacing what is there (rename()).
  Status place_replacing();

 private:
  PendingFile(const FolderHandle& folder, std::string name, std::string temp_name, std::string etag)
      : folder_(&folder), name_(std::move(name)), temp_name_(std::move(temp_name)), etag_(std::move(etag)) {}

  const FolderHandle* folder_;
  std::string name_;
  std::string temp_name_;  // empty once placed or moved from
  std::string etag_;
};

// The Status for a failed file-system call `what` on `path`: Transient
// for what may pass (disk full, I/O error, interrupted), Collection for
// the rest (no permission, read-only file system, the folder gone).
Status file_error(std::string_view what, const std::filesystem::path& path, int error);

}  // namespace kith::local

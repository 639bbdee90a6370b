#include "AtomicFile.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

#include "LocalFiles.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

// Tells apart the temporary files of concurrent writes in one process (the
// engine may write through two provider instances at once); the pid tells
// apart processes.
std::atomic<unsigned long> temp_counter{0};

std::string temp_name_for(const std::string& name) {
  std::string temp = ".";
  temp += name;
  temp += ".tmp-";
  temp += std::to_string(static_cast<long>(::getpid()));
  temp += '-';
  temp += std::to_string(temp_counter.fetch_add(1));
  return temp;
}

// write() until everything is written or it fails for good.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool rename_flag_unsupported(int error) { return error == EINVAL || error == ENOSYS || error == ENOTSUP; }

}  // namespace

Status file_error(std::string_view what, const fs::path& path, int error) {
  std::string message(what);
  message += " '";
  message += path.string();
  message += "': ";
  message += std::strerror(error);
  switch (error) {
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EINTR:
    case EAGAIN:
    case EBUSY:
    case ENOMEM:
    case EMFILE:
    case ENFILE: return Status::transient(std::move(message));
    default: return Status::collection(std::move(message));
  }
}

Result<FolderHandle> FolderHandle::open(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return file_error("cannot open the folder", folder, errno);
  return FolderHandle(fd, folder);
}

FolderHandle::FolderHandle(FolderHandle&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

FolderHandle::~FolderHandle() {
  if (fd_ >= 0) ::close(fd_);
}

Status FolderHandle::sync() const {
  if (::fsync(fd_) != 0 && errno != EINVAL) return file_error("cannot flush the folder", path_, errno);
  return Status::ok();
}

Result<PendingFile> PendingFile::write(const FolderHandle& folder, const std::string& name,
                                       std::string_view content, mode_t mode) {
  std::string temp = temp_name_for(name);
  const int fd = ::openat(folder.fd(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return file_error("cannot create a file in", folder.path(), errno);
  // From here the file exists: the PendingFile removes it on every failure.
  PendingFile pending(folder, name, std::move(temp), {});
  const fs::path temp_path = folder.path() / pending.temp_name_;
  struct stat st {};
  int error = 0;
  if (::fchmod(fd, mode) != 0) error = errno;  // exactly `mode`, whatever the umask
  if (error == 0 && !write_all(fd, content)) error = errno;
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (error == 0 && ::fstat(fd, &st) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return file_error("cannot write", temp_path, error);
  pending.etag_ = file_etag(st);
  return pending;
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : folder_(other.folder_),
      name_(std::move(other.name_)),
      temp_name_(std::exchange(other.temp_name_, {})),
      etag_(std::move(other.etag_)) {}

PendingFile::~PendingFile() {
  if (!temp_name_.empty()) ::unlinkat(folder_->fd(), temp_name_.c_str(), 0);
}

Result<bool> PendingFile::place_if_free() {
  const int dir = folder_->fd();
  if (::renameat2(dir, temp_name_.c_str(), dir, name_.c_str(), RENAME_NOREPLACE) == 0) {
    temp_name_.clear();
    return true;
  }
  int error = errno;
  if (error == EEXIST) return false;
  if (rename_flag_unsupported(error)) {
    // A file system without RENAME_NOREPLACE (some network and FUSE ones):
    // link() fails with EEXIST too rather than replace.
    if (::linkat(dir, temp_name_.c_str(), dir, name_.c_str(), 0) == 0) {
      ::unlinkat(dir, temp_name_.c_str(), 0);
      temp_name_.clear();
      return true;
    }
    error = errno;
    if (error == EEXIST) return false;
  }
  return file_error("cannot create", folder_->path() / name_, error);
}

Status PendingFile::place_replacing() {
  const int dir = folder_->fd();
  if (::renameat(dir, temp_name_.c_str(), dir, name_.c_str()) != 0) {
    return file_error("cannot replace", folder_->path() / name_, errno);
  }
  temp_name_.clear();
  return Status::ok();
}

}  // namespace kith::local

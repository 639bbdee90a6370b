#include "daemon/StoreLock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "util/PrivateFile.h"

namespace kith::engine {

std::filesystem::path lock_path_for(const std::filesystem::path& db_path) {
  return std::filesystem::path(db_path.string() + ".lock");
}

namespace {
std::optional<pid_t> read_pid(int fd) {
  char buf[32] = {0};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return std::nullopt;
  const long pid = std::strtol(buf, nullptr, 10);
  return pid > 0 ? std::optional<pid_t>(static_cast<pid_t>(pid)) : std::nullopt;
}
}  // namespace

Result<StoreLock> StoreLock::acquire(const std::filesystem::path& db_path) {
  const auto path = lock_path_for(db_path);
  // The same folder (0700) and file rules as the database itself.
  auto opened = open_private_file(path, "lock file");
  if (!opened) return opened.status();
  const int fd = *opened;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const auto pid = read_pid(fd);
    ::close(fd);
    return Status::account("another kithd" + (pid ? " (pid " + std::to_string(*pid) + ")" : std::string()) +
                           " already holds the store '" + db_path.string() + "'");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    ::close(fd);
    return Status::account("cannot write lock file '" + path.string() + "'");
  }
  return StoreLock(fd);
}

std::optional<pid_t> StoreLock::holder(const std::filesystem::path& db_path) {
  const int fd = ::open(lock_path_for(db_path).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<pid_t> pid;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    pid = read_pid(fd);
    if (!pid) pid = 0;
  } else {
    ::flock(fd, LOCK_UN);
  }
  ::close(fd);
  return pid;
}

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace kith::engine

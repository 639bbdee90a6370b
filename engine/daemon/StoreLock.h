// One kithd per store: an flock()ed file beside the database. The kernel
// drops the lock when its holder dies, so a lock left by a crashed daemon
// is simply taken over.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>

#include "kith/Status.h"

namespace kith::engine {

class StoreLock {
 public:
  // Takes the lock for the store at `db_path` (lock file: db_path + ".lock"),
  // writing our PID into it. Fails, naming the holder's PID, when another
  // live process holds it.
  static Result<StoreLock> acquire(const std::filesystem::path& db_path);

  // The PID of the process holding the lock, or nullopt when nobody does.
  static std::optional<pid_t> holder(const std::filesystem::path& db_path);

  StoreLock(StoreLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  StoreLock& operator=(StoreLock&&) = delete;
  StoreLock(const StoreLock&) = delete;
  ~StoreLock();

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

std::filesystem::path lock_path_for(const std::filesystem::path& db_path);

}  // namespace kith::engine

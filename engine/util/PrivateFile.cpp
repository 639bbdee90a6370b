#include "util/PrivateFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace kith::engine {
namespace fs = std::filesystem;

Status make_private_dir(const fs::path& dir) {
  if (dir.empty()) return Status::ok();
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
      return Status::account("cannot create the folder '" + it->string() + "': " + std::strerror(errno));
  }
  return Status::ok();
}

Result<int> open_private_file(const fs::path& path, const char* what) {
  if (path.has_parent_path()) {
    if (Status s = make_private_dir(path.parent_path()); !s) return s;
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == ELOOP)
      return Status::account(std::string(what) + " '" + path.string() +
                             "' is a symbolic link; Kith does not follow it (name the real file instead)");
    return Status::account(std::string("cannot open ") + what + " '" + path.string() + "': " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0 && ::fchmod(fd, 0600) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::account(std::string(what) + " '" + path.string() + "' is readable by others and cannot be made 0600: " +
                           std::strerror(error));
  }
  return fd;
}

}  // namespace kith::engine

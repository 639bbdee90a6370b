#include "dashboard/DashboardFiles.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kith::engine {

namespace fs = std::filesystem;

namespace {

Result<std::string> read_small_file(const fs::path& path, bool private_only) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) return Status::item(path.string() + " does not exist");
    return Status::account(path.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::account(path.string() + " is not a regular file");
  }
  if (private_only && (st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::account(path.string() + " may be read by others (mode " +
                           std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
                           std::to_string(st.st_mode & 7) + "); chmod 600 it, or delete it for a new token");
  }
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  if (n < 0) return Status::account(path.string() + ": " + std::strerror(errno));
  std::string text(buffer, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.empty()) return Status::account(path.string() + " is empty");
  return text;
}

Status write_private(const fs::path& path, const std::string& text, bool exclusive) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (exclusive ? O_EXCL : O_TRUNC);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) return Status::account(path.string() + ": " + std::strerror(errno));
  const std::string line = text + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::account(path.string() + ": could not be written");
  return Status::ok();
}

}  // namespace

DashboardFiles dashboard_files(const fs::path& store) {
  return {fs::path(store.string() + ".dashboard-token"), fs::path(store.string() + ".dashboard-link")};
}

Result<std::string> read_token(const fs::path& path) { return read_small_file(path, true); }

Result<std::string> load_or_create_token(const fs::path& path) {
  auto existing = read_token(path);
  if (existing) {
    if (existing->size() < 32) return Status::account(path.string() + " holds no token; delete it for a new one");
    return existing;
  }
  if (existing.status().kind() != ErrorKind::Item) return existing.status();
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::internal(std::string("no random bytes for the dashboard token: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  if (auto s = write_private(path, token, true); !s) {
    // Another kithd made it first: use theirs.
    if (auto again = read_token(path)) return again;
    return s;
  }
  return token;
}

Status write_link(const fs::path& path, const std::string& url) {
  const fs::path temporary = path.string() + ".tmp";
  std::error_code ec;
  fs::remove(temporary, ec);
  if (auto s = write_private(temporary, url, true); !s) return s;
  fs::rename(temporary, path, ec);
  if (ec) return Status::account(path.string() + ": " + ec.message());
  return Status::ok();
}

Result<std::string> read_link(const fs::path& path) { return read_small_file(path, true); }

bool same_token(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace kith::engine

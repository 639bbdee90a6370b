#include "servers/ServerDirectory.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace kith::testing {
namespace {

std::string errno_text() { return std::strerror(errno); }

bool env_says_keep(const char* name) {
  const char* v = name ? std::getenv(name) : nullptr;
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}

}  // namespace

std::string server_parent_dir(const std::string& parent_dir) {
  std::string parent = parent_dir.empty() ? "/tmp" : parent_dir;
  while (parent.size() > 1 && parent.back() == '/') parent.pop_back();
  return parent;
}

kith::Result<std::string> make_server_dir(const std::string& parent_dir, const std::string& prefix) {
  std::string tmpl = server_parent_dir(parent_dir) + "/" + prefix + "XXXXXX";
  if (!::mkdtemp(tmpl.data())) return kith::Status::internal("mkdtemp " + tmpl + ": " + errno_text());
  return tmpl;
}

void remove_server_dir(const std::string& dir, const char* keep_env) {
  if (dir.empty() || env_says_keep(keep_env)) return;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

kith::Status write_file_with_mode(const std::string& path, const std::string& content, mode_t mode) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return kith::Status::internal("cannot write " + path);
  if (::chmod(path.c_str(), mode) != 0) return kith::Status::internal("chmod " + path + ": " + errno_text());
  return {};
}

kith::Status write_all(int fd, const std::string& data, const std::string& path) {
  std::size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return kith::Status::internal("write " + path + ": " + errno_text());
    written += static_cast<std::size_t>(n);
  }
  return {};
}

std::string read_tail(const std::string& path, std::size_t lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = content.size();
  if (pos > 0 && content[pos - 1] == '\n') --pos;
  for (std::size_t n = 0; n < lines && pos > 0; ++n) {
    pos = content.rfind('\n', pos - 1);
    if (pos == std::string::npos) {
      pos = 0;
      break;
    }
  }
  return content.substr(pos == 0 ? 0 : pos + 1);
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace kith::testing

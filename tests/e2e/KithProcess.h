// Runs the real `kith` binary and captures what it prints.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kith::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Whether this machine can make a pseudo-terminal at all: a chroot
// without /dev/pts mounted cannot (the fresh-root check runs in one).
inline bool have_pty() {
  const int fd = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) return false;
  const bool ok = ::grantpt(fd) == 0 && ::unlockpt(fd) == 0 && ::ptsname(fd) != nullptr &&
                  std::filesystem::exists(::ptsname(fd));
  ::close(fd);
  return ok;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `env` is a prefix such as "KITH_PLUGIN_PATH=/x " placed before the command.
inline ProcessResult run_kith(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                              const std::string& env = "") {
  const auto out_file = scratch / "stdout.txt";
  const auto err_file = scratch / "stderr.txt";
  std::string command = env + shell_quote(std::string(KITH_BINARY_DIR) + "/bin/kith");
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " >" + shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

// Runs the SDK's conformance suite on `plugin` with `args`; stdout and
// stderr together in `out`.
inline ProcessResult run_conformance(const std::string& plugin, const std::vector<std::string>& args) {
  std::string command = shell_quote(std::string(KITH_BINARY_DIR) + "/bin/kith-provider-conformance") + " " +
                        shell_quote(plugin);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " 2>&1 </dev/null";
  ProcessResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) r.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace kith::test

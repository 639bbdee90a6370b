#include "BenchSupport.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kith::bench {
namespace {

volatile sig_atomic_t g_interrupted = 0;
volatile pid_t g_child = -1;
std::string g_prefix = "bench";

void on_signal(int) {
  g_interrupted = 1;
  const pid_t child = g_child;
  if (child > 0) {
    ::kill(-child, SIGTERM);  // fails harmlessly when the child leads no group
    ::kill(child, SIGTERM);
  }
}

}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

void set_running_child(pid_t child) { g_child = child; }

bool interrupted() { return g_interrupted != 0; }

void check_interrupted() {
  if (g_interrupted) throw BenchError("interrupted");
}

void set_progress_prefix(const std::string& prefix) { g_prefix = prefix; }

void progress(const std::string& line) {
  std::fprintf(stderr, "[%s] %s\n", g_prefix.c_str(), line.c_str());
  std::fflush(stderr);
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string grouped(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string read_file(const std::filesystem::path& path, std::uintmax_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string last_lines(const std::string& text, std::size_t n) {
  std::size_t pos = text.size();
  while (n-- > 0 && pos > 0) {
    const auto nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) return text;
    pos = nl;
  }
  return text.substr(pos);
}

std::uint64_t free_bytes(const std::string& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

std::string load_average() {
  std::istringstream in(read_file("/proc/loadavg"));
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

TempDir::TempDir(const std::string& parent, const std::string& prefix, bool keep) : keep_(keep) {
  std::string pattern = parent + "/" + prefix + "XXXXXX";
  if (!::mkdtemp(pattern.data())) throw BenchError("cannot create a directory in " + parent + ": " + std::strerror(errno));
  path_ = pattern;
}

TempDir::~TempDir() {
  if (keep_) {
    progress("kept " + path_.string());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace kith::bench

// What both benchmarks need around the measuring itself: a clean stop on
// Ctrl-C, scratch directories, progress lines, number formatting and a few
// facts about the machine.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kith::bench {

// Whatever stops a benchmark run; main() prints it as one line.
struct BenchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---- Ctrl-C: stop the run, still clean up ----------------------------------

// SIGINT, SIGTERM and SIGHUP mark the run interrupted and pass SIGTERM on to
// the child set with set_running_child (to its process group too, when it
// leads one); check_interrupted() then throws, so destructors clean up.
void install_signal_handlers();
void set_running_child(pid_t child);  // -1: none
bool interrupted();
void check_interrupted();

// ---- output ------------------------------------------------------------------

// Lines on stderr as "[<prefix>] line".
void set_progress_prefix(const std::string& prefix);
void progress(const std::string& line);

std::string fixed(double value, int decimals);
std::string grouped(std::uint64_t value);  // 100000 -> "100,000"
double median(std::vector<double> values);
double seconds_since(std::chrono::steady_clock::time_point start);

// ---- files and machine -------------------------------------------------------

// The file's bytes from `offset` on; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path, std::uintmax_t offset = 0);
// The last `n` lines of `text` (all of it when shorter).
std::string last_lines(const std::string& text, std::size_t n);
std::uint64_t free_bytes(const std::string& dir);
std::string load_average();  // "0.52 0.61 0.70"

// A directory of our own under `parent`, removed with everything in it when
// this goes out of scope, unless `keep` (then its path is reported).
class TempDir {
 public:
  TempDir(const std::string& parent, const std::string& prefix, bool keep = false);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool keep_;
};

}  // namespace kith::bench

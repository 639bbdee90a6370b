// Runs the `kith` program for the dashboard: every page is made from what
// `kith … --json` prints, so the dashboard holds no second copy of any rule
// or serializer. A process per query also keeps the queries out of kithd's
// address space: a slow or failing page never holds up a sync.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "kith/Status.h"

namespace kith::engine {

struct KithRunnerSettings {
  std::filesystem::path program;  // the kith binary (beside kithd)
  // Put before every command: --config FILE, --db FILE|URL as kithd got them.
  std::vector<std::string> global_arguments;
  std::chrono::milliseconds timeout{60000};
  std::size_t max_output_bytes = 256u << 20;  // a page never holds more
};

// One `kith` run, started at once, so that a page's queries run side by side.
class KithProcess {
 public:
  KithProcess(const KithRunnerSettings& settings, std::vector<std::string> arguments);
  ~KithProcess();  // kills and reaps a run nobody waited for
  KithProcess(const KithProcess&) = delete;
  KithProcess& operator=(const KithProcess&) = delete;

  // What it printed on standard output; an error holds its one-line message
  // (its standard error's last line) when it failed.
  [[nodiscard]] Result<std::string> finish();

 private:
  const KithRunnerSettings& settings_;
  std::vector<std::string> arguments_;
  int pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string start_error_;
};

// The kith program beside this one (kithd and kith are installed together).
std::filesystem::path kith_beside_this_program();

}  // namespace kith::engine

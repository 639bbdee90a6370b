// libFuzzer target: a config file through the TOML loader and its checks.
// The loader reads a path, so each input is written to one private file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/Config.h"

namespace {

// One private folder for the run's inputs, removed when the run ends (every
// replay in CI is a run of its own).
struct InputFolder {
  std::filesystem::path dir;
  InputFolder() {
    std::string made = (std::filesystem::temp_directory_path() / "kith-fuzz-config-XXXXXX").string();
    if (::mkdtemp(made.data()) == nullptr) std::abort();
    dir = made;
  }
  ~InputFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const InputFolder folder;
  static const std::filesystem::path file = folder.dir / "config.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  (void)kith::engine::load_config(file, true);
  return 0;
}

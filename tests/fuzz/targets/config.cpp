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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "kith-fuzz-config-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) std::abort();
    return std::filesystem::path(dir) / "config.toml";
  }();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  (void)kith::engine::load_config(file, true);
  return 0;
}

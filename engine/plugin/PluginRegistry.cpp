#include "plugin/PluginRegistry.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "util/Strings.h"

namespace kith::engine {
namespace fs = std::filesystem;

namespace {

fs::path program_dir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::vector<fs::path> PluginRegistry::search_path(const std::vector<fs::path>& config_dirs) {
  std::vector<fs::path> candidates = config_dirs;
  if (const char* env = std::getenv("KITH_PLUGIN_PATH"); env && *env)
    for (const auto& part : split(env, ':'))
      if (!part.empty()) candidates.emplace_back(part);
  // Not the program's own folder: installed, that is /usr/bin, which holds
  // other shared objects (ld.so) that are no plugins.
  if (const auto dir = program_dir(); !dir.empty()) candidates.push_back(dir / KITH_PLUGIN_RELATIVE_DIR);
  candidates.emplace_back(KITH_PLUGIN_INSTALL_FULLDIR);

  std::vector<fs::path> out;
  std::set<fs::path> seen;
  for (const auto& c : candidates) {
    std::error_code ec;
    if (!fs::is_directory(c, ec)) continue;
    auto canonical = fs::canonical(c, ec);
    if (ec || !seen.insert(canonical).second) continue;
    out.push_back(canonical);
  }
  return out;
}

void PluginRegistry::scan(const std::vector<fs::path>& dirs) {
  for (const auto& dir : dirs) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so" && entry.is_regular_file(ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the same order on every run
    for (const auto& file : files) {
      PluginEntry entry{file, nullptr, {}};
      auto library = PluginLibrary::load(file);
      if (!library) {
        entry.error = library.status().message();
      } else if (auto it = by_id_.find((*library)->id()); it != by_id_.end()) {
        entry.error = "provider '" + (*library)->id() + "' is already provided by " + it->second->path().string();
      } else {
        entry.library = *library;
        entry.library->pin();
        by_id_.emplace(entry.library->id(), entry.library);
      }
      entries_.push_back(std::move(entry));
    }
  }
}

std::shared_ptr<PluginLibrary> PluginRegistry::find(const std::string& provider_id) const {
  auto it = by_id_.find(provider_id);
  return it == by_id_.end() ? nullptr : it->second;
}

}  // namespace kith::engine

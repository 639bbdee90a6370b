// Finds provider plugins in the plugin directories and keeps them loaded.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugin/PluginLibrary.h"

namespace kith::engine {

struct PluginEntry {
  std::filesystem::path path;
  std::shared_ptr<PluginLibrary> library;  // null when it failed to load
  std::string error;                       // why it failed, or why it is shadowed
};

class PluginRegistry {
 public:
  // Where plugins are looked for, in order: `config_dirs` (the config's
  // plugin_dirs), KITH_PLUGIN_PATH (':'-separated), the install folder
  // next to the running program (<prefix>/bin/../lib/kith/plugins) and the
  // configured install prefix's. Never the program's own folder.
  // Missing folders are skipped; the same folder is searched once.
  static std::vector<std::filesystem::path> search_path(const std::vector<std::filesystem::path>& config_dirs);

  // Loads every *.so in `dirs`. Failures are recorded, never fatal: one
  // broken plugin must not take the others down. The first plugin with an
  // id wins; later ones are recorded as shadowed. Loaded plugins stay
  // mapped until the process ends (PluginLibrary::pin).
  void scan(const std::vector<std::filesystem::path>& dirs);

  const std::vector<PluginEntry>& entries() const { return entries_; }
  std::shared_ptr<PluginLibrary> find(const std::string& provider_id) const;

 private:
  std::vector<PluginEntry> entries_;
  std::map<std::string, std::shared_ptr<PluginLibrary>> by_id_;
};

}  // namespace kith::engine

// One loaded provider plugin: the shared library and its checked
// descriptor. Objects it creates hold a reference to it, so the code under
// a live object is never unmapped, whoever drops the library first.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kith/Plugin.h"
#include "kith/Status.h"

namespace boost::dll {
class shared_library;
}

namespace kith::engine {

class PluginLibrary;

// Destroys a provider through its plugin, then lets the library go (also
// on ProviderHandle::reset(), which keeps the deleter object itself).
struct ProviderDeleter {
  mutable std::shared_ptr<const PluginLibrary> library;
  void operator()(Provider* provider) const noexcept;
};
using ProviderHandle = std::unique_ptr<Provider, ProviderDeleter>;

class PluginLibrary : public std::enable_shared_from_this<PluginLibrary> {
 public:
  // Loads `path` and checks its descriptor: present, same ABI major, minor
  // not newer than the engine's, id and factory functions set. Errors name
  // the file and say what is wrong.
  static Result<std::shared_ptr<PluginLibrary>> load(const std::filesystem::path& path);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const ProviderDescriptor& descriptor() const { return *descriptor_; }
  std::string id() const { return descriptor_->id; }

  // Keeps the library mapped until the process ends, whatever happens to
  // this object. Plugins pull in third-party libraries (libical, mimetic)
  // whose global caches are lost, or worse, when they are unmapped; like
  // fcitx5, the engine's registry never unloads what it loaded.
  void pin() const;

  // Runs the plugin's factory. A null result or a CreateError becomes a
  // Status naming the plugin; the handle keeps this library loaded.
  Result<ProviderHandle> create(const ProviderContext& context) const;

 private:
  PluginLibrary(std::filesystem::path path, std::unique_ptr<boost::dll::shared_library> library,
                const ProviderDescriptor* descriptor);

  std::filesystem::path path_;
  std::unique_ptr<boost::dll::shared_library> library_;
  const ProviderDescriptor* descriptor_;
};

}  // namespace kith::engine

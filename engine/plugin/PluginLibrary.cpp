#include "plugin/PluginLibrary.h"

#include <dlfcn.h>

#include <cstring>

#include <vector>  // boost/dll/library_info.hpp misses it under BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>

namespace kith::engine {

void ProviderDeleter::operator()(Provider* provider) const noexcept {
  if (provider && library) library->descriptor().destroy(provider);
  library.reset();
}

PluginLibrary::PluginLibrary(std::filesystem::path path, std::unique_ptr<boost::dll::shared_library> library,
                             const ProviderDescriptor* descriptor)
    : path_(std::move(path)), library_(std::move(library)), descriptor_(descriptor) {}

PluginLibrary::~PluginLibrary() = default;

Result<std::shared_ptr<PluginLibrary>> PluginLibrary::load(const std::filesystem::path& path) {
  const std::string where = "plugin '" + path.string() + "'";
  auto library = std::make_unique<boost::dll::shared_library>();
  try {
    // rtld_local: two plugins may carry the same helper symbols.
    library->load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return Status::account(where + ": cannot load: " + e.what());
  }
  if (!library->has(kDescriptorSymbol))
    return Status::account(where + ": not a Kith provider (no '" + std::string(kDescriptorSymbol) + "' symbol)");
  const auto* descriptor = &library->get<const ProviderDescriptor>(kDescriptorSymbol);

  // Only the version fields and the names after them are read before the
  // versions are known to agree: every major keeps those five in place
  // (kith/Plugin.h), and the rest of the layout may differ.
  if (descriptor->abi_major != KITH_ABI_MAJOR) {
    std::string named = where;
    if (descriptor->id && *descriptor->id)
      named = "provider '" + std::string(descriptor->id, ::strnlen(descriptor->id, 64)) + "' (" + path.string() + ")";
    const std::string built =
        std::to_string(descriptor->abi_major) + "." + std::to_string(descriptor->abi_minor);
    const std::string ours = std::to_string(KITH_ABI_MAJOR) + "." + std::to_string(KITH_ABI_MINOR);
    if (descriptor->abi_major < KITH_ABI_MAJOR)
      return Status::account(named + ": built for plugin ABI " + built + ", which this kith (ABI " + ours +
                             ") no longer loads; rebuild the plugin against Kith SDK " +
                             std::to_string(KITH_ABI_MAJOR));
    return Status::account(named + ": built for plugin ABI " + built + ", this kith speaks ABI " + ours +
                           "; upgrade kith");
  }
  if (descriptor->abi_minor > KITH_ABI_MINOR)
    return Status::account(where + ": needs plugin ABI " + std::to_string(descriptor->abi_major) + "." +
                           std::to_string(descriptor->abi_minor) + ", newer than this kith's " +
                           std::to_string(KITH_ABI_MAJOR) + "." + std::to_string(KITH_ABI_MINOR) +
                           "; upgrade kith");
  if (!descriptor->id || !*descriptor->id)
    return Status::account(where + ": descriptor has no provider id");
  if (!descriptor->create || !descriptor->destroy)
    return Status::account(where + ": descriptor lacks its create/destroy functions");
  if (descriptor->settings_count > 0 && !descriptor->settings)
    return Status::account(where + ": descriptor declares settings but lists none");
  return std::shared_ptr<PluginLibrary>(new PluginLibrary(path, std::move(library), descriptor));
}

void PluginLibrary::pin() const {
  // RTLD_NOLOAD | RTLD_NODELETE promotes the already loaded library.
  if (void* handle = ::dlopen(path_.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) ::dlclose(handle);
}

Result<ProviderHandle> PluginLibrary::create(const ProviderContext& context) const {
  CreateError error{};
  error.kind = ErrorKind::Internal;
  Provider* provider = descriptor_->create(context, error);
  if (!provider) {
    const std::string why = error.message[0] ? std::string(error.message) : std::string("the factory returned nothing");
    return Status(error.kind == ErrorKind::Ok ? ErrorKind::Internal : error.kind,
                  "provider '" + id() + "' (" + path_.filename().string() + ") refused account '" +
                      std::string(context.account_name()) + "': " + why);
  }
  return ProviderHandle(provider, ProviderDeleter{shared_from_this()});
}

}  // namespace kith::engine

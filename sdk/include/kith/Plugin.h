// How a provider plugin presents itself: one exported descriptor.
//
// A plugin is a shared library (CMake MODULE) that exports the symbol
// `kith_provider_descriptor` (see KITH_DECLARE_PROVIDER). The engine reads
// abi_major/abi_minor first and refuses the plugin before touching any other
// field when they do not fit; those two fields stay first forever.
//
//   class MyProvider final : public kith::Provider { ... };
//   KITH_DECLARE_PROVIDER(MyProvider, "myid", "My Provider", "1.0.0", my_settings)
//
// where MyProvider has a constructor `MyProvider(const kith::ProviderContext&)`
// and my_settings is a `static const kith::SettingSpec[]` (or use
// KITH_DECLARE_PROVIDER_NO_SETTINGS).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>

#include "kith/Abi.h"
#include "kith/Host.h"
#include "kith/Provider.h"

namespace kith {

// Path is a string the engine expands before the provider sees it: `~`
// becomes the home directory and a relative path is taken from the
// directory of the config file that names it.
//
// Secret (since ABI 2.2) declares a secret by name, e.g. "password": the
// config never holds it; the user writes `<name>_command` (its first output
// line) or `<name>_env` (an environment variable), and the provider gets it
// from context.secrets().resolve("<name>").
enum class SettingType : std::uint32_t { String, Integer, Boolean, StringList, Path, Secret };

// A provider-specific key the provider accepts in its [[account]] table.
// The engine rejects keys no one declared, values of the wrong type and
// integers outside [minimum, maximum], so a provider need not check them
// again; AccountSettings returns `default_value` for an absent key.
struct SettingSpec {
  const char* key;
  SettingType type;
  const char* help;  // one line, shown by `kith plugins --verbose`
  // The value an absent key has, written as in TOML ("30", "true", "~/Mail");
  // nullptr = no default (the getter returns nullopt). Not for lists.
  const char* default_value = nullptr;
  std::int64_t minimum = INT64_MIN;  // Integer only
  std::int64_t maximum = INT64_MAX;  // Integer only
};

// Filled by create() on failure; plain chars so nothing owning crosses.
struct CreateError {
  char message[512];
  ErrorKind kind;
};

using CreateFn = Provider* (*)(const ProviderContext& context, CreateError& error) noexcept;
using DestroyFn = void (*)(Provider* provider) noexcept;

struct ProviderDescriptor {
  std::uint32_t abi_major;  // KITH_ABI_MAJOR the plugin was built with
  std::uint32_t abi_minor;  // KITH_ABI_MINOR the plugin was built with
  const char* id;           // provider id used in config: "imap", "caldav"
  const char* name;         // human name
  const char* version;      // the plugin's own version
  const SettingSpec* settings;
  std::size_t settings_count;
  // Returns nullptr and fills `error` on failure; never throws.
  CreateFn create;
  // Destroys what create returned; the engine calls it before unloading.
  DestroyFn destroy;
};

// The exported symbol's name.
inline constexpr const char* kDescriptorSymbol = "kith_provider_descriptor";

namespace detail {
inline void fill_error(CreateError& error, ErrorKind kind, const char* text) noexcept {
  error.kind = kind;
  std::strncpy(error.message, text, sizeof error.message - 1);
  error.message[sizeof error.message - 1] = '\0';
}

// Runs the provider's constructor inside the plugin, so that no exception
// ever reaches the engine: a throwing constructor becomes a CreateError.
template <typename T>
Provider* create_provider(const ProviderContext& context, CreateError& error) noexcept {
  try {
    return new T(context);
  } catch (const std::bad_alloc&) {
    fill_error(error, ErrorKind::Internal, "out of memory");
  } catch (const std::exception& e) {
    fill_error(error, ErrorKind::Account, e.what());
  } catch (...) {
    fill_error(error, ErrorKind::Internal, "unknown exception in provider constructor");
  }
  return nullptr;
}

template <typename T>
void destroy_provider(Provider* provider) noexcept {
  delete static_cast<T*>(provider);
}
}  // namespace detail

}  // namespace kith


#define KITH_DECLARE_PROVIDER(TYPE, ID, NAME, VERSION, SETTINGS)                      \
  extern "C" KITH_PLUGIN_EXPORT const ::kith::ProviderDescriptor                     \
      kith_provider_descriptor{KITH_ABI_MAJOR,                                       \
                               KITH_ABI_MINOR,                                       \
                               ID,                                                   \
                               NAME,                                                 \
                               VERSION,                                              \
                               SETTINGS,                                             \
                               sizeof(SETTINGS) / sizeof(::kith::SettingSpec),       \
                               &::kith::detail::create_provider<TYPE>,               \
                               &::kith::detail::destroy_provider<TYPE>};

#define KITH_DECLARE_PROVIDER_NO_SETTINGS(TYPE, ID, NAME, VERSION)                    \
  extern "C" KITH_PLUGIN_EXPORT const ::kith::ProviderDescriptor                     \
      kith_provider_descriptor{KITH_ABI_MAJOR,                                       \
                               KITH_ABI_MINOR,                                       \
                               ID,                                                   \
                               NAME,                                                 \
                               VERSION,                                              \
                               nullptr,                                              \
                               0,                                                    \
                               &::kith::detail::create_provider<TYPE>,               \
                               &::kith::detail::destroy_provider<TYPE>};

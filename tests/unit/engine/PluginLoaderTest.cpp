#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "config/Config.h"
#include "kith/host/BatchCollector.h"
#include "host/AccountContext.h"
#include "plugin/PluginLibrary.h"
#include "plugin/PluginRegistry.h"

namespace kith::engine {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return fs::path(KITH_FIXTURE_PLUGIN_DIR) / ("kith_fixture_" + name + ".so"); }

bool is_mapped(const fs::path& path) {
  // RTLD_NOLOAD only looks: it succeeds iff the library is already loaded.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (!handle) return false;
  ::dlclose(handle);
  return true;
}

class RecordingSink final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    messages += batch.messages.size();
    return {};
  }
  void item_failed(std::string_view, std::string_view, const Status&) noexcept override {}
  void progress(std::string_view, std::uint64_t, std::uint64_t) noexcept override {}
  std::size_t messages = 0;
};

struct Harness {
  Config config;
  AccountConfig account;
  StderrLogger logger{LogLevel::Error};
  CancellationFlag cancel;
  Harness() {
    account.name = "test";
    account.provider = "fixture";
    account.settings["messages"] = Setting{std::int64_t{3}, 1};
  }
};

TEST(PluginLoader, LoadsAGoodPluginAndReadsItsDescriptor) {
  auto lib = PluginLibrary::load(fixture("good"));
  ASSERT_TRUE(lib) << lib.status().message();
  EXPECT_EQ((*lib)->id(), "fixture");
  EXPECT_EQ((*lib)->descriptor().settings_count, 3u);
  EXPECT_STREQ((*lib)->descriptor().settings[0].key, "messages");
}

TEST(PluginLoader, RefusesANewerAbiMajor) {
  auto lib = PluginLibrary::load(fixture("abi_major"));
  ASSERT_FALSE(lib);
  const std::string message = lib.status().message();
  EXPECT_NE(message.find("provider 'abi-major'"), std::string::npos) << message;
  EXPECT_NE(message.find("built for plugin ABI " + std::to_string(KITH_ABI_MAJOR + 1) + ".0"), std::string::npos)
      << message;
  EXPECT_NE(message.find("kith_fixture_abi_major.so"), std::string::npos) << message;
  EXPECT_NE(message.find("upgrade kith"), std::string::npos) << message;
}

TEST(PluginLoader, RefusesAnAbi1PluginByName) {
  auto lib = PluginLibrary::load(fixture("abi_1"));
  ASSERT_FALSE(lib);
  const std::string message = lib.status().message();
  EXPECT_NE(message.find("provider 'legacy'"), std::string::npos) << message;
  EXPECT_NE(message.find("built for plugin ABI 1.2"), std::string::npos) << message;
  EXPECT_NE(message.find("no longer loads"), std::string::npos) << message;
  EXPECT_NE(message.find("rebuild the plugin against Kith SDK 2"), std::string::npos) << message;
}

TEST(PluginLoader, RefusesANewerAbiMinor) {
  auto lib = PluginLibrary::load(fixture("abi_minor"));
  ASSERT_FALSE(lib);
  EXPECT_NE(lib.status().message().find("upgrade kith"), std::string::npos) << lib.status().message();
}

TEST(PluginLoader, RefusesALibraryWithoutDescriptor) {
  auto lib = PluginLibrary::load(fixture("no_descriptor"));
  ASSERT_FALSE(lib);
  EXPECT_NE(lib.status().message().find("not a Kith provider"), std::string::npos) << lib.status().message();
}

TEST(PluginLoader, RefusesAFileThatIsNotALibrary) {
  const auto path = fs::temp_directory_path() / "kith_not_a_library.so";
  { std::FILE* f = std::fopen(path.c_str(), "w"); std::fputs("hello", f); std::fclose(f); }
  auto lib = PluginLibrary::load(path);
  ASSERT_FALSE(lib);
  EXPECT_NE(lib.status().message().find("cannot load"), std::string::npos) << lib.status().message();
  fs::remove(path);
}

TEST(PluginLoader, AThrowingFactoryBecomesARefusal) {
  auto lib = PluginLibrary::load(fixture("throwing_factory"));
  ASSERT_TRUE(lib) << lib.status().message();
  Harness h;
  h.account.provider = "throwing";
  h.account.settings.clear();
  AccountContext context(h.config, h.account, h.logger, h.cancel);
  auto provider = (*lib)->create(context);
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.status().message().find("cannot reach the moon"), std::string::npos) << provider.status().message();
  EXPECT_NE(provider.status().message().find("account 'test'"), std::string::npos);
}

TEST(PluginLoader, ANullFactoryBecomesARefusal) {
  auto lib = PluginLibrary::load(fixture("null_factory"));
  ASSERT_TRUE(lib) << lib.status().message();
  Harness h;
  AccountContext context(h.config, h.account, h.logger, h.cancel);
  auto provider = (*lib)->create(context);
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.status().message().find("returned nothing"), std::string::npos) << provider.status().message();
}

// Boost.DLL unmaps a library when its last handle goes; a provider made by
// it must keep it mapped, or the next virtual call jumps into nothing.
TEST(PluginLoader, ALiveProviderKeepsItsLibraryLoaded) {
  const auto path = fixture("good");
  ASSERT_FALSE(is_mapped(path)) << "another test left the fixture loaded";
  Harness h;
  AccountContext context(h.config, h.account, h.logger, h.cancel);
  ProviderHandle provider;
  {
    auto lib = PluginLibrary::load(path);
    ASSERT_TRUE(lib) << lib.status().message();
    auto created = (*lib)->create(context);
    ASSERT_TRUE(created) << created.status().message();
    provider = std::move(*created);
  }  // the engine's own reference to the library is gone here
  EXPECT_TRUE(is_mapped(path));
  RecordingSink sink;
  EXPECT_TRUE(provider->sync({}, sink));
  EXPECT_EQ(sink.messages, 3u);
  provider.reset();
  EXPECT_FALSE(is_mapped(path)) << "the library outlived every object it made";
}

TEST(PluginRegistry, ScansAFolderAndRecordsEveryFailure) {
  PluginRegistry registry;
  registry.scan({KITH_FIXTURE_PLUGIN_DIR});
  EXPECT_TRUE(registry.find("fixture"));
  EXPECT_TRUE(registry.find("throwing"));  // loads fine; fails only on create
  EXPECT_FALSE(registry.find("abi-major"));
  EXPECT_FALSE(registry.find("legacy"));
  std::size_t failed = 0;
  for (const auto& e : registry.entries())
    if (!e.library) {
      ++failed;
      EXPECT_FALSE(e.error.empty());
    }
  EXPECT_EQ(failed, 4u);  // abi_major, abi_1, abi_minor, no_descriptor
}

TEST(PluginRegistry, SearchPathHonoursEnvironmentAndSkipsMissingFolders) {
  ::setenv("KITH_PLUGIN_PATH", (std::string(KITH_FIXTURE_PLUGIN_DIR) + ":/does/not/exist").c_str(), 1);
  const auto dirs = PluginRegistry::search_path({"/also/missing"});
  ::unsetenv("KITH_PLUGIN_PATH");
  ASSERT_FALSE(dirs.empty());
  EXPECT_EQ(dirs.front(), fs::canonical(KITH_FIXTURE_PLUGIN_DIR));
  for (const auto& d : dirs) EXPECT_TRUE(fs::is_directory(d)) << d;
  // The program's own folder is no plugin folder: installed, it is /usr/bin
  // with ld.so in it.
  const auto self = fs::canonical("/proc/self/exe").parent_path();
  for (const auto& d : dirs) EXPECT_NE(d, self);
}

}  // namespace
}  // namespace kith::engine

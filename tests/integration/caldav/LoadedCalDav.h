// The caldav plugin as the engine loads it (the built .so through
// PluginLibrary, the ABI boundary and all), with providers made on test
// contexts: for what the `kith` binary does not drive yet (task lists)
// and for looking at what a sync delivers.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "../../unit/support/FakeProviderContext.h"
#include "kith/Tasks.h"
#include "kith/host/BatchCollector.h"
#include "plugin/PluginLibrary.h"

namespace kith {

// For gtest's messages: "Conflict", not "4-byte object <01-00 00-00>".
inline void PrintTo(TaskWrite outcome, std::ostream* out) {
  switch (outcome) {
    case TaskWrite::Written: *out << "Written"; return;
    case TaskWrite::Conflict: *out << "Conflict"; return;
    case TaskWrite::Missing: *out << "Missing"; return;
  }
  *out << "TaskWrite(" << static_cast<int>(outcome) << ")";
}

}  // namespace kith

namespace kith::test {

// What a task list's read() reported, by name.
struct ReadTask {
  std::string etag;
  std::string text;
};

class TaskCollector final : public TaskSink {
 public:
  void task(std::string_view name, std::string_view etag, std::string_view icalendar) noexcept override {
    tasks[std::string(name)] = {std::string(etag), std::string(icalendar)};
  }
  std::map<std::string, ReadTask> tasks;
};

// Every event a sync delivered.
class EventCollector final : public BatchCollector {
 public:
  Status on_batch(Batch& batch) noexcept override {
    for (auto& e : batch.events) events.push_back(std::move(e));
    return {};
  }
  void item_failed(std::string_view, std::string_view item, const Status& why) noexcept override {
    failures.push_back(std::string(item) + ": " + why.message());
  }
  void progress(std::string_view, std::uint64_t, std::uint64_t) noexcept override {}
  std::vector<CalendarEvent> events;
  std::vector<std::string> failures;
};

class LoadedCalDav {
 public:
  LoadedCalDav() {
    auto library = engine::PluginLibrary::load(std::filesystem::path(KITH_PLUGIN_BUILD_DIR) / "kith_provider_caldav.so");
    EXPECT_TRUE(library) << library.status().message();
    if (!library) return;
    // Mapped until the process ends, as the engine's registry keeps it:
    // libical's time zone caches inside it must stay reachable.
    (*library)->pin();
    library_ = *library;
  }

  // A provider for `url` as `username`, signing in with `password` when it
  // is not empty. Settings beyond those: `more`. Null (and a test
  // failure) when the plugin refuses.
  Provider* provider(const std::string& url, const std::string& username, const std::string& password,
                     const std::map<std::string, FakeSettings::Value>& more = {}) {
    if (!library_) return nullptr;
    auto context = std::make_unique<FakeContext>();
    context->mutable_settings().set("url", url);
    context->mutable_settings().set("username", username);
    context->mutable_settings().set("timeout_seconds", std::int64_t{20});
    for (const auto& [key, value] : more) context->mutable_settings().set(key, value);
    if (!password.empty()) context->set_secret("password", password);
    auto made = library_->create(*context);
    EXPECT_TRUE(made) << made.status().message();
    if (!made) return nullptr;
    contexts_.push_back(std::move(context));
    providers_.push_back(std::move(*made));
    return providers_.back().get();
  }

  FakeContext& last_context() { return *contexts_.back(); }

 private:
  std::shared_ptr<engine::PluginLibrary> library_;
  // Providers go before their contexts (members die in reverse order).
  std::vector<std::unique_ptr<FakeContext>> contexts_;
  std::vector<engine::ProviderHandle> providers_;
};

}  // namespace kith::test

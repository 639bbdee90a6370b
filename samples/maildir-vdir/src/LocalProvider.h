// The `local` provider: message headers from a Maildir tree, calendar
// events from a vdir and contact cards from a vdir of address books, all
// incremental (see LocalCursor.h); reminders written as tasks to a folder
// of the calendars vdir (VdirTaskList.h).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "LocalSettings.h"
#include "VdirTaskList.h"
#include "kith/Host.h"
#include "kith/Items.h"
#include "kith/Provider.h"

namespace kith::local {

inline constexpr const char* kProviderId = "local";
inline constexpr const char* kProviderName = "Local Maildir and vdir";
inline constexpr const char* kProviderVersion = "1.0.0";

class LocalProvider final : public Provider {
 public:
  struct Options {
    // Items per committed batch.
    std::size_t batch_size = 500;
  };

  // Throws std::invalid_argument when the settings are unusable (see
  // LocalSettings::from); the plugin's factory turns that into a refusal.
  explicit LocalProvider(const ProviderContext& context);
  LocalProvider(const ProviderContext& context, Options options);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Lists the Maildir folders, vdir calendars and address books, reading no
  // message.
  Result<CheckReport> check() noexcept override;

  // The folder `<vdir>/<list>` (created when absent) as a task list. An
  // Account error when the account has no vdir or `list` cannot be a
  // folder name.
  Result<TaskList*> task_list(std::string_view list, bool create) noexcept override;

  const LocalSettings& settings() const noexcept { return settings_; }

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass() const;
  Result<TaskList*> open_task_list(std::string_view list, bool create);

  const ProviderContext& context_;
  LocalSettings settings_;
  Options options_;
  // The lists handed out, by name: each lives as long as the provider.
  std::map<std::string, std::unique_ptr<VdirTaskList>, std::less<>> task_lists_;
};

}  // namespace kith::local

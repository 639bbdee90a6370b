// The caldav provider: every event calendar of one CalDAV account.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "dav/transport/HttpClient.h"
#include "kith/Provider.h"
#include "sync/CalDavSettings.h"
#include "tasks/CalDavTaskList.h"

namespace kith::caldav {

class CalDavProvider final : public Provider {
 public:
  // Throws std::invalid_argument for unusable settings (the SDK turns that
  // into a refusal naming the account).
  explicit CalDavProvider(const ProviderContext& context);

  Status sync(const SyncState& state, BatchSink& sink) noexcept override;

  // Discovers the calendars and says which ones a sync reads.
  Result<CheckReport> check() noexcept override;

  // The calendar named `list` as a task list, made when there is none
  // (tasks/TaskCalendar.h). Each call looks again; the list it returns is
  // the same object for the same name, kept until the provider dies.
  Result<TaskList*> task_list(std::string_view list, bool create) noexcept override;

 private:
  Status sync_pass(const SyncState& state, BatchSink& sink);
  Result<CheckReport> check_pass();
  Result<TaskList*> open_task_list(std::string_view list, bool create);
  // The HTTP options for this account, with its secret resolved.
  Result<dav::HttpOptions> http_options() const;

  const ProviderContext& context_;
  CalDavSettings settings_;
  std::map<std::string, std::unique_ptr<CalDavTaskList>, std::less<>> task_lists_;  // by list name
};

}  // namespace kith::caldav

#include "sync/CalDavProvider.h"

#include <algorithm>

#include "dav/transport/AccountHttpOptions.h"
#include "dav/transport/HttpClient.h"
#include "dav/xml/DavProtocol.h"
#include "kith/Boundary.h"
#include "sync/CalendarDiscovery.h"
#include "sync/CalendarSync.h"
#include "tasks/TaskCalendar.h"

namespace kith::caldav {

CalDavProvider::CalDavProvider(const ProviderContext& context)
    : context_(context), settings_(CalDavSettings::from(context)) {}

Status CalDavProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary("caldav", context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Result<dav::HttpOptions> CalDavProvider::http_options() const {
  return dav::account_http_options(settings_.connection, context_, dav::kCalDavProtocol.name);
}

Result<CheckReport> CalDavProvider::check() noexcept {
  return at_provider_boundary("caldav", context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> CalDavProvider::check_pass() {
  auto options = http_options();
  if (!options) return options.status();
  dav::HttpClient http(*options, context_.cancellation());
  auto all = discover_calendars(http, settings_);
  if (!all) return all.status();
  const auto synced = select_calendars(*all, settings_);
  CheckReport report;
  report.supported = true;
  for (const auto& calendar : *all) {
    CollectionInfo info;
    info.name = calendar.displayname.empty() ? calendar.path : calendar.displayname;
    info.role = "calendar";
    info.synced = std::any_of(synced.begin(), synced.end(),
                              [&](const dav::DavCollection& c) { return c.path == calendar.path; });
    report.collections.push_back(std::move(info));
  }
  return report;
}

Result<TaskList*> CalDavProvider::task_list(std::string_view list, bool create) noexcept {
  return at_provider_boundary("caldav", context_.cancellation(), [&] { return open_task_list(list, create); });
}

Result<TaskList*> CalDavProvider::open_task_list(std::string_view list, bool create) {
  auto options = http_options();
  if (!options) return options.status();
  auto http = std::make_unique<dav::HttpClient>(*options, context_.cancellation());
  auto calendar = task_calendar(*http, settings_, list, create);
  if (!calendar) return calendar.status();
  if (!*calendar) return static_cast<TaskList*>(nullptr);  // none yet, and not to be made
  context_.logger().log(LogLevel::Debug, task_list_context(list) + " is " + (*calendar)->url);
  auto found = task_lists_.find(list);
  if (found != task_lists_.end()) {
    found->second->retarget(std::move(**calendar), std::move(http));
    return found->second.get();
  }
  auto made = std::make_unique<CalDavTaskList>(std::string(list), std::move(**calendar), std::move(http), settings_,
                                               context_);
  TaskList* out = made.get();
  task_lists_.emplace(std::string(list), std::move(made));
  return out;
}

Status CalDavProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  auto& log = context_.logger();
  auto options = http_options();
  if (!options) return options.status();
  dav::HttpClient http(*options, context_.cancellation());

  auto all = discover_calendars(http, settings_);
  if (!all) return all.status();
  const auto calendars = select_calendars(*all, settings_);
  log.log(LogLevel::Debug, "syncing " + std::to_string(calendars.size()) + " of " + std::to_string(all->size()) + " calendars");

  Status worst;
  CalendarSync calendar_sync(http, settings_, context_, sink);
  for (const auto& calendar : calendars) {
    if (context_.cancellation().requested()) return Status::cancelled();
    std::optional<CollectionCursor> cursor;
    if (auto it = state.cursors.find(calendar.path); it != state.cursors.end()) {
      cursor = CollectionCursor::decode(it->second);
      if (!cursor) log.log(LogLevel::Warn, "unreadable cursor for '" + calendar.path + "'; listing it again");
    }
    Status s = calendar_sync.run(calendar, cursor);
    if (s.kind() == ErrorKind::Collection) {
      log.log(LogLevel::Warn, s.message());  // one bad calendar must not stop the others
      worst = s;
      continue;
    }
    if (!s) return s;
  }
  return worst;
}

}  // namespace kith::caldav

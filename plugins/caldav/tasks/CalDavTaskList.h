// One task list of a CalDAV account: the VTODO resources of one calendar
// (tasks/TaskCalendar.h finds or makes it), read with calendar-query and
// written with conditional PUT and DELETE (If-Match / If-None-Match: *),
// so a change made elsewhere is never overwritten.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Host.h"
#include "kith/Tasks.h"
#include "sync/CalDavSettings.h"

namespace kith::caldav {

class CalDavTaskList final : public TaskList {
 public:
  // `http` carries the account's options (credential scope, timeout) and
  // its cancellation; `settings` and `context` outlive the list (the
  // provider owns all three).
  CalDavTaskList(std::string list, dav::DavCollection calendar, std::unique_ptr<dav::HttpClient> http,
                 const CalDavSettings& settings, const ProviderContext& context);

  // Every member holding a VTODO: one calendar-query REPORT, then
  // calendar-multiget for members it listed without data or etag. The
  // answer is read whole before the sink hears of any task, so a broken
  // answer reports nothing. Errors as a sync's for its calendar.
  Status read(TaskSink& sink) noexcept override;
  Result<TaskWrite> put(std::string_view name, std::string_view icalendar, std::string_view if_match,
                        std::string& etag) noexcept override;
  Result<TaskWrite> remove(std::string_view name, std::string_view if_match) noexcept override;

  // The list again (Provider::task_list called anew): the calendar found
  // now and a client with the options of now. The object stays where it
  // is, so pointers the engine holds stay valid.
  void retarget(dav::DavCollection calendar, std::unique_ptr<dav::HttpClient> http);

  const dav::DavCollection& calendar() const { return calendar_; }

 private:
  struct Found;
  Status read_all(TaskSink& sink);
  Status fetch_missing(const std::vector<std::string>& hrefs, std::vector<Found>& found);
  Result<TaskWrite> write(std::string_view name, std::string_view icalendar, std::string_view if_match,
                          std::string& etag);
  Result<TaskWrite> erase(std::string_view name, std::string_view if_match);
  Result<dav::HttpResponse> send(dav::HttpRequest request);

  std::string list_;
  std::string context_;  // reminders calendar "<list>"
  dav::DavCollection calendar_;
  std::unique_ptr<dav::HttpClient> http_;
  const CalDavSettings& settings_;
  const ProviderContext& provider_context_;
};

}  // namespace kith::caldav

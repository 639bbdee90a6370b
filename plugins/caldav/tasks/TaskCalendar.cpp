#include "tasks/TaskCalendar.h"

#include <algorithm>
#include <array>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/CalendarRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/Href.h"
#include "tasks/CalendarSegment.h"
#include "tasks/TaskAnswers.h"

namespace kith::caldav {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

Result<dav::DavCollection> make_calendar(dav::HttpClient& http, const dav::DavHome& home, std::string_view list) {
  const std::string context = task_list_context(list);
  std::string url = home.url;
  if (url.empty() || url.back() != '/') url += '/';
  url += new_calendar_segment(list, home.member_names);
  url += '/';

  static constexpr std::array<std::string_view, 1> kTasks = {"VTODO"};
  auto request = dav::mkcalendar(list, kTasks);
  if (!request) return Status::account(context + ": cannot be a calendar's name (" + request.error().message + ")");
  dav::HttpRequest http_request = dav::to_http(*request, url);
  http_request.redirects_stay_in_scope = true;
  auto response = http.perform(http_request);
  if (!response) return response.status().with_context(context);
  const long status = response->status;
  // 201 is what RFC 4791 says; a 207 is a refusal in a multistatus
  // (Xandikos answers so for a calendar that exists).
  if (status < 200 || status >= 300 || status == 207) {
    const std::string reason = refusal_reason(*response);
    if (status == 401) return Status::account(context + ": the server refused the login (" + reason + ")");
    // 507: the account is out of space, which waiting does not mend.
    if (status >= 500 && status != 507)
      return Status::transient(context + ": the server could not create it (" + reason + ")");
    return Status::account(context + ": the server refused to create it (" + reason + ")");
  }
  auto path = dav::normalize_href(url);
  if (!path) return Status::internal(context + ": " + path.error().message);
  dav::DavCollection made;
  made.url = std::move(url);
  made.path = std::move(*path);
  made.displayname = std::string(list);
  made.components = {"VTODO"};
  return made;
}

}  // namespace

std::string task_list_context(std::string_view list) {
  std::string text = "reminders calendar \"";
  text += list;
  text += '"';
  return text;
}

bool holds_tasks(const std::vector<std::string>& components) {
  return components.empty() || std::find(components.begin(), components.end(), "VTODO") != components.end();
}

Result<std::optional<dav::DavCollection>> task_calendar(dav::HttpClient& http, const CalDavSettings& settings,
                                                        std::string_view list, bool create) {
  const std::string context = task_list_context(list);
  if (list.empty()) return Status::account("the reminders calendar needs a name");
  const dav::DavAccount account{settings.connection.url, settings.connection.username, settings.signs_in_with_token};
  // Every calendar, not only those with events: a task list holds none.
  auto home = dav::discover_home(http, account, dav::kCalDavProtocol);
  if (!home) return home.status().with_context(context);
  const auto named = dav::select_collections(home->collections, {std::string(list)}, {});
  if (named.empty()) {
    if (!create) return std::optional<dav::DavCollection>();
    auto made = make_calendar(http, *home, list);
    if (!made) return made.status();
    return std::optional<dav::DavCollection>(std::move(*made));
  }
  const auto usable =
      std::find_if(named.begin(), named.end(), [](const dav::DavCollection& c) { return holds_tasks(c.components); });
  if (usable != named.end()) return std::optional<dav::DavCollection>(*usable);
  return Status::account(context + ": " + named.front().path + " holds only " + joined(named.front().components) +
                         ", no tasks (VTODO); name another calendar for reminders");
}

}  // namespace kith::caldav

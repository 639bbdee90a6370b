// From the URL the user gave (a bare host is enough) to the list of event
// calendars: /.well-known/caldav when needed, current-user-principal,
// calendar-home-set, then one PROPFIND of the home.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kith/Status.h"
#include "sync/CalDavSettings.h"
#include "transport/HttpClient.h"

namespace kith::caldav {

struct CalendarInfo {
  std::string url;   // absolute, for requests
  std::string path;  // normalized href: the collection id and cursor key
  std::string displayname;
  // CS:getctag; not in the home listing (see propfind_calendar_list), so set
  // only once the etag path has asked the calendar itself.
  std::optional<std::string> ctag;
  // Whether DAV:supported-report-set lists sync-collection; nullopt when the
  // server does not report that property.
  std::optional<bool> sync_collection;
};

// Errors: Account for a refused login or a URL that leads to no CalDAV
// principal; Transient for server trouble.
Result<std::vector<CalendarInfo>> discover_calendars(HttpClient& http, const CalDavSettings& settings);

// `calendars` / `exclude_calendars` applied: each entry matches a calendar's
// display name, its path, or its last path segment.
std::vector<CalendarInfo> select_calendars(const std::vector<CalendarInfo>& all, const CalDavSettings& settings);

}  // namespace kith::caldav

// The calendar that holds a task list: found among the account's
// calendars by the rule of the `calendars` setting (display name, path or
// last path segment), or made with MKCALENDAR (RFC 4791 5.3.1) in the
// calendar home when there is none.
#pragma once

#include <string>
#include <string_view>

#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Status.h"
#include "sync/CalDavSettings.h"

namespace kith::caldav {

// `reminders calendar "Kith"`: what every task list message starts with.
std::string task_list_context(std::string_view list);

// The calendar for task list `list`. Of several that match, the first
// that may hold VTODOs; one that declares components without VTODO is an
// Account error saying so. A new calendar is named `list` (displayname)
// and holds VTODO only; its path segment comes from new_calendar_segment.
// Errors, all naming the list: Account when the server refuses to make it
// (with the status: "the server refused to create it (403 Forbidden)") or
// refuses the login, Transient for server trouble (5xx but 507, which
// waiting does not mend), and discovery's own. Without `create`, a list
// the server does not have is nullopt and nothing is made.
Result<std::optional<dav::DavCollection>> task_calendar(dav::HttpClient& http, const CalDavSettings& settings,
                                                        std::string_view list, bool create);

// Whether a calendar declaring `components` may hold tasks (an empty set
// is a server that did not say).
bool holds_tasks(const std::vector<std::string>& components);

}  // namespace kith::caldav

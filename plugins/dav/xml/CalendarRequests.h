// Request bodies only CalDAV has, for the task list (reminders as tasks):
// making a calendar and asking a calendar for its members of one
// component. Same conventions as DavRequests.h (prefixes d = DAV:, c =
// CalDAV; UTF-8 XML sent as kDavContentType).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "dav/xml/DavRequests.h"

namespace kith::dav {

// MKCALENDAR (RFC 4791 5.3.1), no Depth header: a C:mkcalendar whose
// DAV:set names the calendar `displayname` and, when `components` is not
// empty, C:supported-calendar-component-set with one C:comp each (e.g.
// {"VTODO"}). InvalidArgument when the name cannot be carried by XML (see
// xml_escape) or a component is not an iCalendar name (letters, digits
// and '-' only).
Expected<DavRequest> mkcalendar(std::string_view displayname, std::span<const std::string_view> components) noexcept;

// REPORT C:calendar-query (RFC 4791 7.8), Depth 1, asking for DAV:getetag
// and C:calendar-data of every resource holding a `component` (a
// comp-filter VCALENDAR > comp-filter `component`, e.g. "VTODO").
// InvalidArgument as for mkcalendar's components.
Expected<DavRequest> calendar_query(std::string_view component) noexcept;

}  // namespace kith::dav

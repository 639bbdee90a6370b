// Task names and the URLs they stand for. put() and remove() take a name
// as read() reported it (the resource's absolute path, "/alex/kith/a.ics")
// or, for a create, a bare file name the engine chose ("kith-3f2a.ics").
// A name is a request the engine relays, never trusted to stay put: one
// that would reach outside the task calendar (dot segments, an encoded
// slash, an absolute path elsewhere, another host) is refused, so a
// corrupt store or a hostile server's href cannot make Kith write or
// delete anything but the calendar's own members.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kith/Status.h"

namespace kith::caldav {

// The absolute URL of task `name` in the calendar at `calendar_url`. A
// bare name (no '/') is one path segment: every byte but RFC 3986's
// unreserved and a few sub-delimiters is percent-encoded, '%' included.
// A name with a '/' is an href, resolved against the calendar (RFC 3986).
// Either must end as a direct member of the calendar, on its origin.
// Item errors: empty, control characters, a query or fragment in an href,
// ".", "..", or anywhere but directly inside the calendar.
Result<std::string> task_resource_url(const std::string& calendar_url, std::string_view name);

// The name read() reports for a member `href` (as a calendar answer sent
// it): its absolute path, percent-encoding kept. nullopt for the calendar
// itself and for anything that task_resource_url would refuse.
std::optional<std::string> task_name(const std::string& calendar_url, std::string_view href);

}  // namespace kith::caldav

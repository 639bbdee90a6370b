// The path segment of a calendar Kith makes for a task list: chosen from
// the list's name, but never able to carry a path of its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kith::caldav {

// A segment of lower-case ASCII letters, digits and '-' only, from `list`
// ("Kith Reminders" -> "kith-reminders"; every other byte, '/', '.' and
// '%' included, becomes a '-' and runs of them one), at most 48
// characters; "tasks" when nothing is left (a name in another script).
// When a member of the home already has that name (compared without
// regard to case, as some servers store paths on case-insensitive disks),
// "-2", "-3", ... is added: `taken` lists the home's member names.
std::string new_calendar_segment(std::string_view list, const std::vector<std::string>& taken);

}  // namespace kith::caldav

// What kind of components an .ics resource holds, told from its text
// without parsing it: enough to route a file of a vdir to the calendar
// sync (events) or the task list (tasks). kith::calendar parses it later.
#pragma once

#include <string_view>

namespace kith::local {

// True when a content line of `ics` is "BEGIN:<component>" (names compared
// without regard to ASCII case; blanks and a CR after the name allowed).
// Only whole lines count: a DESCRIPTION that mentions "BEGIN:VEVENT" is
// one escaped line and does not.
bool holds_component(std::string_view ics, std::string_view component);

}  // namespace kith::local

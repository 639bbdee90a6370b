// Small string helpers shared by the engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kith/Ascii.h"

namespace kith::engine {

// ASCII lower-case: addresses compare case-insensitively (RFC 5321 allows
// case-sensitive local parts, but no real provider uses them).
inline std::string ascii_lower(std::string_view s) { return kith::ascii::lower(s); }

using kith::ascii::trim;

std::vector<std::string> split(std::string_view s, char separator);

// `s` made safe to print on a terminal: every C0 control (tab and line
// breaks included), DEL and every UTF-8 encoded C1 control (U+0080..U+009F,
// the single-character CSI among them) becomes U+FFFD. Server-supplied text (names,
// folder and calendar names, error messages) passes through this before
// any terminal sees it: an attendee's CN of "ESC]0;... BEL ESC[2J" must not
// retitle or clear the user's terminal.
std::string terminal_safe(std::string_view s);
// The same; text that needs no change is handed back without a copy.
std::string terminal_safe(std::string&& s);

}  // namespace kith::engine

// Recognizes links to video meetings: Zoom, Google Meet, Microsoft Teams
// and Jitsi.
#pragma once

#include <libical/ical.h>

#include <string_view>

namespace kith::calendar::detail {

// True when `text` holds a meeting link:
// - zoom.us or any subdomain of it, path /j/... or /my/...;
// - meet.google.com/<code>;
// - teams.microsoft.com or teams.live.com (or subdomains)/<path>;
// - meet.jit.si or any host with a "jitsi" label part, /<room>.
// Host names are matched case-insensitively and whole (zoom.usx.com and
// notzoom.us are not Zoom), with or without a scheme; percent-encoded
// links (Outlook Safe Links wrapping) are decoded first. A host right after
// '@' (a mail address) or inside a path is not a link.
bool text_has_video_link(std::string_view text);

// True when LOCATION, DESCRIPTION, URL or CONFERENCE (RFC 7986; matched by
// property name, whatever libical thinks of it) of `component` holds a
// meeting link.
bool component_has_video_link(icalcomponent* component);

}  // namespace kith::calendar::detail

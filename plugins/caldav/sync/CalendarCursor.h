// What the engine stores per calendar. Either the server's RFC 6578 sync
// token ("v1 token <token>"), or, for servers without one, the calendar's
// ctag and every member's etag ("v1 etags <ctag>\n<etag>\t<href>\n..."),
// which is what it takes to see changes and deletions by listing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kith::caldav {

struct CalendarCursor {
  enum class Kind { SyncToken, Etags };
  Kind kind = Kind::SyncToken;
  std::string token;                        // SyncToken: the sync token; Etags: the ctag (may be empty)
  std::map<std::string, std::string> etags;  // Etags: href -> etag (or last-modified)

  std::string encode() const;
  static std::optional<CalendarCursor> decode(std::string_view text);
};

}  // namespace kith::caldav

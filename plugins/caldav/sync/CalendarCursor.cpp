#include "sync/CalendarCursor.h"

namespace kith::caldav {

std::string CalendarCursor::encode() const {
  if (kind == Kind::SyncToken) return "v1 token " + token;
  std::string out = "v1 etags " + token;
  for (const auto& [href, etag] : etags) {
    out += '\n';
    out += etag;
    out += '\t';
    out += href;
  }
  return out;
}

std::optional<CalendarCursor> CalendarCursor::decode(std::string_view text) {
  CalendarCursor c;
  if (text.rfind("v1 token ", 0) == 0) {
    c.kind = Kind::SyncToken;
    c.token = std::string(text.substr(9));
    if (c.token.empty() || c.token.find('\n') != std::string::npos) return std::nullopt;
    return c;
  }
  if (text.rfind("v1 etags ", 0) != 0) return std::nullopt;
  c.kind = Kind::Etags;
  text.remove_prefix(9);
  auto line_end = text.find('\n');
  c.token = std::string(text.substr(0, line_end));
  while (line_end != std::string_view::npos) {
    text.remove_prefix(line_end + 1);
    line_end = text.find('\n');
    const std::string_view line = text.substr(0, line_end);
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab + 1 >= line.size()) return std::nullopt;
    c.etags.emplace(std::string(line.substr(tab + 1)), std::string(line.substr(0, tab)));
  }
  return c;
}

}  // namespace kith::caldav

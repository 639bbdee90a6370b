#include "dav/sync/CollectionCursor.h"

namespace kith::dav {

std::string CollectionCursor::encode() const {
  std::string out = (kind == Kind::SyncToken ? "v1 token " : "v1 etags ") + token;
  for (const auto& [href, etag] : etags) {
    out += '\n';
    out += etag;
    out += '\t';
    out += href;
  }
  return out;
}

std::optional<CollectionCursor> CollectionCursor::decode(std::string_view text) {
  CollectionCursor c;
  if (text.rfind("v1 token ", 0) == 0) {
    c.kind = Kind::SyncToken;
  } else if (text.rfind("v1 etags ", 0) == 0) {
    c.kind = Kind::Etags;
  } else {
    return std::nullopt;
  }
  text.remove_prefix(9);
  auto line_end = text.find('\n');
  c.token = std::string(text.substr(0, line_end));
  if (c.kind == Kind::SyncToken && c.token.empty()) return std::nullopt;
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

}  // namespace kith::dav

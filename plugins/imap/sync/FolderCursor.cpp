#include "sync/FolderCursor.h"

#include <charconv>

namespace kith::imap {
namespace {

template <typename T>
bool read_number(std::string_view& text, T& out) {
  const auto space = text.find(' ');
  const std::string_view token = text.substr(0, space);
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), out);
  if (ec != std::errc() || end != token.data() + token.size() || token.empty()) return false;
  text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  return true;
}

}  // namespace

std::string FolderCursor::encode() const {
  return "v1 " + std::to_string(uid_validity) + " " + std::to_string(next_uid) + " " + std::to_string(highest_modseq);
}

std::optional<FolderCursor> FolderCursor::decode(std::string_view text) {
  if (text.substr(0, 3) != "v1 ") return std::nullopt;
  text.remove_prefix(3);
  FolderCursor c;
  if (!read_number(text, c.uid_validity) || !read_number(text, c.next_uid) || !read_number(text, c.highest_modseq) ||
      !text.empty() || c.uid_validity == 0 || c.next_uid == 0)
    return std::nullopt;
  return c;
}

}  // namespace kith::imap

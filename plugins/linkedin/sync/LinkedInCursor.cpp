#include "sync/LinkedInCursor.h"

#include <charconv>

namespace kith::linkedin {
namespace {

constexpr std::string_view kVersion = "v1 ";

std::optional<std::size_t> number(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The text up to `separator` (removed from `text` with it); nullopt when
// there is no separator.
std::optional<std::string_view> take_until(std::string_view& text, char separator) {
  const std::size_t at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view part = text.substr(0, at);
  text.remove_prefix(at + 1);
  return part;
}

}  // namespace

std::string encode_cursor(const FileCursor& cursor) {
  std::string out(kVersion);
  out += cursor.fingerprint;
  if (!cursor.cards) return out;
  out += ' ' + std::to_string(cursor.cards->size());
  std::string_view previous;
  for (const auto& [resource, digest] : *cursor.cards) {
    std::size_t shared = 0;
    while (shared < previous.size() && shared < resource.size() && previous[shared] == resource[shared]) ++shared;
    out += '\n' + std::to_string(shared) + ' ' + digest + ' ' + resource.substr(shared);
    previous = resource;
  }
  return out;
}

std::optional<FileCursor> decode_cursor(std::string_view text) {
  if (text.substr(0, kVersion.size()) != kVersion) return std::nullopt;
  text.remove_prefix(kVersion.size());
  FileCursor cursor;
  const std::size_t line_end = text.find('\n');
  std::string_view header = text.substr(0, line_end);
  text.remove_prefix(line_end == std::string_view::npos ? text.size() : line_end);
  const std::size_t space = header.find(' ');
  cursor.fingerprint = std::string(header.substr(0, space));
  if (cursor.fingerprint.empty()) return std::nullopt;
  if (space == std::string_view::npos) return text.empty() ? std::optional<FileCursor>(cursor) : std::nullopt;
  const auto count = number(header.substr(space + 1));
  if (!count || *count > kMaxTrackedCards) return std::nullopt;
  cursor.cards.emplace();
  std::string previous;
  for (std::size_t i = 0; i < *count; ++i) {
    if (text.empty() || text.front() != '\n') return std::nullopt;
    text.remove_prefix(1);
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    const auto shared_text = take_until(line, ' ');
    const auto digest = take_until(line, ' ');
    const auto shared = shared_text ? number(*shared_text) : std::nullopt;
    if (!shared || !digest || *shared > previous.size()) return std::nullopt;
    std::string resource = previous.substr(0, *shared) + std::string(line);
    if (resource.empty() || (!cursor.cards->empty() && resource <= previous)) return std::nullopt;
    cursor.cards->emplace(resource, std::string(*digest));
    previous = std::move(resource);
  }
  if (!text.empty()) return std::nullopt;
  return cursor;
}

}  // namespace kith::linkedin

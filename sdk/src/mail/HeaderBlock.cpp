#include "HeaderBlock.h"

#include <algorithm>

namespace kith::mail::detail {
namespace {

// Where the header ends: the length of `raw` up to and including the line
// break before the first empty line. Matches mimetic, which treats CR, LF,
// CRLF and LFCR as one line break each, so "\n\n", "\n\r\n" and "\r\r"
// all start an empty line. A message that starts with an empty line has
// an empty header.
std::size_t header_length(std::string_view raw) {
  if (raw.starts_with('\n') || raw.starts_with('\r')) return 0;
  std::size_t end = raw.size();
  for (std::string_view separator : {"\n\n", "\n\r\n", "\r\r"}) {
    const std::size_t at = raw.find(separator);
    if (at != std::string_view::npos) end = std::min(end, at + 1);
  }
  return end;
}

}  // namespace

std::string header_block_for_mimetic(std::string_view raw) {
  std::string_view header = raw.substr(0, header_length(raw));
  if (header.size() > kMaxHeaderBlockBytes) {
    const std::string_view capped = header.substr(0, kMaxHeaderBlockBytes);
    const std::size_t last_break = capped.find_last_of("\r\n");
    header = last_break == std::string_view::npos ? capped : capped.substr(0, last_break + 1);
  }
  std::string block(header);
  // Whatever the header's last line break was (or none), "\n\n" after it
  // ends that line and adds the empty line mimetic needs to keep the last
  // field.
  block += "\n\n";
  return block;
}

}  // namespace kith::mail::detail

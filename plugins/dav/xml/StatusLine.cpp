#include "dav/xml/StatusLine.h"

#include "dav/xml/AsciiText.h"

namespace kith::dav {

std::optional<int> parse_status_line(std::string_view line) noexcept {
  std::string_view rest = ascii::trim(line);
  constexpr std::string_view kPrefix = "HTTP/";
  if (rest.size() < kPrefix.size() || !ascii::iequals(rest.substr(0, kPrefix.size()), kPrefix)) return std::nullopt;
  rest.remove_prefix(kPrefix.size());

  std::size_t version_end = 0;
  while (version_end < rest.size() && (ascii::is_digit(rest[version_end]) || rest[version_end] == '.')) ++version_end;
  if (version_end == 0) return std::nullopt;
  rest.remove_prefix(version_end);

  std::size_t gap = 0;
  while (gap < rest.size() && (rest[gap] == ' ' || rest[gap] == '\t')) ++gap;
  if (gap == 0) return std::nullopt;
  rest.remove_prefix(gap);

  if (rest.size() < 3 || !ascii::is_digit(rest[0]) || !ascii::is_digit(rest[1]) || !ascii::is_digit(rest[2])) {
    return std::nullopt;
  }
  // "HTTP/1.1 2000" is not a 200.
  if (rest.size() > 3 && !ascii::is_space(rest[3])) return std::nullopt;
  const int code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  if (code < 100 || code > 599) return std::nullopt;
  return code;
}

}  // namespace kith::dav

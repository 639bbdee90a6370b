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

std::string describe_status(long code) {
  const char* phrase = nullptr;
  switch (code) {
    case 200: phrase = "OK"; break;
    case 201: phrase = "Created"; break;
    case 204: phrase = "No Content"; break;
    case 207: phrase = "Multi-Status"; break;
    case 301: phrase = "Moved Permanently"; break;
    case 302: phrase = "Found"; break;
    case 303: phrase = "See Other"; break;
    case 307: phrase = "Temporary Redirect"; break;
    case 308: phrase = "Permanent Redirect"; break;
    case 400: phrase = "Bad Request"; break;
    case 401: phrase = "Unauthorized"; break;
    case 403: phrase = "Forbidden"; break;
    case 404: phrase = "Not Found"; break;
    case 405: phrase = "Method Not Allowed"; break;
    case 408: phrase = "Request Timeout"; break;
    case 409: phrase = "Conflict"; break;
    case 410: phrase = "Gone"; break;
    case 412: phrase = "Precondition Failed"; break;
    case 413: phrase = "Content Too Large"; break;
    case 415: phrase = "Unsupported Media Type"; break;
    case 423: phrase = "Locked"; break;
    case 429: phrase = "Too Many Requests"; break;
    case 500: phrase = "Internal Server Error"; break;
    case 501: phrase = "Not Implemented"; break;
    case 502: phrase = "Bad Gateway"; break;
    case 503: phrase = "Service Unavailable"; break;
    case 504: phrase = "Gateway Timeout"; break;
    case 507: phrase = "Insufficient Storage"; break;
    default: break;
  }
  std::string text = std::to_string(code);
  if (phrase != nullptr) {
    text += ' ';
    text += phrase;
  }
  return text;
}

}  // namespace kith::dav

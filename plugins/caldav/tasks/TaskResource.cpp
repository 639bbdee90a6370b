#include "tasks/TaskResource.h"

#include "dav/transport/CredentialScope.h"
#include "dav/xml/AsciiText.h"
#include "dav/xml/Href.h"

namespace kith::caldav {
namespace {

// RFC 3986 unreserved, and the sub-delimiters and '@' a path segment may
// hold raw; ':' is left out, so a bare name never reads as a scheme.
bool raw_in_segment(char c) {
  if (dav::ascii::is_alpha(c) || dav::ascii::is_digit(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case '!': case '$': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case ';': case '=': case '@':
      return true;
    default:
      return false;
  }
}

std::string encode_segment(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (raw_in_segment(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

bool has_control(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

std::string with_slash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

// Whether `url` (absolute, resolved) is a direct member of the calendar at
// `calendar_url`: same origin, and one decoded path segment below it that
// is neither "." nor "..". Decoded, so "%2F" and "%2e%2e" count as what
// a server may take them for.
bool directly_inside(const std::string& calendar_url, const std::string& url) {
  const auto calendar_origin = dav::origin_of(calendar_url);
  const auto origin = dav::origin_of(url);
  if (!calendar_origin || !origin || !(*calendar_origin == *origin)) return false;
  if (url.back() == '/' || url.find_first_of("?#") != std::string::npos) return false;
  const auto calendar = dav::normalize_href(calendar_url);
  const auto path = dav::normalize_href(url);
  if (!calendar || !path) return false;
  const std::string prefix = *calendar == "/" ? "/" : *calendar + "/";
  if (path->size() <= prefix.size() || path->compare(0, prefix.size(), prefix) != 0) return false;
  const std::string_view member = std::string_view(*path).substr(prefix.size());
  return member.find('/') == std::string_view::npos && member != "." && member != "..";
}

// The path of an absolute URL, with any query.
std::string path_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto path = url.find('/', scheme_end + 3);
  return path == std::string::npos ? "/" : url.substr(path);
}

}  // namespace

Result<std::string> task_resource_url(const std::string& calendar_url, std::string_view name) {
  std::string quoted = "\"";
  quoted += name;
  quoted += '"';
  if (name.empty()) return Status::item("a task needs a name");
  if (has_control(name)) return Status::item("a task name holds control characters");
  std::string url;
  if (name.find('/') == std::string_view::npos) {
    if (name == "." || name == "..") return Status::item("task name " + quoted + " is no file name");
    url = with_slash(calendar_url) + encode_segment(name);
  } else {
    if (name.find_first_of("?#") != std::string_view::npos)
      return Status::item("task name " + quoted + " has a query or fragment");
    auto resolved = dav::resolve_href(calendar_url, name);
    if (!resolved) return Status::item("task name " + quoted + ": " + resolved.error().message);
    url = std::move(*resolved);
  }
  if (!directly_inside(calendar_url, url))
    return Status::item("task name " + quoted + " would leave the calendar; refused");
  return url;
}

std::optional<std::string> task_name(const std::string& calendar_url, std::string_view href) {
  if (has_control(href)) return std::nullopt;
  auto resolved = dav::resolve_href(calendar_url, href);
  if (!resolved || !directly_inside(calendar_url, *resolved)) return std::nullopt;
  return path_of(*resolved);
}

}  // namespace kith::caldav

#include "VideoLinkDetector.h"

#include <array>
#include <string>

#include "AsciiText.h"

namespace kith::calendar::detail {
namespace {

bool is_host_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Lower-cased copy with %XX escapes decoded (invalid escapes kept as is).
std::string normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(
          ascii_lower(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]))));
      i += 2;
    } else {
      out.push_back(ascii_lower(text[i]));
    }
  }
  return out;
}

bool host_is_or_under(std::string_view host, std::string_view domain) noexcept {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

bool host_has_jitsi_label(std::string_view host) noexcept {
  std::size_t begin = 0;
  while (begin <= host.size()) {
    const std::size_t dot = host.find('.', begin);
    const std::string_view label =
        host.substr(begin, dot == std::string_view::npos ? host.npos : dot - begin);
    if (label.find("jitsi") != std::string_view::npos) return true;
    if (dot == std::string_view::npos) break;
    begin = dot + 1;
  }
  return false;
}

// `path` starts right after the host (and port): "/j/123?pwd=..." or "".
bool path_has_segment(std::string_view path) noexcept {
  return path.size() >= 2 && path[0] == '/' && path[1] != '/' && !is_blank(path[1]);
}

bool is_meeting_link(std::string_view host, std::string_view path) noexcept {
  if (host_is_or_under(host, "zoom.us")) {
    for (std::string_view prefix : {std::string_view("/j/"), std::string_view("/my/")}) {
      if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix &&
          is_host_char(path[prefix.size()])) {
        return true;
      }
    }
    return false;
  }
  if (!path_has_segment(path)) return false;
  return host == "meet.google.com" || host_is_or_under(host, "teams.microsoft.com") ||
         host_is_or_under(host, "teams.live.com") || host_is_or_under(host, "meet.jit.si") ||
         host_has_jitsi_label(host);
}

// The text of a TEXT, URI or X value (what these four properties hold);
// empty for anything else. No serializing: libical prints for some kinds.
std::string_view property_text(icalproperty* property) {
  icalvalue* value = icalproperty_get_value(property);
  if (value == nullptr) return {};
  const char* text = nullptr;
  switch (icalvalue_isa(value)) {
    case ICAL_TEXT_VALUE: text = icalvalue_get_text(value); break;
    case ICAL_URI_VALUE: text = icalvalue_get_uri(value); break;
    case ICAL_X_VALUE: text = icalvalue_get_x(value); break;
    default: break;
  }
  return text != nullptr ? std::string_view(text) : std::string_view();
}

std::string_view property_name(icalproperty* property) {
  const icalproperty_kind kind = icalproperty_isa(property);
  // Properties libical has no kind for (X-names) carry their own name.
  const char* name = kind == ICAL_X_PROPERTY ? icalproperty_get_x_name(property)
                                             : icalproperty_kind_to_string(kind);
  return name != nullptr ? std::string_view(name) : std::string_view();
}

}  // namespace

bool text_has_video_link(std::string_view text) {
  const std::string s = normalize(text);
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_host_char(s[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && is_host_char(s[end])) ++end;
    // A host starts the text, follows "//" or follows something that
    // cannot be part of a URL path or a mail address.
    const bool at_url_start = i == 0 || (s[i - 1] == '/' && i >= 2 && s[i - 2] == '/') ||
                              (s[i - 1] != '/' && s[i - 1] != '@');
    if (at_url_start) {
      std::string_view host(s.data() + i, end - i);
      while (!host.empty() && host.back() == '.') host.remove_suffix(1);  // "zoom.us./j/1"
      std::size_t path_start = end;
      if (path_start < s.size() && s[path_start] == ':') {  // port
        ++path_start;
        while (path_start < s.size() && s[path_start] >= '0' && s[path_start] <= '9') ++path_start;
      }
      if (is_meeting_link(host, std::string_view(s).substr(path_start))) return true;
    }
    i = end;
  }
  return false;
}

bool component_has_video_link(icalcomponent* component) {
  static constexpr std::array<std::string_view, 4> kProperties{"LOCATION", "DESCRIPTION", "URL",
                                                               "CONFERENCE"};
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
    const std::string_view name = property_name(p);
    bool wanted = false;
    for (std::string_view candidate : kProperties)
      wanted = wanted || ascii_iequals(name, candidate);
    if (wanted && text_has_video_link(property_text(p))) return true;
  }
  return false;
}

}  // namespace kith::calendar::detail

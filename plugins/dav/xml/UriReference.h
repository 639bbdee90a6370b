// URI references as RFC 3986 defines them: splitting into components,
// dot-segment removal and resolution against a base (sections 3, 5.2).
// Internal to kith_dav_xml; callers use xml/Href.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kith::dav::uri {

struct UriReference {
  std::optional<std::string> scheme;     // without ':'
  std::optional<std::string> authority;  // without "//"; may be empty ("file:///x")
  std::string path;
  std::optional<std::string> query;      // without '?'
  std::optional<std::string> fragment;   // without '#'
};

// Splits like the regular expression of RFC 3986 appendix B, except that a
// "scheme" which is not ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) is taken
// as part of the path. Never fails: every string is some reference.
UriReference split(std::string_view reference);

// RFC 3986 5.3.
std::string recompose(const UriReference& reference);

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view path);

// RFC 3986 5.2.2 (strict), with `base` an absolute URI.
UriReference resolve(const UriReference& base, const UriReference& reference);

}  // namespace kith::dav::uri

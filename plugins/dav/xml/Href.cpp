#include "dav/xml/Href.h"

#include <exception>
#include <new>

#include "dav/xml/AsciiText.h"
#include "dav/xml/UriReference.h"

namespace kith::dav {
namespace {

std::string percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && ascii::hex_value(text[i + 1]) >= 0 &&
        ascii::hex_value(text[i + 2]) >= 0) {
      decoded += static_cast<char>(ascii::hex_value(text[i + 1]) * 16 + ascii::hex_value(text[i + 2]));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// "/dav//cal/" is a server joining paths carelessly, not another resource.
std::string collapse_slashes(std::string_view path) {
  std::string collapsed;
  collapsed.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !collapsed.empty() && collapsed.back() == '/') continue;
    collapsed += c;
  }
  return collapsed;
}

bool needs_encoding(unsigned char c) noexcept {
  if (c <= 0x20 || c >= 0x7f) return true;
  switch (c) {
    case '"': case '<': case '>': case '\\': case '^': case '`': case '{': case '|': case '}':
      return true;
    default:
      return false;
  }
}

std::string encode_unsafe_bytes(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (needs_encoding(byte)) {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0f];
    } else {
      encoded += c;
    }
  }
  return encoded;
}

std::string normalize(std::string_view href) {
  const uri::UriReference parts = uri::split(ascii::trim(href));
  std::string path = parts.path;
  if (parts.authority && path.empty()) path.push_back('/');
  if (!path.empty() && path.front() == '/') path = uri::remove_dot_segments(path);
  path = collapse_slashes(percent_decode(path));
  if (path.size() > 1 && path.back() == '/') path.pop_back();

  std::string normalized;
  // Only an opaque reference ("urn:...", no authority) keeps its scheme.
  if (parts.scheme && !parts.authority) {
    for (char c : *parts.scheme) normalized += ascii::to_lower(c);
    normalized += ':';
  }
  normalized += path;
  if (parts.query) {
    normalized += '?';
    normalized += percent_decode(*parts.query);
  }
  return normalized;
}

Expected<std::string> resolve(std::string_view base_url, std::string_view href) {
  const uri::UriReference base = uri::split(ascii::trim(base_url));
  if (!base.scheme || !base.authority) {
    return Error{ErrorCode::InvalidArgument, "base URL is not absolute (scheme://authority/...)"};
  }
  uri::UriReference target = uri::resolve(base, uri::split(ascii::trim(href)));
  target.fragment.reset();  // never sent to a server
  return encode_unsafe_bytes(uri::recompose(target));
}

}  // namespace

Expected<std::string> normalize_href(std::string_view href) noexcept {
  return at_api_boundary<std::string>([&] { return normalize(href); });
}

bool same_href(std::string_view a, std::string_view b) noexcept {
  const Expected<std::string> left = normalize_href(a);
  const Expected<std::string> right = normalize_href(b);
  return left && right && *left == *right;
}

Expected<std::string> resolve_href(std::string_view base_url, std::string_view href) noexcept {
  return at_api_boundary<std::string>([&] { return resolve(base_url, href); });
}

}  // namespace kith::dav

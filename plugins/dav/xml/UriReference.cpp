#include "dav/xml/UriReference.h"

#include "dav/xml/AsciiText.h"

namespace kith::dav::uri {
namespace {

bool is_scheme(std::string_view text) noexcept {
  if (text.empty() || !ascii::is_alpha(text.front())) return false;
  for (char c : text) {
    if (!ascii::is_alpha(c) && !ascii::is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Drops the last segment of `output` and the '/' before it.
void pop_segment(std::string& output) {
  const std::size_t slash = output.rfind('/');
  output.erase(slash == std::string::npos ? 0 : slash);
}

std::string merge(const UriReference& base, std::string_view reference_path) {
  if (base.authority && base.path.empty()) {
    std::string path(1, '/');
    path += reference_path;
    return path;
  }
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(reference_path);
  return base.path.substr(0, slash + 1) + std::string(reference_path);
}

}  // namespace

UriReference split(std::string_view reference) {
  UriReference parts;
  std::string_view rest = reference;

  const std::size_t colon = rest.find_first_of(":/?#");
  if (colon != std::string_view::npos && rest[colon] == ':' && is_scheme(rest.substr(0, colon))) {
    parts.scheme = std::string(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  if (rest.size() >= 2 && rest[0] == '/' && rest[1] == '/') {
    rest.remove_prefix(2);
    const std::size_t end = rest.find_first_of("/?#");
    parts.authority = std::string(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  const std::size_t path_end = rest.find_first_of("?#");
  parts.path = std::string(rest.substr(0, path_end));
  rest.remove_prefix(path_end == std::string_view::npos ? rest.size() : path_end);
  if (!rest.empty() && rest.front() == '?') {
    rest.remove_prefix(1);
    const std::size_t end = rest.find('#');
    parts.query = std::string(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  if (!rest.empty() && rest.front() == '#') parts.fragment = std::string(rest.substr(1));
  return parts;
}

std::string recompose(const UriReference& reference) {
  std::string text;
  if (reference.scheme) text += *reference.scheme + ":";
  if (reference.authority) text += "//" + *reference.authority;
  text += reference.path;
  if (reference.query) text += "?" + *reference.query;
  if (reference.fragment) text += "#" + *reference.fragment;
  return text;
}

std::string remove_dot_segments(std::string_view path) {
  // The steps and their letters follow RFC 3986 5.2.4.
  std::string output;
  output.reserve(path.size());
  std::string_view input = path;
  while (!input.empty()) {
    if (input.starts_with("../")) {  // A
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {  // A
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {  // B: "/./x" -> "/x"
      input.remove_prefix(2);
    } else if (input == "/.") {  // B
      input = "/";
    } else if (input.starts_with("/../")) {  // C
      input.remove_prefix(3);
      pop_segment(output);
    } else if (input == "/..") {  // C
      input = "/";
      pop_segment(output);
    } else if (input == "." || input == "..") {  // D
      input = {};
    } else {  // E: move "/segment" or a leading "segment"
      const std::size_t end = input.find('/', 1);
      const std::size_t length = end == std::string_view::npos ? input.size() : end;
      output.append(input.substr(0, length));
      input.remove_prefix(length);
    }
  }
  return output;
}

UriReference resolve(const UriReference& base, const UriReference& reference) {
  UriReference target;
  if (reference.scheme) {
    target.scheme = reference.scheme;
    target.authority = reference.authority;
    target.path = remove_dot_segments(reference.path);
    target.query = reference.query;
  } else {
    if (reference.authority) {
      target.authority = reference.authority;
      target.path = remove_dot_segments(reference.path);
      target.query = reference.query;
    } else {
      if (reference.path.empty()) {
        target.path = base.path;
        target.query = reference.query ? reference.query : base.query;
      } else {
        if (reference.path.front() == '/') {
          target.path = remove_dot_segments(reference.path);
        } else {
          target.path = remove_dot_segments(merge(base, reference.path));
        }
        target.query = reference.query;
      }
      target.authority = base.authority;
    }
    target.scheme = base.scheme;
  }
  target.fragment = reference.fragment;
  return target;
}

}  // namespace kith::dav::uri

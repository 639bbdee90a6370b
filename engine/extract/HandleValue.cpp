#include "extract/HandleValue.h"

#include "kith/Ascii.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix;
}

std::string uri(std::string_view value) {
  std::string_view text = trim(value);
  if (const auto cut = text.find_first_of("?#"); cut != std::string_view::npos) text = text.substr(0, cut);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  std::string out = ascii_lower(text.substr(0, colon + 1));  // the scheme
  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    const auto slash = rest.find('/');
    std::string host = ascii_lower(rest.substr(0, slash));
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    if (host.empty()) return {};
    out += "//" + host;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  out += rest;
  return out;
}

std::string phone(std::string_view value) {
  std::string_view text = trim(value);
  if (starts_with_nocase(text, "tel:")) text.remove_prefix(4);
  std::string out;
  for (char c : text) {
    if (c == '+' && out.empty()) out += c;
    else if (c >= '0' && c <= '9') out += c;
    else if (c == ';') break;  // tel: parameters
  }
  return out == "+" ? std::string() : out;
}

}  // namespace

std::string normalized_handle(HandleKind kind, std::string_view value) {
  switch (kind) {
    case HandleKind::Email: {
      std::string_view text = trim(value);
      if (starts_with_nocase(text, "mailto:")) text.remove_prefix(7);
      return ascii_lower(trim(text));
    }
    case HandleKind::Uri: return uri(value);
    case HandleKind::Phone: return phone(value);
  }
  return {};
}

TypedHandle handle_from_user_text(std::string_view text) {
  const std::string_view trimmed = trim(text);
  HandleKind kind = HandleKind::Email;
  if (trimmed.find("://") != std::string_view::npos || starts_with_nocase(trimmed, "xmpp:") ||
      starts_with_nocase(trimmed, "sip:"))
    kind = HandleKind::Uri;
  else if (starts_with_nocase(trimmed, "tel:") || (!trimmed.empty() && trimmed.front() == '+'))
    kind = HandleKind::Phone;
  return {kind, normalized_handle(kind, trimmed)};
}

bool address_in_domain(std::string_view address, std::string_view domain) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || domain.empty()) return false;
  const std::string_view host = address.substr(at + 1);
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace kith::engine

#include "PropertyValue.h"

#include "Charset.h"
#include "MimeticAdapter.h"
#include "kith/Ascii.h"

namespace kith::contacts::detail {
namespace {

constexpr bool is_base64_char(char c) noexcept {
  return kith::ascii::is_alpha(c) || kith::ascii::is_digit(c) || c == '+' || c == '/' || c == '=';
}

std::optional<std::string> decode_base64_text(std::string_view value) {
  // Folding leaves blanks inside; mimetic's decoder must see only its alphabet.
  std::string compact;
  compact.reserve(value.size());
  for (char c : value) {
    if (kith::ascii::is_space(c)) continue;
    if (!is_base64_char(c)) return std::nullopt;
    compact += c;
  }
  return mail::detail::decode_base64(compact);
}

std::string decode_quoted_printable_text(std::string_view value) {
  // mimetic turns a trailing blank into '='; a value's trailing blanks
  // mean nothing anyway.
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return mail::detail::decode_quoted_printable(value);
}

}  // namespace

VCardVersion version_from(std::string_view value) noexcept {
  value = kith::ascii::trim(value);
  if (value == "2.1") return VCardVersion::V21;
  if (value == "4.0") return VCardVersion::V40;
  return VCardVersion::V30;
}

std::optional<std::string> decoded_value(const PropertyLine& property) {
  std::string bytes;
  const std::string encoding = property.parameter("ENCODING");
  if (kith::ascii::iequals(encoding, "QUOTED-PRINTABLE") || kith::ascii::iequals(encoding, "QP")) {
    bytes = decode_quoted_printable_text(property.value);
  } else if (kith::ascii::iequals(encoding, "B") || kith::ascii::iequals(encoding, "BASE64")) {
    auto decoded = decode_base64_text(property.value);
    if (!decoded) return std::nullopt;
    bytes = std::move(*decoded);
  } else {
    bytes = property.value;
  }
  const std::string charset = property.parameter("CHARSET");
  if (!charset.empty()) {
    if (auto converted = mail::detail::convert_to_utf8(bytes, charset)) return mail::detail::as_utf8(*converted);
  }
  return mail::detail::as_utf8(bytes);
}

std::vector<std::string_view> split_unescaped(std::string_view value, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;  // the escaped character is never a separator
    } else if (value[i] == separator) {
      parts.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(value.substr(std::min(start, value.size())));
  return parts;
}

std::string unescape(std::string_view value, VCardVersion version) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    const char next = value[i + 1];
    if (next == ';' || next == ',' || next == '\\') {
      out += next;
    } else if (version != VCardVersion::V21 && next == ':') {
      out += next;
    } else if (version != VCardVersion::V21 && (next == 'n' || next == 'N')) {
      out += '\n';
    } else {
      out += '\\';
      out += next;
    }
    ++i;
  }
  return out;
}

}  // namespace kith::contacts::detail

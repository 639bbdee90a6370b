#include "dav/xml/XmlEscape.h"

#include <cstdint>
#include <exception>
#include <new>
#include <string>

namespace kith::dav {
namespace {

// Length of the UTF-8 sequence at text[at] and its code point, or 0 when the
// bytes there are not a valid, shortest-form encoding of a scalar value.
std::size_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& code_point) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  std::uint32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    minimum = 0x80;
    code_point = lead & 0x1fu;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    minimum = 0x800;
    code_point = lead & 0x0fu;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    minimum = 0x10000;
    code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(at + i);
    if ((next & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3fu);
  }
  if (code_point < minimum || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff)) return 0;
  return length;
}

// XML 1.0 "Char" production.
bool is_xml_char(std::uint32_t c) noexcept {
  return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
         (c >= 0x10000 && c <= 0x10ffff);
}

Expected<std::string> escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size();) {
    std::uint32_t code_point = 0;
    const std::size_t length = decode_utf8(text, at, code_point);
    if (length == 0) {
      return Error{ErrorCode::InvalidArgument, "text is not valid UTF-8 at byte " + std::to_string(at)};
    }
    if (!is_xml_char(code_point)) {
      return Error{ErrorCode::InvalidArgument,
                   "text holds a character XML cannot carry at byte " + std::to_string(at)};
    }
    switch (code_point) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

}  // namespace

Expected<std::string> xml_escape(std::string_view text) noexcept {
  return at_api_boundary<std::string>([&] { return escape(text); });
}

}  // namespace kith::dav

// A property's value as text: transfer-decoded, converted to UTF-8, and
// split and unescaped by the rules of the card's vCard version.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "PropertyLine.h"

namespace kith::contacts::detail {

enum class VCardVersion { V21, V30, V40 };

// "2.1", "3.0", "4.0"; anything else is read by the 3.0 and 4.0 rules,
// which agree on everything this reader looks at.
VCardVersion version_from(std::string_view value) noexcept;

// The value's bytes decoded (ENCODING=QUOTED-PRINTABLE/QP, ENCODING=B/BASE64)
// and converted from CHARSET to valid UTF-8; unlabelled 8-bit text is read
// as UTF-8, else Windows-1252. Escapes are still in. nullopt when the
// value cannot be decoded (base64 with bytes outside its alphabet).
std::optional<std::string> decoded_value(const PropertyLine& property);

// `value` cut at every `separator` (';' for structured values, ',' for
// lists) that no backslash escapes; the parts are still escaped.
std::vector<std::string_view> split_unescaped(std::string_view value, char separator);

// `value` with its backslash escapes resolved: \, \; and \\ are the
// character itself; in 3.0 and 4.0 also \: (Apple's URLs), and \n and \N
// are line breaks. 2.1 has no \n (its values may hold Windows paths and
// line breaks come quoted-printable). An unknown escape is kept.
std::string unescape(std::string_view value, VCardVersion version);

}  // namespace kith::contacts::detail

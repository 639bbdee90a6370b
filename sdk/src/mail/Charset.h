// Charset conversion to UTF-8 through iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kith::mail::detail {

// `bytes` in the MIME charset `charset` (any name iconv knows, plus the
// aliases mail needs that glibc lacks, e.g. ks_c_5601-1987), as UTF-8.
// nullopt for an unknown charset or bytes invalid in it.
std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset);

bool is_valid_utf8(std::string_view text) noexcept;

// `text` if it is valid UTF-8; otherwise read as Windows-1252 (what
// unlabelled 8-bit header text nearly always is), so callers always get
// valid UTF-8 to store and print.
std::string as_utf8(std::string_view text);

}  // namespace kith::mail::detail

// Base64 (RFC 4648, with padding) for SASL exchanges: AUTHENTICATE sends
// its responses and receives its challenges in base64 (RFC 3501 6.2.2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kith::imap {

std::string base64_encode(std::string_view bytes);

// nullopt when `text` is not padded base64 (length not a multiple of 4, a
// byte outside the alphabet, misplaced '='). Whitespace is not skipped:
// SASL lines carry none.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kith::imap

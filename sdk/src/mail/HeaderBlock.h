// Finding the header block of a message before mimetic reads it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kith::mail::detail {

// Header blocks larger than this are cut at the last line boundary before
// it. mimetic's header reader is quadratic in a field's length; real header
// blocks stay far below this (Postfix's default header_size_limit is 100 KiB).
inline constexpr std::size_t kMaxHeaderBlockBytes = 256 * 1024;

// The header block of `raw` (a whole message or only its header), ready
// for read_header_fields(): everything before the first empty line, capped
// at kMaxHeaderBlockBytes, always ending with an empty line so mimetic
// keeps the last field.
std::string header_block_for_mimetic(std::string_view raw);

}  // namespace kith::mail::detail

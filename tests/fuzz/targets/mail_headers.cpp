// libFuzzer target: a message header block (addresses, groups, RFC 2047
// words, dates) through kith::mail::parse_headers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kith/mail/HeaderParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)kith::mail::parse_headers(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

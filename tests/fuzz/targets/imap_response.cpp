// libFuzzer target: bytes from an IMAP server, through the framer and the
// response parser, fed in pieces of the sizes the input's first byte picks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/ImapFramer.h"
#include "protocol/ImapParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  kith::imap::FramerLimits limits;
  limits.max_literal_bytes = 64 * 1024;
  limits.max_unit_bytes = 128 * 1024;
  kith::imap::Framer framer(limits);
  while (!bytes.empty()) {
    const auto n = std::min(piece, bytes.size());
    if (!framer.feed(bytes.substr(0, n))) return 0;
    bytes.remove_prefix(n);
    while (auto unit = framer.next()) {
      (void)kith::imap::parse_response(*unit);
      (void)kith::imap::peek_tag(*unit);
    }
  }
  return 0;
}

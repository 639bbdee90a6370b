#include "rows/Digest.h"

namespace kith::linkedin {

std::string Digest::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15, shift = 0; i >= 0; --i, shift += 4) out[static_cast<std::size_t>(i)] = kDigits[(state_ >> shift) & 0xf];
  return out;
}

}  // namespace kith::linkedin

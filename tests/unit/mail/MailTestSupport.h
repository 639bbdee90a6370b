// Helpers shared by the kith::mail tests.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "kith/Items.h"

namespace kith {

// Lets gtest compare and print Mailbox values.
inline bool operator==(const Mailbox& a, const Mailbox& b) { return a.name == b.name && a.address == b.address; }

inline void PrintTo(const Mailbox& mailbox, std::ostream* out) {
  *out << "{\"" << mailbox.name << "\", <" << mailbox.address << ">}";
}

}  // namespace kith

namespace kith::mail::testing {

// Structural UTF-8 check written for the tests, independent of the
// library's own validator.
inline bool looks_like_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t continuation = 0;
    if (byte < 0x80) {
      continuation = 0;
    } else if ((byte >> 5) == 0x6 && byte >= 0xc2) {
      continuation = 1;
    } else if ((byte >> 4) == 0xe) {
      continuation = 2;
    } else if ((byte >> 3) == 0x1e && byte <= 0xf4) {
      continuation = 3;
    } else {
      return false;
    }
    if (i + continuation >= text.size() && continuation > 0) return false;
    for (std::size_t k = 1; k <= continuation; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    i += continuation + 1;
  }
  return true;
}

}  // namespace kith::mail::testing

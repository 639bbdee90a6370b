// A 64-bit FNV-1a digest: whether an export file or a card changed since
// the last import, and what tells two messages of one second apart. Not a
// cryptographic hash; nothing here needs one (a collision costs one update
// not delivered or one message counted once, never a wrong person).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kith::linkedin {

class Digest {
 public:
  // Adds `bytes`, then a separator, so that ("ab", "c") and ("a", "bc") differ.
  Digest& field(std::string_view bytes) {
    add(bytes);
    add(std::string_view("\x1f", 1));
    return *this;
  }
  // Adds `bytes` as they come, for a stream read in pieces.
  Digest& add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state_ ^= c;
      state_ *= 0x100000001b3ULL;
    }
    return *this;
  }
  std::uint64_t value() const { return state_; }
  // 16 lower-case hex digits.
  std::string hex() const;

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace kith::linkedin

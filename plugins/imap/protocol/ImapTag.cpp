#include "protocol/ImapTag.h"

#include <limits>

#include "protocol/ImapAscii.h"

namespace kith::imap {

TagGenerator::TagGenerator(std::string_view prefix)
    : prefix_(valid_prefix(prefix) ? prefix : kDefaultPrefix) {}

bool TagGenerator::valid_prefix(std::string_view prefix) noexcept {
  if (prefix.empty() || prefix.size() > kMaxPrefixLength) return false;
  for (char c : prefix) {
    const bool alnum = ascii::is_digit(c) || kith::ascii::is_alpha(c);
    if (!alnum) return false;
  }
  return true;
}

std::string TagGenerator::next() {
  ++issued_;
  std::string tag;
  tag.reserve(prefix_.size() + 20);
  tag += prefix_;
  tag += std::to_string(issued_);
  return tag;
}

std::optional<std::uint64_t> TagGenerator::sequence_of(std::string_view tag) const noexcept {
  if (tag.size() <= prefix_.size() || tag.substr(0, prefix_.size()) != prefix_) return std::nullopt;
  const std::string_view digits = tag.substr(prefix_.size());
  // We never write leading zeros, so "K01" is someone else's tag.
  if (digits.front() == '0') return std::nullopt;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (!ascii::is_digit(c)) return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value > issued_) return std::nullopt;
  return value;
}

}  // namespace kith::imap

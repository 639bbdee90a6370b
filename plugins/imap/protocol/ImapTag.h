// Command tags. Every command the client sends starts with a tag the server
// echoes in its completion ("K12 OK ..."), so tags must be unique within a
// connection. Ours are a fixed alphanumeric prefix plus a decimal counter:
// "K1", "K2", ... which keeps them short (they are on every line) and lets
// the session tell its own completions apart from anything else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kith::imap {

class TagGenerator {
 public:
  static constexpr std::string_view kDefaultPrefix = "K";
  // Longest prefix accepted; keeps the worst-case tag length small and known.
  static constexpr std::size_t kMaxPrefixLength = 16;

  // `prefix` must be 1..kMaxPrefixLength ASCII letters or digits
  // (valid_prefix()); anything else is replaced by kDefaultPrefix rather than
  // producing tags a server could misread.
  explicit TagGenerator(std::string_view prefix = kDefaultPrefix);

  static bool valid_prefix(std::string_view prefix) noexcept;

  // The next tag: prefix + (issued() + 1). Never repeats for this object
  // (the 64-bit counter does not wrap in practice).
  std::string next();

  // How many tags next() has returned.
  std::uint64_t issued() const noexcept { return issued_; }
  const std::string& prefix() const noexcept { return prefix_; }

  // The counter value inside one of our tags, or nullopt when `tag` is not
  // one this generator issued (another prefix, leading zero, not issued yet).
  std::optional<std::uint64_t> sequence_of(std::string_view tag) const noexcept;
  bool is_ours(std::string_view tag) const noexcept { return sequence_of(tag).has_value(); }

  // Upper bound on the length of any tag this generator returns; command
  // builders use it to size lines before the tag is known.
  std::size_t max_tag_length() const noexcept { return prefix_.size() + 20; }

 private:
  std::string prefix_;
  std::uint64_t issued_ = 0;
};

}  // namespace kith::imap

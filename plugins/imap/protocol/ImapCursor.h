// Internal to kith_imap_protocol: the lexer the response parsers share.
//
// A Cursor reads the tokens of RFC 3501's grammar (atoms, numbers, quoted
// strings, literals, NIL, parenthesized lists) from one response unit.
// Untrusted input is the normal case, so every read checks bounds and
// overflow, and the first problem is recorded as an Error (message and
// offset) instead of being thrown; after that every read fails, so parsers
// can chain reads and check ok() once. Reads allocate only into the
// strings and vectors the caller passes in; views point into the unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/ImapError.h"

namespace kith::imap::detail {

class Cursor {
 public:
  explicit Cursor(std::string_view input) noexcept : in_(input) {}

  bool ok() const noexcept { return !failed_; }
  bool at_end() const noexcept { return pos_ >= in_.size(); }
  std::size_t position() const noexcept { return pos_; }
  // The next byte, or '\0' at the end (NUL never starts a valid token).
  char peek() const noexcept { return pos_ < in_.size() ? in_[pos_] : '\0'; }
  // Everything not read yet, without consuming it.
  std::string_view remaining() const noexcept { return in_.substr(pos_); }
  // Everything not read yet; consumes it.
  std::string_view take_rest() noexcept;
  // Skips `count` bytes already examined through remaining().
  void advance(std::size_t count) noexcept;

  // Records the first failure; always returns false so callers can
  // `return cur.fail("...")`. Later failures keep the first message.
  bool fail(const char* message) noexcept;
  Error error() const;

  // Consumes `c` when it is next.
  bool try_consume(char c) noexcept;
  bool expect(char c, const char* message) noexcept;
  // One or more spaces (servers sometimes double them; harmless to accept).
  bool spaces() noexcept;
  void optional_spaces() noexcept;

  // 1*ATOM-CHAR (8-bit bytes accepted); empty view and failure when none.
  std::string_view atom() noexcept;
  // 1*ASTRING-CHAR: an atom that may also contain ']'.
  std::string_view astring_atom() noexcept;
  // Consumes bytes while `pred` holds; may be empty and never fails.
  template <typename Pred>
  std::string_view take_while(Pred pred) noexcept {
    const std::size_t start = pos_;
    while (pos_ < in_.size() && pred(in_[pos_])) ++pos_;
    return in_.substr(start, pos_ - start);
  }

  // number (0..2^32-1) and the 63-bit mod-sequence range of RFC 7162.
  bool number32(std::uint32_t& out) noexcept;
  bool number64(std::uint64_t& out) noexcept;
  // The same into an optional field (a STATUS item, an ESEARCH result).
  bool number32(std::optional<std::uint32_t>& out) noexcept;
  bool number64(std::optional<std::uint64_t>& out) noexcept;

  // string = quoted / literal. `out` is overwritten.
  bool string(std::string& out);
  // astring = 1*ASTRING-CHAR / string.
  bool astring(std::string& out);
  // nstring = string / NIL; NIL leaves `out` nullopt.
  bool nstring(std::optional<std::string>& out);
  // A literal, "{n}" "{n+}" or "~{n}" then CRLF (or LF) and n bytes; the
  // view points into the input.
  bool literal(std::string_view& out) noexcept;

  // "(" [flag *(SP flag)] ")": system flags ("\Seen"), keywords, "\*".
  bool flag_list(std::vector<std::string>& out);

  // Skips one value of any shape: atom, number, NIL, quoted, literal, or a
  // parenthesized list nested to any depth. Iterative, so nesting costs no
  // stack.
  bool skip_value() noexcept;

  // True when the next bytes are `word` (any case) not followed by an
  // atom character; consumes them only then.
  bool try_keyword(std::string_view word) noexcept;

 private:
  bool quoted(std::string& out);
  bool skip_quoted() noexcept;
  bool digits(std::uint64_t limit, std::uint64_t& out) noexcept;

  std::string_view in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  const char* message_ = nullptr;
  std::size_t error_pos_ = 0;
};

// The input of a unit without its final line ending (CRLF, or LF alone).
std::string_view strip_line_end(std::string_view unit) noexcept;

}  // namespace kith::imap::detail

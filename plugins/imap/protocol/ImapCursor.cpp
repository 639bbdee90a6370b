#include "protocol/ImapCursor.h"

#include <algorithm>
#include <limits>

#include "protocol/ImapAscii.h"

namespace kith::imap::detail {
namespace {

constexpr std::uint64_t kMaxNumber32 = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint64_t kMaxNumber64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// Bytes that end a bare token while skipping values of unknown shape.
bool is_token_char(char c) noexcept {
  switch (c) {
    case ' ': case '(': case ')': case '"': case '{': case '\r': case '\n':
      return false;
    default:
      return true;
  }
}

bool is_flag_char(char c) noexcept { return c == '\\' || c == '*' || ascii::is_atom_char(c); }

}  // namespace

std::string_view strip_line_end(std::string_view unit) noexcept {
  if (!unit.empty() && unit.back() == '\n') unit.remove_suffix(1);
  if (!unit.empty() && unit.back() == '\r') unit.remove_suffix(1);
  return unit;
}

void Cursor::advance(std::size_t count) noexcept { pos_ = std::min(pos_ + count, in_.size()); }

std::string_view Cursor::take_rest() noexcept {
  const std::string_view rest = in_.substr(std::min(pos_, in_.size()));
  pos_ = in_.size();
  return rest;
}

bool Cursor::fail(const char* message) noexcept {
  if (!failed_) {
    failed_ = true;
    message_ = message;
    error_pos_ = pos_;
  }
  return false;
}

Error Cursor::error() const { return Error{message_ != nullptr ? message_ : "parse error", error_pos_}; }

bool Cursor::try_consume(char c) noexcept {
  if (failed_ || pos_ >= in_.size() || in_[pos_] != c) return false;
  ++pos_;
  return true;
}

bool Cursor::expect(char c, const char* message) noexcept { return try_consume(c) || fail(message); }

bool Cursor::spaces() noexcept {
  if (!try_consume(' ')) return fail("expected a space");
  optional_spaces();
  return true;
}

void Cursor::optional_spaces() noexcept {
  while (!failed_ && pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
}

std::string_view Cursor::atom() noexcept {
  if (failed_) return {};
  const std::string_view text = take_while(ascii::is_atom_char);
  if (text.empty()) fail("expected an atom");
  return text;
}

std::string_view Cursor::astring_atom() noexcept {
  if (failed_) return {};
  const std::string_view text = take_while(ascii::is_astring_char);
  if (text.empty()) fail("expected an atom");
  return text;
}

bool Cursor::digits(std::uint64_t limit, std::uint64_t& out) noexcept {
  if (failed_) return false;
  const std::size_t start = pos_;
  std::uint64_t value = 0;
  while (pos_ < in_.size() && ascii::is_digit(in_[pos_])) {
    const auto digit = static_cast<std::uint64_t>(in_[pos_] - '0');
    // Checked before multiplying, so "99999999999999999999999" is an error, not UB.
    if (value > (limit - digit) / 10) return fail("number too large");
    value = value * 10 + digit;
    ++pos_;
  }
  if (pos_ == start) return fail("expected a number");
  out = value;
  return true;
}

bool Cursor::number32(std::uint32_t& out) noexcept {
  std::uint64_t value = 0;
  if (!digits(kMaxNumber32, value)) return false;
  out = static_cast<std::uint32_t>(value);
  return true;
}

bool Cursor::number64(std::uint64_t& out) noexcept { return digits(kMaxNumber64, out); }

bool Cursor::number32(std::optional<std::uint32_t>& out) noexcept {
  std::uint32_t value = 0;
  if (!number32(value)) return false;
  out = value;
  return true;
}

bool Cursor::number64(std::optional<std::uint64_t>& out) noexcept {
  std::uint64_t value = 0;
  if (!number64(value)) return false;
  out = value;
  return true;
}

bool Cursor::quoted(std::string& out) {
  out.clear();
  ++pos_;  // opening quote, checked by the caller
  while (pos_ < in_.size()) {
    // Copy runs between escapes in one go: no per-byte appends.
    const std::size_t start = pos_;
    while (pos_ < in_.size() && in_[pos_] != '"' && in_[pos_] != '\\' && in_[pos_] != '\r' && in_[pos_] != '\n') ++pos_;
    out.append(in_.data() + start, pos_ - start);
    if (pos_ >= in_.size()) break;
    const char c = in_[pos_];
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\\') {
      // RFC 3501 escapes only '"' and '\'; any other escaped character is
      // kept as itself, a harmless leniency.
      if (pos_ + 1 >= in_.size() || in_[pos_ + 1] == '\r' || in_[pos_ + 1] == '\n') break;
      out += in_[pos_ + 1];
      pos_ += 2;
      continue;
    }
    return fail("line break inside a quoted string");
  }
  return fail("unterminated quoted string");
}

bool Cursor::skip_quoted() noexcept {
  ++pos_;
  while (pos_ < in_.size()) {
    const char c = in_[pos_];
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c == '\r' || c == '\n') return fail("line break inside a quoted string");
    if (c == '\\') {
      if (pos_ + 1 >= in_.size() || in_[pos_ + 1] == '\r' || in_[pos_ + 1] == '\n') break;
      ++pos_;
    }
    ++pos_;
  }
  return fail("unterminated quoted string");
}

bool Cursor::literal(std::string_view& out) noexcept {
  if (failed_) return false;
  try_consume('~');  // literal8 (RFC 3516): same framing
  if (!expect('{', "expected a literal")) return false;
  std::uint64_t size = 0;
  if (!digits(std::numeric_limits<std::uint64_t>::max(), size)) return false;
  try_consume('+');
  if (!expect('}', "malformed literal marker")) return false;
  try_consume('\r');
  if (!expect('\n', "literal marker not at the end of a line")) return false;
  if (size > in_.size() - pos_) return fail("literal longer than the response");
  out = in_.substr(pos_, static_cast<std::size_t>(size));
  pos_ += static_cast<std::size_t>(size);
  return true;
}

bool Cursor::string(std::string& out) {
  if (failed_) return false;
  const char c = peek();
  if (c == '"') return quoted(out);
  if (c == '{' || c == '~') {
    std::string_view data;
    if (!literal(data)) return false;
    out.assign(data.data(), data.size());
    return true;
  }
  return fail("expected a string");
}

bool Cursor::astring(std::string& out) {
  if (failed_) return false;
  const char c = peek();
  if (c == '"' || c == '{' || c == '~') return string(out);
  const std::string_view text = astring_atom();
  if (!ok()) return false;
  out.assign(text.data(), text.size());
  return true;
}

bool Cursor::nstring(std::optional<std::string>& out) {
  if (failed_) return false;
  if (try_keyword("NIL")) {
    out.reset();
    return true;
  }
  if (!out) out.emplace();
  return string(*out);
}

bool Cursor::flag_list(std::vector<std::string>& out) {
  out.clear();
  if (!expect('(', "expected a flag list")) return false;
  optional_spaces();
  while (!try_consume(')')) {
    if (failed_) return false;
    const std::string_view flag = take_while(is_flag_char);
    if (flag.empty()) return fail("malformed flag list");
    out.emplace_back(flag);
    if (peek() == ' ') {
      optional_spaces();
    } else if (peek() != ')') {
      return fail("malformed flag list");
    }
  }
  return true;
}

bool Cursor::skip_value() noexcept {
  if (failed_) return false;
  std::size_t depth = 0;
  while (true) {
    if (depth > 0) optional_spaces();
    if (at_end()) return fail(depth > 0 ? "unterminated list" : "expected a value");
    const char c = in_[pos_];
    if (c == '(') {
      ++depth;
      ++pos_;
      continue;
    }
    if (c == ')') {
      if (depth == 0) return fail("unexpected ')'");
      ++pos_;
      if (--depth == 0) return true;
      continue;
    }
    if (c == '"') {
      if (!skip_quoted()) return false;
    } else if (c == '{' || (c == '~' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '{')) {
      std::string_view ignored;
      if (!literal(ignored)) return false;
    } else if (take_while(is_token_char).empty()) {
      return fail("expected a value");
    }
    if (depth == 0) return true;
  }
}

bool Cursor::try_keyword(std::string_view word) noexcept {
  if (failed_ || in_.size() - pos_ < word.size()) return false;
  if (!ascii::iequals(in_.substr(pos_, word.size()), word)) return false;
  const std::size_t after = pos_ + word.size();
  if (after < in_.size() && ascii::is_atom_char(in_[after])) return false;
  pos_ = after;
  return true;
}

}  // namespace kith::imap::detail

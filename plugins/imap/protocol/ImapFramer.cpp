#include "protocol/ImapFramer.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <utility>

#include "protocol/ImapAscii.h"

namespace kith::imap {
namespace {

// After a large unit the buffer keeps its peak capacity; give it back once
// it is mostly unused so one big literal does not pin memory for the whole
// session.
constexpr std::size_t kShrinkCapacity = 1024 * 1024;

enum class Marker { None, Literal, Invalid };

// Looks for a literal marker at the end of `line` (CRLF already removed):
// "{digits}", "{digits+}" or "~{digits}". A brace group that is not a valid
// marker ("{}", "{x}") is ordinary text; a marker whose number does not fit
// the cap is Invalid, since we could not skip the payload.
Marker literal_marker(std::string_view line, std::size_t max_literal, std::size_t& size) {
  if (line.empty() || line.back() != '}') return Marker::None;
  std::size_t end = line.size() - 1;  // index of '}'
  if (end > 0 && line[end - 1] == '+') --end;
  std::size_t begin = end;
  while (begin > 0 && ascii::is_digit(line[begin - 1])) --begin;
  if (begin == end || begin == 0 || line[begin - 1] != '{') return Marker::None;
  std::size_t value = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const auto digit = static_cast<std::size_t>(line[i] - '0');
    // Checked before multiplying: no overflow whatever the digit count.
    if (digit > max_literal || value > (max_literal - digit) / 10) return Marker::Invalid;
    value = value * 10 + digit;
  }
  size = value;
  return Marker::Literal;
}

}  // namespace

Framer::Framer(FramerLimits limits) : limits_(limits) {}

bool Framer::feed(std::string_view bytes) {
  if (failed_) return false;
  compact();
  try {
    buffer_.append(bytes.data(), bytes.size());
    scan();
  } catch (const std::exception&) {
    // Only allocation can throw. The message fits the small-string buffer.
    fail("out of memory", buffer_.size());
  }
  return !failed_;
}

std::optional<std::string_view> Framer::next() {
  if (next_unit_ == unit_ends_.size()) return std::nullopt;
  const std::size_t begin = taken_;
  const std::size_t end = unit_ends_[next_unit_++];
  taken_ = end;
  return std::string_view(buffer_).substr(begin, end - begin);
}

void Framer::reset() {
  buffer_.clear();
  buffer_.shrink_to_fit();
  taken_ = unit_start_ = line_start_ = scan_pos_ = literal_left_ = 0;
  unit_ends_.clear();
  next_unit_ = 0;
  discarded_ = 0;
  failed_ = false;
  error_ = Error{};
}

// Drops what next() already returned. Runs only in feed(), so views stay
// valid until then. A byte is moved at most once per unit taken before it,
// which keeps feeding linear.
void Framer::compact() {
  if (taken_ == 0) return;
  buffer_.erase(0, taken_);
  unit_ends_.erase(unit_ends_.begin(), unit_ends_.begin() + static_cast<std::ptrdiff_t>(next_unit_));
  next_unit_ = 0;
  for (std::size_t& end : unit_ends_) end -= taken_;
  unit_start_ -= taken_;
  line_start_ -= taken_;
  scan_pos_ -= taken_;
  discarded_ += taken_;
  taken_ = 0;
  if (buffer_.capacity() > kShrinkCapacity && buffer_.size() < buffer_.capacity() / 4) buffer_.shrink_to_fit();
}

void Framer::fail(std::string message, std::size_t buffer_position) {
  failed_ = true;
  error_ = Error{std::move(message), discarded_ + buffer_position};
  // The partial unit can never complete; keep only units already framed.
  buffer_.resize(unit_start_);
  buffer_.shrink_to_fit();
  scan_pos_ = line_start_ = unit_start_;
  literal_left_ = 0;
}

void Framer::scan() {
  const std::size_t size = buffer_.size();
  while (scan_pos_ < size) {
    if (literal_left_ > 0) {
      const std::size_t take = std::min(literal_left_, size - scan_pos_);
      scan_pos_ += take;
      literal_left_ -= take;
      if (literal_left_ > 0) return;
      line_start_ = scan_pos_;
      continue;
    }

    const char* base = buffer_.data();
    const void* found = std::memchr(base + scan_pos_, '\n', size - scan_pos_);
    if (found == nullptr) {
      scan_pos_ = size;
      if (size - line_start_ > limits_.max_line_bytes) fail("line longer than the limit", line_start_);
      return;
    }
    const auto lf = static_cast<std::size_t>(static_cast<const char*>(found) - base);
    if (lf + 1 - line_start_ > limits_.max_line_bytes) return fail("line longer than the limit", line_start_);
    scan_pos_ = lf + 1;
    if (scan_pos_ - unit_start_ > limits_.max_unit_bytes) return fail("response larger than the limit", unit_start_);

    std::string_view line(base + line_start_, lf - line_start_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t literal_size = 0;
    switch (literal_marker(line, limits_.max_literal_bytes, literal_size)) {
      case Marker::Invalid:
        return fail("literal larger than the limit", line_start_);
      case Marker::Literal:
        if (scan_pos_ - unit_start_ > limits_.max_unit_bytes - std::min(literal_size, limits_.max_unit_bytes)) {
          return fail("response larger than the limit", unit_start_);
        }
        literal_left_ = literal_size;
        line_start_ = scan_pos_;  // for {0}; otherwise reset after the payload
        continue;
      case Marker::None:
        break;
    }
    unit_ends_.push_back(scan_pos_);
    unit_start_ = line_start_ = scan_pos_;
  }
}

}  // namespace kith::imap

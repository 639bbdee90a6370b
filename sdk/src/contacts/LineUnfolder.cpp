#include "LineUnfolder.h"

#include <optional>

#include "PropertyLine.h"
#include "kith/Ascii.h"

namespace kith::contacts::detail {
namespace {

constexpr bool is_fold_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Exporters that cut a quoted-printable value short still end the card: a
// soft break never swallows the card's END line.
bool is_end_of_card(std::string_view physical) {
  return kith::ascii::iequals(kith::ascii::trim(physical), "END:VCARD");
}

}  // namespace

LineUnfolder::LineUnfolder(std::string_view text, std::size_t max_line_bytes)
    : text_(text), max_line_bytes_(max_line_bytes) {}

bool LineUnfolder::read_physical(std::string_view& physical) {
  if (has_lookahead_) {
    has_lookahead_ = false;
    physical = lookahead_;
    return true;
  }
  if (offset_ >= text_.size()) return false;
  const std::size_t newline = text_.find('\n', offset_);
  const std::size_t end = newline == std::string_view::npos ? text_.size() : newline;
  physical = text_.substr(offset_, end - offset_);
  if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
  offset_ = newline == std::string_view::npos ? text_.size() : newline + 1;
  ++line_number_;
  return true;
}

void LineUnfolder::append(ContentLine& line, std::string_view part) const {
  if (line.oversized) return;
  const std::size_t room = max_line_bytes_ - line.text.size();
  if (part.size() > room) {
    line.text.append(part.substr(0, room));
    line.oversized = true;
    return;
  }
  line.text.append(part);
}

bool LineUnfolder::next(ContentLine& line) {
  std::string_view physical;
  if (!read_physical(physical)) return false;
  line.text.clear();
  line.oversized = false;
  line.line_number = line_number_;
  append(line, physical);
  std::optional<bool> quoted_printable;  // decided once per line, when first needed
  bool soft_break = false;
  std::string_view last = physical;
  while (true) {
    if (!last.empty() && last.back() == '=') {
      if (!quoted_printable) quoted_printable = declares_quoted_printable(line.text);
      soft_break = *quoted_printable;
      // The '=' is no part of the value; drop it when it was kept.
      if (soft_break && !line.oversized && !line.text.empty() && line.text.back() == '=') line.text.pop_back();
    } else {
      soft_break = false;
    }
    std::string_view following;
    if (!read_physical(following)) return true;
    if (soft_break && !is_end_of_card(following)) {
      append(line, following);
    } else if (!following.empty() && is_fold_blank(following.front())) {
      following.remove_prefix(1);
      append(line, following);
    } else {
      has_lookahead_ = true;
      lookahead_ = following;
      return true;
    }
    last = following;
  }
}

}  // namespace kith::contacts::detail

#include "dav/xml/AttributeScan.h"

namespace kith::dav::detail {
namespace {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Anything that can't end or split a name counts as a name byte, so a name
// is never cut shorter than libxml2 reads it.
constexpr bool is_name_byte(char c) noexcept {
  return !is_blank(c) && c != '=' && c != '>' && c != '<' && c != '/' && c != '"' && c != '\'';
}

class TagScanner {
 public:
  TagScanner(std::string_view xml, std::size_t at) noexcept : xml_(xml), at_(at) {}

  // Attributes of the start tag whose '<' is at the position given, counted
  // up to `limit + 1` (enough to tell it is over).
  std::size_t count(std::size_t limit) noexcept {
    ++at_;  // '<'
    skip_name();
    std::size_t attributes = 0;
    while (attributes <= limit) {
      skip_blanks();
      if (skip_name() == 0) break;  // '>', "/>", '<', the end, or a stray token
      skip_blanks();
      if (!take('=')) break;
      ++attributes;
      skip_blanks();
      if (!skip_quoted_value()) break;
    }
    return attributes;
  }

 private:
  std::size_t skip_name() noexcept {
    const std::size_t start = at_;
    while (at_ < xml_.size() && is_name_byte(xml_[at_])) ++at_;
    return at_ - start;
  }
  void skip_blanks() noexcept {
    while (at_ < xml_.size() && is_blank(xml_[at_])) ++at_;
  }
  bool take(char c) noexcept {
    if (at_ >= xml_.size() || xml_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool skip_quoted_value() noexcept {
    if (at_ >= xml_.size() || (xml_[at_] != '"' && xml_[at_] != '\'')) return false;
    const char quote = xml_[at_++];
    while (at_ < xml_.size() && xml_[at_] != quote) {
      if (xml_[at_] == '<') return false;
      ++at_;
    }
    return take(quote);
  }

  std::string_view xml_;
  std::size_t at_;
};

}  // namespace

std::optional<std::size_t> find_overfull_tag(std::string_view xml, std::size_t max_attributes) noexcept {
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1)) {
    if (at + 1 < xml.size() && (xml[at + 1] == '/' || xml[at + 1] == '!' || xml[at + 1] == '?')) continue;
    if (TagScanner(xml, at).count(max_attributes) > max_attributes) return at;
  }
  return std::nullopt;
}

}  // namespace kith::dav::detail

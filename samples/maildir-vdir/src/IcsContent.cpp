#include "IcsContent.h"

#include "kith/Ascii.h"

namespace kith::local {
namespace {

constexpr std::string_view kBegin = "BEGIN:";

bool is_begin_of(std::string_view line, std::string_view component) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return ascii::istarts_with(line, kBegin) &&
         ascii::iequals(line.substr(kBegin.size()), component);
}

}  // namespace

bool holds_component(std::string_view ics, std::string_view component) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (ics.substr(0, kUtf8Bom.size()) == kUtf8Bom) ics.remove_prefix(kUtf8Bom.size());
  std::size_t start = 0;
  while (start < ics.size()) {
    std::size_t end = ics.find('\n', start);
    if (end == std::string_view::npos) end = ics.size();
    if (is_begin_of(ics.substr(start, end - start), component)) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace kith::local

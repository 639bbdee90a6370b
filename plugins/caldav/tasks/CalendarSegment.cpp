#include "tasks/CalendarSegment.h"

#include <algorithm>

#include "dav/xml/AsciiText.h"

namespace kith::caldav {
namespace {

constexpr std::size_t kMaxLength = 48;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = dav::ascii::to_lower(c);
  return out;
}

}  // namespace

std::string new_calendar_segment(std::string_view list, const std::vector<std::string>& taken) {
  std::string slug;
  for (char c : list) {
    if (slug.size() >= kMaxLength) break;
    if (dav::ascii::is_alpha(c) || dav::ascii::is_digit(c)) {
      slug += dav::ascii::to_lower(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "tasks";

  std::vector<std::string> names;
  names.reserve(taken.size());
  for (const auto& name : taken) names.push_back(lower(name));
  auto free = [&](const std::string& candidate) { return std::find(names.begin(), names.end(), candidate) == names.end(); };
  if (free(slug)) return slug;
  // At most taken.size() + 1 tries: one of them is free.
  for (std::size_t n = 2;; ++n) {
    std::string candidate = slug + "-" + std::to_string(n);
    if (free(candidate)) return candidate;
  }
}

}  // namespace kith::caldav

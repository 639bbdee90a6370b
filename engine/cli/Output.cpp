#include "cli/Output.h"

#include <cstdio>
#include <iostream>

#include "util/Time.h"

namespace kith::engine {

nlohmann::json json_time(const std::optional<UnixSeconds>& t) {
  if (!t) return nullptr;
  return format_rfc3339(*t);
}

std::string human_time(const std::optional<UnixSeconds>& t) {
  if (!t) return "-";
  const std::string iso = format_rfc3339(*t);  // 2026-03-02T14:05:09Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string relative_time(const std::optional<UnixSeconds>& t, UnixSeconds now) {
  if (!t) return "-";
  const long long delta = static_cast<long long>(now - *t);
  const long long magnitude = delta < 0 ? -delta : delta;
  std::string amount;
  if (magnitude < 3600)
    amount = std::to_string(magnitude / 60) + " min";
  else if (magnitude < 86400)
    amount = std::to_string(magnitude / 3600) + " h";
  else if (magnitude < 86400LL * 60)
    amount = std::to_string(magnitude / 86400) + " days";
  else if (magnitude < 86400LL * 730)
    amount = std::to_string(magnitude / (86400LL * 30)) + " months";
  else
    amount = std::to_string(magnitude / (86400LL * 365)) + " years";
  return delta >= 0 ? amount + " ago" : "in " + amount;
}

void print_json(const nlohmann::json& value) {
  // Invalid UTF-8 from a broken header must not abort the output.
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace {
// Display width in code points, so UTF-8 names line up.
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}
}  // namespace

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], width(row[i]));
    }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    std::cout << line << '\n';
  }
}

}  // namespace kith::engine

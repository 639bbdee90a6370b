#include "cli/Output.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "util/Strings.h"
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
  auto count = [](long long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  std::string amount;
  if (magnitude < 3600)
    amount = count(magnitude / 60, "minute");
  else if (magnitude < 86400)
    amount = count(magnitude / 3600, "hour");
  else if (magnitude < 86400LL * 60)
    amount = count(magnitude / 86400, "day");
  else if (magnitude < 86400LL * 730)
    amount = count(magnitude / (86400LL * 30), "month");
  else
    amount = count(magnitude / (86400LL * 365), "year");
  return delta >= 0 ? amount + " ago" : "in " + amount;
}

void print_json(const nlohmann::json& value) {
  // Invalid UTF-8 from a broken header must not abort the output.
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace {

// East Asian wide and fullwidth characters take two terminal columns.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Display width in terminal columns of UTF-8 text, so names line up.
std::size_t width(const std::string& s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return s.size();
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    char32_t c = len == 1 ? lead : lead & (0x3F >> (len - 1));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    n += is_wide(c) ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace

std::string shortened(const std::string& text, std::size_t max_columns) {
  if (width(text) <= max_columns) return text;
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    const std::string piece = text.substr(i, len);
    const std::size_t w = width(piece);
    if (used + w + 1 > max_columns) break;  // one column for the ellipsis
    out += piece;
    used += w;
    i += len;
  }
  return out + "\u2026";
}

void print_table(std::vector<std::vector<std::string>> rows) {
  // Cells hold server-supplied text: names, folders, error messages.
  std::vector<std::size_t> widths;
  std::vector<std::size_t> cell_widths;  // row by row, cell by cell
  for (auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) {
      row[i] = terminal_safe(std::move(row[i]));
      const std::size_t w = width(row[i]);
      widths[i] = std::max(widths[i], w);
      cell_widths.push_back(w);
    }
  }
  // One write per block of lines: a list of thousands of people is common.
  std::string out;
  std::size_t cell = 0;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i, ++cell) {
      out += row[i];
      if (i + 1 < row.size()) out.append(widths[i] - cell_widths[cell] + 2, ' ');
    }
    out += '\n';
    if (out.size() >= (1 << 16)) {
      std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace kith::engine

#include "util/Duration.h"

#include <charconv>
#include <string>

namespace kith::engine {

namespace {

// Far enough for any human cadence, small enough that days * 86400 never
// overflows.
constexpr long kMaxDays = 100 * 365;

}  // namespace

Result<int> parse_days(std::string_view text) {
  auto bad = [&] {
    std::string message = "'";
    message.append(text).append("' is not a duration: write a number and d, w, m or y (30d, 6w, 3m, 1y)");
    return Status::account(message);
  };
  if (text.size() < 2) return bad();
  long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n <= 0 || n > kMaxDays) return bad();
  long per = 0;
  switch (text.back()) {
    case 'd': per = 1; break;
    case 'w': per = 7; break;
    case 'm': per = 30; break;
    case 'y': per = 365; break;
    default: return bad();
  }
  if (n * per > kMaxDays) return bad();
  return static_cast<int>(n * per);
}

Result<int> parse_cadence(std::string_view text) {
  if (text == "none") return 0;
  return parse_days(text);
}

Result<int> parse_window_days(std::string_view text) {
  const auto digits = text.find_first_not_of('0');
  if (!text.empty() && text.front() == '0' &&
      (digits == std::string_view::npos ||
       (digits + 1 == text.size() && std::string_view("dwmy").find(text[digits]) != std::string_view::npos)))
    return 0;
  return parse_days(text);
}

}  // namespace kith::engine

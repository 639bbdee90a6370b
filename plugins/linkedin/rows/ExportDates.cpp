#include "rows/ExportDates.h"

#include <array>
#include <charconv>
#include <chrono>

#include "kith/Ascii.h"

namespace kith::linkedin {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                                      "july",    "august",   "september", "october", "november", "december"};

// A month by its English name or its first three letters; 0 when neither.
int month_number(std::string_view name) {
  const std::string lower = ascii::lower(name);
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i] || (lower.size() == 3 && kMonths[i].substr(0, 3) == lower)) return static_cast<int>(i) + 1;
  return 0;
}

// Reads digits (at least `min`, at most `max` of them) at the front of
// `text` and removes them; nullopt when there are not enough.
std::optional<int> take_number(std::string_view& text, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  while (n < text.size() && n < max && ascii::is_digit(text[n])) ++n;
  if (n < min) return std::nullopt;
  int value = 0;
  std::from_chars(text.data(), text.data() + n, value);
  text.remove_prefix(n);
  return value;
}

bool take(std::string_view& text, std::string_view literal) {
  if (!ascii::istarts_with(text, literal)) return false;
  text.remove_prefix(literal.size());
  return true;
}

// Spaces, and the no-break spaces (U+00A0, U+202F) that newer exports put
// between a time and its AM/PM.
void skip_blanks(std::string_view& text) {
  for (;;) {
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    else if (!take(text, "\xC2\xA0") && !take(text, "\xE2\x80\xAF")) return;
  }
}

std::optional<UnixSeconds> seconds_of(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const auto days = sys_days(date).time_since_epoch().count();
  return static_cast<UnixSeconds>(days) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace

std::optional<PartialDate> parse_day_month_year(std::string_view text) {
  text = ascii::trim(text);
  const auto day = take_number(text, 1, 2);
  if (!day || !take(text, " ")) return std::nullopt;
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const int month = month_number(text.substr(0, space));
  text.remove_prefix(space + 1);
  const auto year = take_number(text, 4, 4);
  if (!month || !year || !text.empty()) return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return PartialDate{*year, month, *day};
}

std::optional<UnixSeconds> parse_utc_timestamp(std::string_view text) {
  text = ascii::trim(text);
  const auto year = take_number(text, 4, 4);
  if (!year || !take(text, "-")) return std::nullopt;
  const auto month = take_number(text, 2, 2);
  if (!month || !take(text, "-")) return std::nullopt;
  const auto day = take_number(text, 2, 2);
  if (!day || !take(text, " ")) return std::nullopt;
  const auto hour = take_number(text, 2, 2);
  if (!hour || !take(text, ":")) return std::nullopt;
  const auto minute = take_number(text, 2, 2);
  if (!minute || !take(text, ":")) return std::nullopt;
  const auto second = take_number(text, 2, 2);
  if (!second) return std::nullopt;
  if (!text.empty() && !take(text, " UTC")) return std::nullopt;
  if (!text.empty()) return std::nullopt;
  return seconds_of(*year, *month, *day, *hour, *minute, *second);
}

std::optional<UnixSeconds> parse_month_day_year_time(std::string_view text) {
  text = ascii::trim(text);
  const auto month = take_number(text, 1, 2);
  if (!month || !take(text, "/")) return std::nullopt;
  const auto day = take_number(text, 1, 2);
  if (!day || !take(text, "/")) return std::nullopt;
  auto year = take_number(text, 2, 4);
  if (!year || (*year >= 100 && *year < 1000)) return std::nullopt;
  if (*year < 100) *year += 2000;
  if (!take(text, ",")) return std::nullopt;
  text = ascii::trim(text);
  auto hour = take_number(text, 1, 2);
  if (!hour || !take(text, ":")) return std::nullopt;
  const auto minute = take_number(text, 2, 2);
  if (!minute) return std::nullopt;
  skip_blanks(text);
  // 12-hour clock: 12 AM is midnight, 12 PM noon.
  const bool pm = take(text, "PM");
  if (!pm && !take(text, "AM")) return std::nullopt;
  if (!text.empty() || *hour < 1 || *hour > 12) return std::nullopt;
  *hour = *hour % 12 + (pm ? 12 : 0);
  return seconds_of(*year, *month, *day, *hour, *minute, 0);
}

}  // namespace kith::linkedin

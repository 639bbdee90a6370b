#include "protocol/ImapDate.h"

#include <array>

#include "protocol/ImapAscii.h"

namespace kith::imap {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
// Days before the first of each month in a common year.
constexpr std::array<int, 12> kDaysBeforeMonth = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
constexpr std::int64_t kSecondsPerDay = 86400;

bool is_leap(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) noexcept {
  constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kLengths[static_cast<std::size_t>(month - 1)];
}

// Days from 0000-01-01 to `year`-01-01. Year 0 is a leap year in the
// proleptic Gregorian calendar, so the years [0, year) hold ceil(year/4)
// multiples of 4, ceil(year/100) of 100 and ceil(year/400) of 400.
std::int64_t days_before_year(std::int64_t year) noexcept {
  return 365 * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
}

// Reads exactly `count` digits at `pos`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) noexcept {
  if (text.size() - pos < count) return false;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!ascii::is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  out = value;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) noexcept {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) noexcept {
  std::int64_t days = days_before_year(year) - days_before_year(1970);
  days += kDaysBeforeMonth[static_cast<std::size_t>(month - 1)];
  if (month > 2 && is_leap(year)) ++days;
  return days + day - 1;
}

std::optional<UnixTime> parse_internal_date(std::string_view text) noexcept {
  std::size_t pos = 0;
  if (pos < text.size() && text[pos] == ' ') ++pos;  // date-day-fixed pads with a space
  int day = 0;
  int digit = 0;
  if (!read_digits(text, pos, 1, day)) return std::nullopt;
  if (read_digits(text, pos, 1, digit)) day = day * 10 + digit;
  if (!expect(text, pos, '-')) return std::nullopt;

  if (text.size() - pos < 3) return std::nullopt;
  const std::string_view month_name = text.substr(pos, 3);
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (ascii::iequals(month_name, kMonths[i])) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return std::nullopt;
  pos += 3;

  int year = 0, hour = 0, minute = 0, second = 0, zone_hours = 0, zone_minutes = 0;
  if (!expect(text, pos, '-') || !read_digits(text, pos, 4, year)) return std::nullopt;
  if (!expect(text, pos, ' ') || !read_digits(text, pos, 2, hour)) return std::nullopt;
  if (!expect(text, pos, ':') || !read_digits(text, pos, 2, minute)) return std::nullopt;
  if (!expect(text, pos, ':') || !read_digits(text, pos, 2, second)) return std::nullopt;
  if (!expect(text, pos, ' ') || pos >= text.size()) return std::nullopt;
  const char sign = text[pos++];
  if (sign != '+' && sign != '-') return std::nullopt;
  if (!read_digits(text, pos, 2, zone_hours) || !read_digits(text, pos, 2, zone_minutes)) return std::nullopt;
  if (pos != text.size()) return std::nullopt;

  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  // 60 is a leap second; it lands on the next minute's first second.
  if (hour > 23 || minute > 59 || second > 60 || zone_hours > 23 || zone_minutes > 59) return std::nullopt;

  const std::int64_t offset = (zone_hours * 3600 + zone_minutes * 60) * (sign == '-' ? -1 : 1);
  return days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset;
}

std::optional<std::string> format_search_date(UnixTime time) {
  const std::int64_t min_time = days_from_civil(1, 1, 1) * kSecondsPerDay;
  const std::int64_t max_time = (days_from_civil(9999, 12, 31) + 1) * kSecondsPerDay - 1;
  if (time < min_time || time > max_time) return std::nullopt;
  // Floor division: 1969-12-31T23:00Z is day -1, not day 0.
  std::int64_t days = time / kSecondsPerDay;
  if (time % kSecondsPerDay < 0) --days;

  // Estimate the year, then correct it; the estimate is off by at most one.
  const std::int64_t from_year0 = days + days_before_year(1970);
  std::int64_t year = from_year0 * 400 / 146097;
  while (days_before_year(year + 1) <= from_year0) ++year;
  while (days_before_year(year) > from_year0) --year;
  int day_of_year = static_cast<int>(from_year0 - days_before_year(year));

  const int y = static_cast<int>(year);
  int month = 1;
  while (month < 12 && day_of_year >= days_in_month(y, month)) {
    day_of_year -= days_in_month(y, month);
    ++month;
  }
  std::string out = std::to_string(day_of_year + 1);
  out += '-';
  out += kMonths[static_cast<std::size_t>(month - 1)];
  out += '-';
  // date-year is exactly four digits.
  const std::string year_digits = std::to_string(y);
  out.append(4 - year_digits.size(), '0');
  out += year_digits;
  return out;
}

}  // namespace kith::imap

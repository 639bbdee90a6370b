#include "VCardDates.h"

#include <chrono>

#include "kith/Ascii.h"

namespace kith::contacts::detail {
namespace {

// Reads exactly `count` digits at text[at], advancing `at`.
std::optional<int> read_digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (text.size() - at < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (!kith::ascii::is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

// Skips one `separator` at text[at] when there is one.
void skip(std::string_view text, std::size_t& at, char separator) {
  if (at < text.size() && text[at] == separator) ++at;
}

bool exists(int year, int month, int day) {
  // Year 0 (unknown): any year where the day exists, so --02-29 stands.
  const int probe = year == 0 ? 2000 : year;
  const std::chrono::year_month_day date{std::chrono::year{probe}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return month >= 1 && day >= 1 && date.ok();
}

struct CalendarDate {
  int year = 0;  // 0 = unknown
  int month = 0;
  int day = 0;
};

// "YYYYMMDD", "YYYY-MM-DD", "--MMDD", "--MM-DD" at text[at]; `at` ends
// after it. Does not check that the date exists.
std::optional<CalendarDate> read_date(std::string_view text, std::size_t& at) {
  CalendarDate date;
  if (text.substr(at, 2) == "--") {
    at += 2;
  } else {
    auto year = read_digits(text, at, 4);
    if (!year) return std::nullopt;
    date.year = *year;
    skip(text, at, '-');
  }
  auto month = read_digits(text, at, 2);
  if (!month) return std::nullopt;
  skip(text, at, '-');
  auto day = read_digits(text, at, 2);
  if (!day) return std::nullopt;
  date.month = *month;
  date.day = *day;
  return date;
}

}  // namespace

std::optional<PartialDate> parse_partial_date(std::string_view value, int omit_year) {
  value = kith::ascii::trim(value);
  // The time of day, if any, says nothing about the date.
  if (const std::size_t t = value.find_first_of("Tt"); t != std::string_view::npos) value = value.substr(0, t);
  std::size_t at = 0;
  auto date = read_date(value, at);
  if (!date || at != value.size()) return std::nullopt;
  if (omit_year != 0 && date->year == omit_year) date->year = 0;
  if (!exists(date->year, date->month, date->day)) return std::nullopt;
  return PartialDate{date->year, date->month, date->day};
}

std::optional<UnixSeconds> parse_timestamp(std::string_view value) {
  value = kith::ascii::trim(value);
  std::size_t at = 0;
  auto date = read_date(value, at);
  if (!date || date->year == 0 || !exists(date->year, date->month, date->day)) return std::nullopt;
  int hour = 0, minute = 0, second = 0, offset_seconds = 0;
  if (at < value.size() && (value[at] == 'T' || value[at] == 't')) {
    ++at;
    auto h = read_digits(value, at, 2);
    skip(value, at, ':');
    auto m = read_digits(value, at, 2);
    if (!h || !m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (at < value.size() && (value[at] == ':' || kith::ascii::is_digit(value[at]))) {
      skip(value, at, ':');
      auto s = read_digits(value, at, 2);
      if (!s) return std::nullopt;
      second = *s;
    }
    if (at < value.size() && (value[at] == '.' || value[at] == ',')) {
      ++at;
      while (at < value.size() && kith::ascii::is_digit(value[at])) ++at;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    if (at < value.size() && (value[at] == 'Z' || value[at] == 'z')) {
      ++at;
    } else if (at < value.size() && (value[at] == '+' || value[at] == '-')) {
      const int sign = value[at] == '-' ? -1 : 1;
      ++at;
      auto oh = read_digits(value, at, 2);
      if (!oh) return std::nullopt;
      int offset_minutes = 0;
      if (at < value.size()) {
        skip(value, at, ':');
        auto om = read_digits(value, at, 2);
        if (!om) return std::nullopt;
        offset_minutes = *om;
      }
      if (*oh > 23 || offset_minutes > 59) return std::nullopt;
      offset_seconds = sign * (*oh * 3600 + offset_minutes * 60);
    }
  }
  if (at != value.size()) return std::nullopt;
  const std::chrono::sys_days day{std::chrono::year_month_day{
      std::chrono::year{date->year}, std::chrono::month{static_cast<unsigned>(date->month)},
      std::chrono::day{static_cast<unsigned>(date->day)}}};
  return static_cast<UnixSeconds>(day.time_since_epoch().count()) * 86400 + hour * 3600 + minute * 60 + second -
         offset_seconds;
}

}  // namespace kith::contacts::detail

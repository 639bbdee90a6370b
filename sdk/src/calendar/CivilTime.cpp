// Gregorian day counting after the well-known era-based algorithm: a
// 400-year era has exactly 146097 days, so dates map to day numbers with
// integer arithmetic only.
#include "CivilTime.h"

#include <cstdio>

namespace kith::calendar::detail {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kDaysPerEra = 146097;

// Floor division for possibly negative numerators.
std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

std::int64_t days_from_civil(const CivilDate& date) noexcept {
  // Shift the year so it starts in March; February's leap day is then last.
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;               // [0, 399]
  const std::int64_t month_from_march = (date.month + 9) % 12;  // Mar=0 .. Feb=11
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPerEra + day_of_era - 719468;  // 719468: 0000-03-01 .. 1970-01-01
}

CivilDate civil_from_days(std::int64_t days) noexcept {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, kDaysPerEra);
  const std::int64_t day_of_era = z - era * kDaysPerEra;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate out;
  out.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  out.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  out.year = static_cast<int>(year_of_era + era * 400 + (out.month <= 2 ? 1 : 0));
  return out;
}

std::int64_t wall_seconds(const CivilDateTime& time) noexcept {
  return days_from_civil(time.date) * kSecondsPerDay + static_cast<std::int64_t>(time.hour) * 3600 +
         static_cast<std::int64_t>(time.minute) * 60 + time.second;
}

CivilDateTime civil_from_wall_seconds(std::int64_t seconds) noexcept {
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  const std::int64_t rest = seconds - days * kSecondsPerDay;
  CivilDateTime out;
  out.date = civil_from_days(days);
  out.hour = static_cast<int>(rest / 3600);
  out.minute = static_cast<int>((rest % 3600) / 60);
  out.second = static_cast<int>(rest % 60);
  return out;
}

std::string format_rfc3339_utc(UnixSeconds seconds) {
  const CivilDateTime t = civil_from_wall_seconds(seconds);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.date.year, t.date.month,
                t.date.day, t.hour, t.minute, t.second);
  return buf;
}

}  // namespace kith::calendar::detail

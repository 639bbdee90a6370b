// Calendar arithmetic on proleptic Gregorian dates, independent of the
// process time zone (no mktime/localtime anywhere in kith::calendar).
#pragma once

#include <cstdint>
#include <string>

#include "kith/Items.h"

namespace kith::calendar::detail {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

struct CivilDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date (negative before it).
std::int64_t days_from_civil(const CivilDate& date) noexcept;

// The date `days` days after 1970-01-01.
CivilDate civil_from_days(std::int64_t days) noexcept;

// Seconds since the epoch of a wall-clock time read as if it were UTC.
// Wall-clock arithmetic ("same local time one day later") happens here.
std::int64_t wall_seconds(const CivilDateTime& time) noexcept;

// The wall-clock time `seconds` after 1970-01-01T00:00:00.
CivilDateTime civil_from_wall_seconds(std::int64_t seconds) noexcept;

// RFC 3339 in UTC: "2026-03-02T09:00:00Z".
std::string format_rfc3339_utc(UnixSeconds seconds);

}  // namespace kith::calendar::detail

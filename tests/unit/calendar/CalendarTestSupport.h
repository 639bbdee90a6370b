// Shared helpers for the kith::calendar tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "kith/calendar/EventExpander.h"

namespace kith::calendar::testing {

// Seconds since the epoch of a UTC civil time, computed with <chrono> so it
// shares no code with the library under test.
inline UnixSeconds utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  const sys_days day = year{y} / month{mo} / std::chrono::day{d};
  return duration_cast<seconds>(day.time_since_epoch()).count() + h * 3600 + mi * 60 + s;
}

// Joins content lines with CRLF, as RFC 5545 wants.
inline std::string crlf(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (std::string_view line : lines) {
    out.append(line);
    out.append("\r\n");
  }
  return out;
}

// A VCALENDAR around `body` (one or more complete VEVENTs, VTIMEZONEs...).
inline std::string vcalendar(std::string_view body) {
  return crlf({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kith//Tests//EN"}) + std::string(body) +
         crlf({"END:VCALENDAR"});
}

// A VCALENDAR with one VEVENT holding `properties` (content lines, no CRLF).
inline std::string single_event(std::initializer_list<std::string_view> properties) {
  std::string body = crlf({"BEGIN:VEVENT"});
  for (std::string_view p : properties) body += crlf({p});
  body += crlf({"END:VEVENT"});
  return vcalendar(body);
}

inline ExpandOptions options_at(UnixSeconds now, int horizon_days = 365,
                                std::size_t max_occurrences = 10000) {
  ExpandOptions o;
  o.now = now;
  o.horizon_days = horizon_days;
  o.max_occurrences = max_occurrences;
  return o;
}

// A `now` later than every fixed date used in the tests.
inline const ExpandOptions kDefaultOptions = options_at(utc(2026, 6, 1));

inline Result<std::vector<CalendarEvent>> parse(std::string_view ics,
                                                const ExpandOptions& options = kDefaultOptions) {
  return parse_calendar_resource(ics, "calendars/work", "event.ics", options);
}

// Parses a resource that must hold exactly one UID; fails the test otherwise.
inline CalendarEvent parse_one(std::string_view ics,
                               const ExpandOptions& options = kDefaultOptions) {
  auto result = parse(ics, options);
  if (!result) {
    ADD_FAILURE() << "parse failed: " << result.status().message();
    return {};
  }
  if (result->size() != 1) {
    ADD_FAILURE() << "expected one UID, got " << result->size();
    return result->empty() ? CalendarEvent{} : result->front();
  }
  return result->front();
}

inline std::vector<UnixSeconds> starts_of(const CalendarEvent& event) {
  std::vector<UnixSeconds> out;
  for (const auto& occ : event.occurrences) out.push_back(occ.start);
  return out;
}

inline std::vector<std::string> recurrence_ids_of(const CalendarEvent& event) {
  std::vector<std::string> out;
  for (const auto& occ : event.occurrences) out.push_back(occ.recurrence_id);
  return out;
}

inline std::string read_data_file(const std::string& name) {
  const std::string path = std::string(KITH_TEST_DATA_DIR) + "/calendar/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace kith::calendar::testing

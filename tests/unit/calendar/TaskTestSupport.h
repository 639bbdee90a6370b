// Shared helpers for the task codec tests (kith/calendar/Tasks.h).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "CalendarTestSupport.h"
#include "kith/calendar/Tasks.h"

namespace kith::calendar::testing {

// The `now` every task test writes with: 2026-06-01T12:00:00Z.
inline const UnixSeconds kTaskNow = utc(2026, 6, 1, 12);

// A VCALENDAR with one VTODO holding `properties` (content lines, no CRLF).
inline std::string single_todo(std::initializer_list<std::string_view> properties) {
  std::string body = crlf({"BEGIN:VTODO"});
  for (std::string_view p : properties) body += crlf({p});
  body += crlf({"END:VTODO"});
  return vcalendar(body);
}

// The content lines of `ics`, unfolded (RFC 5545 3.1), without line ends.
inline std::vector<std::string> content_lines(std::string_view ics) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < ics.size()) {
    std::size_t end = ics.find("\r\n", start);
    if (end == std::string_view::npos) end = ics.size();
    const std::string_view line = ics.substr(start, end - start);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !lines.empty()) {
      lines.back().append(line.substr(1));
    } else {
      lines.emplace_back(line);
    }
    start = end + 2;
  }
  return lines;
}

// How many content lines of `ics` start with `prefix` ("SEQUENCE:", "CATEGORIES").
inline int count_lines(std::string_view ics, std::string_view prefix) {
  int n = 0;
  for (const std::string& line : content_lines(ics)) n += line.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

inline bool has_line(std::string_view ics, std::string_view line) {
  for (const std::string& l : content_lines(ics)) {
    if (l == line) return true;
  }
  return false;
}

// read_task() that must succeed; fails the test otherwise.
inline Task read_ok(std::string_view ics) {
  Result<Task> task = read_task(ics);
  if (!task) {
    ADD_FAILURE() << "read_task failed: " << task.status().message() << "\n" << ics;
    return {};
  }
  return *task;
}

}  // namespace kith::calendar::testing

// libFuzzer target: an iCalendar resource through parsing and recurrence
// expansion, with a fixed "now" and the default horizon and caps. Each
// input must finish well within a second: recurrence rules that would
// make libical spin are refused before expansion.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kith/calendar/EventExpander.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kith::calendar::ExpandOptions options;
  options.now = 1767225600;  // 2026-01-01
  options.horizon_days = 365;
  options.max_occurrences = 1000;
  (void)kith::calendar::parse_calendar_resource(std::string_view(reinterpret_cast<const char*>(data), size), "cal",
                                                "fuzz.ics", options);
  return 0;
}

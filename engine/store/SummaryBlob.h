// How a PersonSummary is kept (person_summaries): two BLOBs in this build's
// own layout, the summary and its interaction days apart, since only drift
// reads the days. Each is headed by a format number that also tells the
// byte order; a BLOB of another layout reads as absent, and the summary is
// made again.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/HistoryStore.h"

namespace kith::engine {

inline constexpr std::int64_t kSummaryFormat = 3;

std::string encode_summary(const PersonSummary& summary);  // without the days
std::string encode_days(const std::vector<std::int32_t>& days);

std::optional<PersonSummary> decode_summary(std::string_view blob);
// Into `summary.days`; false when the BLOB is not of this layout.
bool decode_days(std::string_view blob, PersonSummary& summary);

}  // namespace kith::engine

// How a PersonSummary is kept (person_summaries): BLOBs in this build's
// own layout, the summary and its interaction days apart, since only drift
// reads the days, and beside them the person's listing. Each is headed by a format number that also tells the
// byte order; a BLOB of another layout reads as absent, and the summary is
// made again.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

inline constexpr std::int64_t kSummaryFormat = 4;

// What a list shows of a person besides their summary, kept with it so
// that a list of everyone is one scan of the summaries: the name
// (contacts.name), the group of their decisions (0: none) and every handle,
// by kind then value. Made with the summary; whatever changes one of them
// marks the person changed (schema 9's triggers).
struct PersonListing {
  std::string name;
  std::int64_t group_id = 0;
  std::vector<std::pair<std::string, std::string>> handles;
};

std::string encode_listing(const PersonListing& listing);
// Into `person` (name, handles) and `group_id`; false when the BLOB is not
// of this layout.
bool decode_listing(std::string_view blob, Person& person, std::int64_t& group_id);

std::string encode_summary(const PersonSummary& summary);  // without the days
std::string encode_days(const std::vector<std::int32_t>& days);

std::optional<PersonSummary> decode_summary(std::string_view blob);
// Into `summary.days`; false when the BLOB is not of this layout.
bool decode_days(std::string_view blob, PersonSummary& summary);

}  // namespace kith::engine

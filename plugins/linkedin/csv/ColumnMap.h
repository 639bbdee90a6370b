// Which column holds what, found by name in a header row: LinkedIn's
// exports reorder, add and rename columns from year to year, so nothing
// is read by position.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/CsvReader.h"

namespace kith::linkedin {

// One column a reader wants: the names it goes by (synonyms, any case;
// spaces and underscores are ignored, so "Profile URL" also matches
// "profileUrl") and whether a header row must have it.
struct ColumnSpec {
  std::span<const std::string_view> names;
  bool required = false;
};

class ColumnMap {
 public:
  // The map when `header` names every required column of `specs` (in any
  // order); nullopt when it does not, e.g. for the "Notes:" lines that open
  // Connections.csv.
  static std::optional<ColumnMap> match(std::span<const ColumnSpec> specs, const CsvRow& header);

  // The names of the required columns, for an error saying what is missing.
  static std::string required_names(std::span<const ColumnSpec> specs);

  // Whether the header had column number `spec` (an index into `specs`).
  bool has(std::size_t spec) const { return spec < index_.size() && index_[spec].has_value(); }

  // Column `spec` of `row`, trimmed; "" when the header lacks the column or
  // the row is short.
  std::string_view field(const CsvRow& row, std::size_t spec) const;

 private:
  std::vector<std::optional<std::size_t>> index_;
};

}  // namespace kith::linkedin

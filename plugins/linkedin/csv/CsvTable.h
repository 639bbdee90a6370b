// A CSV file read as a table: rows before the header row are skipped (the
// "Notes:" lines LinkedIn puts above the connections), the header row is the
// first that names every required column, and each later row is handed over
// with the ColumnMap that reads it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "csv/ColumnMap.h"
#include "csv/CsvReader.h"
#include "kith/Status.h"

namespace kith::linkedin {

// A header further down than this is not a header: the file is something else.
inline constexpr std::size_t kMaxRowsBeforeHeader = 20;

class CsvTable {
 public:
  // Called for each row after the header; a non-OK result stops reading.
  using RecordHandler = std::function<Status(const ColumnMap& columns, const CsvRow& row)>;

  CsvTable(std::span<const ColumnSpec> specs, CsvLimits limits, RecordHandler on_record);

  Status feed(std::string_view bytes) { return reader_.feed(bytes); }
  // Also an error when no header row was found (an empty file included).
  Status finish();

 private:
  Status row(const CsvRow& row);

  std::span<const ColumnSpec> specs_;
  RecordHandler on_record_;
  std::optional<ColumnMap> columns_;
  std::size_t rows_before_header_ = 0;
  CsvReader reader_;
};

}  // namespace kith::linkedin

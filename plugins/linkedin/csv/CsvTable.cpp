#include "csv/CsvTable.h"

#include <utility>

namespace kith::linkedin {

CsvTable::CsvTable(std::span<const ColumnSpec> specs, CsvLimits limits, RecordHandler on_record)
    : specs_(specs), on_record_(std::move(on_record)), reader_(limits, [this](CsvRow& r) { return row(r); }) {}

Status CsvTable::row(const CsvRow& row) {
  if (columns_) return on_record_(*columns_, row);
  if ((columns_ = ColumnMap::match(specs_, row))) return Status::ok();
  if (++rows_before_header_ >= kMaxRowsBeforeHeader) {
    return Status::collection("no header row naming " + ColumnMap::required_names(specs_) + " in the first " +
                              std::to_string(kMaxRowsBeforeHeader) + " rows");
  }
  return Status::ok();
}

Status CsvTable::finish() {
  if (Status s = reader_.finish(); !s) return s;
  if (!columns_) return Status::collection("no header row naming " + ColumnMap::required_names(specs_));
  return Status::ok();
}

}  // namespace kith::linkedin

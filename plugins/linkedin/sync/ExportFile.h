// One CSV file of an export, found by name: read once for its fingerprint
// (has it changed since the cursor?) and, when it has, again as a table.
// Reading twice costs a second decompression of a changed file; keeping it
// in memory instead would cost up to max_file_bytes of it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "archive/ExportSource.h"
#include "csv/ColumnMap.h"
#include "csv/CsvReader.h"
#include "csv/CsvTable.h"
#include "kith/Status.h"

namespace kith::linkedin {

class ExportFile {
 public:
  // The file named `name` (any case, any folder) in `source`; nullopt when
  // the export has none (a partial export, an older one).
  static Result<std::optional<ExportFile>> find(ExportSource& source, std::string_view name);

  // "<bytes>-<digest>" of the file's content.
  Result<std::string> fingerprint() const;

  // Every row after the header to `on_record`. Errors name the file: "<export>:
  // <file>: line 12: ...". A non-OK result of `on_record` is returned as is.
  Status read_table(std::span<const ColumnSpec> columns, const CsvLimits& limits,
                    const CsvTable::RecordHandler& on_record) const;

  // The file as error messages name it.
  std::string describe() const { return source_->describe(entry_); }

 private:
  ExportFile(ExportSource& source, std::string entry) : source_(&source), entry_(std::move(entry)) {}

  ExportSource* source_;
  std::string entry_;
};

}  // namespace kith::linkedin

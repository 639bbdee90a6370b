#include "sync/ExportFile.h"

#include "rows/Digest.h"

namespace kith::linkedin {

Result<std::optional<ExportFile>> ExportFile::find(ExportSource& source, std::string_view name) {
  auto entry = source.find(name);
  if (!entry) return entry.status();
  if (!*entry) return std::optional<ExportFile>();
  return std::optional<ExportFile>(ExportFile(source, std::move(**entry)));
}

Result<std::string> ExportFile::fingerprint() const {
  Digest digest;
  std::uint64_t bytes = 0;
  Status status = source_->read(entry_, [&](std::string_view piece) {
    digest.add(piece);
    bytes += piece.size();
    return Status::ok();
  });
  if (!status) return status;
  return std::to_string(bytes) + "-" + digest.hex();
}

Status ExportFile::read_table(std::span<const ColumnSpec> columns, const CsvLimits& limits,
                              const CsvTable::RecordHandler& on_record) const {
  // The handler's own failures (a commit, a cancellation) come back as
  // they are; the table's are the file's, and say which file.
  Status handler_status;
  CsvTable table(columns, limits, [&](const ColumnMap& map, const CsvRow& row) {
    handler_status = on_record(map, row);
    return handler_status;
  });
  Status status = source_->read(entry_, [&](std::string_view piece) { return table.feed(piece); });
  if (status) status = table.finish();
  if (status || !handler_status.is_ok()) return status;
  // The source's own errors already name the entry.
  return status.message().rfind(describe(), 0) == 0 ? status : status.with_context(describe());
}

}  // namespace kith::linkedin

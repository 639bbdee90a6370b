// Rows of a CSV stream, read with libcsv (RFC 4180: quoted fields that span
// lines, doubled quotes, CRLF) under caps of our own: libcsv grows its
// field buffer as far as the input asks, so the reader stops a field, a row
// or a file that outgrows its CsvLimits instead.
//
//   CsvReader reader(limits, [&](CsvRow& row) { ...; return Status::ok(); });
//   for (each chunk) if (auto s = reader.feed(chunk); !s) return s;
//   return reader.finish();
//
// Errors are Collection errors of one line that say where ("line 12: ...");
// the caller puts the file's name in front.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Status.h"

struct csv_parser;

namespace kith::linkedin {

struct CsvLimits {
  std::size_t max_columns = 1000;
  std::size_t max_field_bytes = 1024 * 1024;
  std::size_t max_rows = 1000000;
};

struct CsvRow {
  std::size_t line = 0;  // the line its first field is on, from 1
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // Called for every row; a non-OK result stops reading and is what feed()
  // or finish() return.
  using RowHandler = std::function<Status(CsvRow& row)>;

  CsvReader(CsvLimits limits, RowHandler on_row);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next bytes of the stream. A UTF-8 byte order mark at its very start
  // is dropped (spreadsheet programs write one; libcsv would keep it in the
  // first field).
  Status feed(std::string_view bytes);

  // The end of the stream: the last row, or an error for a quoted field
  // never closed. Call once, after the last feed().
  Status finish();

 private:
  static void on_field(void* data, std::size_t size, void* self);
  static void on_row_end(int terminator, void* self);
  void field(std::string_view text);
  void row_end();
  void stop(Status why);
  Status parse(std::string_view piece);

  CsvLimits limits_;
  RowHandler on_row_;
  csv_parser* parser_;
  CsvRow row_;
  std::size_t rows_ = 0;
  std::size_t line_ = 1;            // the line being fed
  std::size_t last_row_line_ = 0;   // the line the last complete row ended on
  std::string bom_probe_;           // the stream's first bytes, until they are known not to be a BOM
  bool started_ = false;            // past the byte order mark check
  bool finished_ = false;
  Status failure_;
};

}  // namespace kith::linkedin

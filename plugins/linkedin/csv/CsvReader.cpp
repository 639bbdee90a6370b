#include "csv/CsvReader.h"

#include <csv.h>

#include <algorithm>
#include <new>
#include <utility>

namespace kith::linkedin {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// libcsv is fed at most this much at a time, so that a runaway field is
// noticed within this many bytes of passing its cap.
constexpr std::size_t kPieceBytes = 64 * 1024;

std::string where(std::size_t line) { return "line " + std::to_string(line) + ": "; }

}  // namespace

CsvReader::CsvReader(CsvLimits limits, RowHandler on_row)
    : limits_(limits), on_row_(std::move(on_row)), parser_(new csv_parser) {
  // Strict: a stray quote inside an unquoted field is an error, not a
  // guess; strict fini: a file that ends inside quotes is an error too.
  if (csv_init(parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    delete parser_;
    throw std::bad_alloc();
  }
  // libcsv grows its field buffer by a fixed step (128 bytes unless told),
  // each step a realloc that may copy the whole field: a field read up to
  // the 1 MiB cap took 8,000 of them, and under AddressSanitizer, which
  // copies on every realloc, each test feeding one took 27-30 s (18 ms in a
  // release build). A piece's worth per step makes it 16; the cap check
  // below still stops within a piece.
  csv_set_blk_size(parser_, kPieceBytes);
}

CsvReader::~CsvReader() {
  csv_free(parser_);
  delete parser_;
}

void CsvReader::on_field(void* data, std::size_t size, void* self) {
  static_cast<CsvReader*>(self)->field(std::string_view(static_cast<const char*>(data), data ? size : 0));
}

void CsvReader::on_row_end(int, void* self) { static_cast<CsvReader*>(self)->row_end(); }

void CsvReader::stop(Status why) {
  if (failure_.is_ok()) failure_ = std::move(why);
}

void CsvReader::field(std::string_view text) {
  if (!failure_.is_ok()) return;
  // A quoted first field may span lines; the row starts where it did.
  if (row_.fields.empty()) row_.line = line_ - static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (row_.fields.size() >= limits_.max_columns) {
    stop(Status::collection(where(row_.line) + "more than " + std::to_string(limits_.max_columns) + " columns"));
    return;
  }
  if (text.size() > limits_.max_field_bytes) {
    stop(Status::collection(where(row_.line) + "a field longer than " + std::to_string(limits_.max_field_bytes) +
                            " bytes"));
    return;
  }
  row_.fields.emplace_back(text);
}

void CsvReader::row_end() {
  if (!failure_.is_ok()) return;
  last_row_line_ = line_;
  if (++rows_ > limits_.max_rows) {
    stop(Status::collection(where(row_.line) + "more than " + std::to_string(limits_.max_rows) + " rows"));
    return;
  }
  if (row_.fields.empty()) row_.line = line_;
  Status status = on_row_(row_);
  if (!status) stop(std::move(status));
  row_.fields.clear();
}

Status CsvReader::parse(std::string_view piece) {
  const std::size_t parsed = csv_parse(parser_, piece.data(), piece.size(), &CsvReader::on_field,
                                       &CsvReader::on_row_end, this);
  if (!failure_.is_ok()) return failure_;
  if (parsed != piece.size()) {
    // Strict mode's complaint: a quote where none may be.
    stop(Status::collection(where(line_) + "malformed CSV (" + csv_strerror(csv_error(parser_)) +
                            "): a quote inside an unquoted field or text after a closing quote"));
    return failure_;
  }
  // A field still being read (an open quote) holds its bytes in libcsv's
  // buffer: stop once it is past the cap rather than at the end of the file.
  if (csv_get_buffer_size(parser_) > limits_.max_field_bytes + kPieceBytes) {
    stop(Status::collection("a field that starts after line " + std::to_string(last_row_line_) +
                            " is longer than " + std::to_string(limits_.max_field_bytes) +
                            " bytes (a quote never closed?)"));
  }
  return failure_;
}

Status CsvReader::feed(std::string_view bytes) {
  if (!failure_.is_ok()) return failure_;
  if (!started_) {
    // The mark may arrive split over the first few feeds.
    const std::size_t taken = std::min(bytes.size(), kByteOrderMark.size() - bom_probe_.size());
    bom_probe_.append(bytes.substr(0, taken));
    bytes.remove_prefix(taken);
    if (bom_probe_.size() < kByteOrderMark.size() && bom_probe_ == kByteOrderMark.substr(0, bom_probe_.size()))
      return Status::ok();
    started_ = true;
    std::string probe = std::move(bom_probe_);
    bom_probe_.clear();
    if (probe != kByteOrderMark) {
      if (Status s = feed(probe); !s) return s;
    }
    if (bytes.empty()) return Status::ok();
  }
  // Line by line, so that rows and errors can say which line they are on.
  while (!bytes.empty()) {
    const std::size_t newline = bytes.substr(0, kPieceBytes).find('\n');
    const std::size_t size = newline == std::string_view::npos ? std::min(bytes.size(), kPieceBytes) : newline + 1;
    if (Status s = parse(bytes.substr(0, size)); !s) return s;
    if (newline != std::string_view::npos) ++line_;
    bytes.remove_prefix(size);
  }
  return Status::ok();
}

Status CsvReader::finish() {
  if (finished_) return failure_;
  finished_ = true;
  if (!failure_.is_ok()) return failure_;
  if (!started_) {
    // A stream shorter than a byte order mark.
    started_ = true;
    std::string probe = std::move(bom_probe_);
    bom_probe_.clear();
    if (probe != kByteOrderMark) {
      if (Status s = feed(probe); !s) return s;
    }
  }
  if (csv_fini(parser_, &CsvReader::on_field, &CsvReader::on_row_end, this) != 0) {
    stop(Status::collection("a quoted field that starts after line " + std::to_string(last_row_line_) +
                            " is never closed (end of file on line " + std::to_string(line_) + ")"));
  }
  return failure_;
}

}  // namespace kith::linkedin

// The walk-through provider of the README ("Writing a provider"): reads one
// mbox file (a mail export, e.g. Google Takeout), header blocks only, with
// the SDK's provider kit. Complete: resumable, cancellable, never throws.
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <string>

#include "kith/Boundary.h"
#include "kith/Plugin.h"
#include "kith/kit/BatchWriter.h"
#include "kith/mail/HeaderParser.h"

namespace {

// The cursor is the byte offset after the last message delivered, plus the
// file's first line, so that a replaced file is read from the start again.
struct Cursor {
  std::uint64_t offset = 0;
  std::string first_line;

  std::string encode() const { return "v1 " + std::to_string(offset) + " " + first_line; }
  static Cursor decode(const std::string& text) {  // unreadable: start over
    Cursor c;
    const auto space = text.find(' ', 3);
    if (text.rfind("v1 ", 0) != 0 || space == std::string::npos) return {};
    const auto [end, ec] = std::from_chars(text.data() + 3, text.data() + space, c.offset);
    if (ec != std::errc() || end != text.data() + space) return {};
    c.first_line = text.substr(space + 1);
    return c;
  }
};

// mbox separates messages by a line that starts with "From " after an
// empty line (RFC 4155).
bool is_separator(const std::string& line, bool after_empty) { return after_empty && line.rfind("From ", 0) == 0; }

// One line, of which at most 4 KiB is kept (header lines are shorter; the
// rest of a longer body line is skipped): a file cannot make us hold more.
bool read_line(std::istream& in, std::string& line) {
  char buffer[4096];
  in.getline(buffer, sizeof buffer);
  if (in.fail() && in.gcount() == 0) return false;
  if (in.fail() && !in.eof()) {  // the line was longer than the buffer
    in.clear();
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  line.assign(buffer, ::strnlen(buffer, sizeof buffer));
  return true;
}

class MboxProvider final : public kith::Provider {
 public:
  explicit MboxProvider(const kith::ProviderContext& context)
      : context_(context),
        path_(context.settings().get_string("mbox").value_or("")),
        batch_size_(static_cast<std::size_t>(context.settings().get_integer("batch_size").value_or(500))),
        max_header_bytes_(static_cast<std::size_t>(context.settings().get_integer("max_header_kib").value_or(256)) *
                          1024) {}

  kith::Status sync(const kith::SyncState& state, kith::BatchSink& sink) noexcept override {
    return kith::at_provider_boundary("mbox", [&] { return read(state, sink); });
  }

 private:
  kith::Status read(const kith::SyncState& state, kith::BatchSink& sink) {
    if (path_.empty()) return kith::Status::account("setting 'mbox' is required: the path of an mbox file");
    std::ifstream in(path_, std::ios::binary);
    if (!in) return kith::Status::account("mbox file '" + path_ + "' cannot be opened");
    if (context_.cancellation().requested()) return kith::Status::cancelled();

    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    in.seekg(0);
    Cursor cursor;
    read_line(in, cursor.first_line);
    if (auto stored = state.cursors.find("mbox"); stored != state.cursors.end()) {
      const Cursor previous = Cursor::decode(stored->second);
      if (previous.first_line == cursor.first_line) cursor.offset = previous.offset;
    }
    in.clear();
    in.seekg(static_cast<std::streamoff>(cursor.offset));
    bool after_empty = true;  // the start of the file (or of the rest) counts

    kith::kit::BatchWriter out(sink, "mbox", {.batch_size = batch_size_, .total = 0});
    out.cursor_after([&] { return std::optional<std::string>(cursor.encode()); });

    // One message: its separator line, its header block (kept, bounded),
    // its body (skipped). It ends where the next separator starts.
    std::string line, header;
    std::optional<std::uint64_t> start;  // offset of the message being read
    bool in_header = false, too_large = false;
    auto finish_message = [&](std::uint64_t end) -> kith::Status {
      if (!start) return {};
      if (context_.cancellation().requested()) return kith::Status::cancelled();
      const std::string id = "offset " + std::to_string(*start);
      cursor.offset = end;  // past this message, whatever becomes of it
      auto headers = too_large ? kith::Result<kith::MessageHeaders>(kith::Status::item("header block too large"))
                               : kith::mail::parse_headers(header);
      if (!headers) {
        out.item_failed(id, headers.status());
        return {};
      }
      headers->collection = "mbox";
      headers->item_id = id;
      headers->date = kith::mail::place_message(headers->date, std::nullopt);
      return out.add(std::move(*headers));
    };
    for (;;) {
      const std::streamoff position = in.tellg();  // -1 once the last line hit the end
      const std::uint64_t offset = position < 0 ? size : static_cast<std::uint64_t>(position);
      if (!read_line(in, line)) {
        if (auto s = finish_message(size); !s) return s;
        break;
      }
      const bool separator = is_separator(line, after_empty);
      after_empty = line.empty() || line == "\r";
      if (separator) {
        if (auto s = finish_message(offset); !s) return s;
        start = offset;
        header.clear();
        in_header = true;
        too_large = false;
        continue;
      }
      if (!in_header) continue;
      if (after_empty) {
        in_header = false;
      } else if (header.size() + line.size() + 1 > max_header_bytes_) {
        too_large = true;
      } else {
        header += line;
        header += '\n';
      }
    }
    if (in.bad()) return kith::Status::transient("reading mbox file '" + path_ + "' failed");
    return out.finish();
  }

  const kith::ProviderContext& context_;
  const std::string path_;
  const std::size_t batch_size_;
  const std::size_t max_header_bytes_;
};

const kith::SettingSpec kSettings[] = {
    {"mbox", kith::SettingType::Path, "the mbox file to read"},
    {"batch_size", kith::SettingType::Integer, "messages per stored batch", "500", 1, 100000},
    {"max_header_kib", kith::SettingType::Integer, "a longer header block is skipped as unreadable", "256", 1,
     65536},
};

}  // namespace

KITH_DECLARE_PROVIDER(MboxProvider, "mbox", "mbox file (walk-through)", "1.0.0", kSettings)

// libFuzzer target: a LinkedIn export's CSV file through libcsv under the
// provider's caps, the header search and every row reader (connections,
// messages, invitations), fed in uneven pieces as a zip entry arrives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "csv/CsvTable.h"
#include "rows/ConnectionRows.h"
#include "rows/InvitationRows.h"
#include "rows/MessageRows.h"

namespace {

template <typename Read>
void read_table(std::string_view input, std::span<const kith::linkedin::ColumnSpec> columns, Read read) {
  kith::linkedin::CsvLimits limits;
  limits.max_field_bytes = 64 * 1024;
  limits.max_rows = 10000;
  kith::linkedin::CsvTable table(columns, limits, [&](const kith::linkedin::ColumnMap& map,
                                                      const kith::linkedin::CsvRow& row) {
    (void)read(map, row);
    return kith::Status::ok();
  });
  // Pieces of 1, 2, 3... bytes: rows, quotes and the byte order mark split anywhere.
  std::size_t piece = 1;
  while (!input.empty()) {
    const std::string_view next = input.substr(0, piece++);
    input.remove_prefix(next.size());
    if (!table.feed(next)) return;
  }
  (void)table.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kith::linkedin;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  read_table(input, connection_columns(), [](const ColumnMap& m, const CsvRow& r) { return connection_card(m, r); });
  read_table(input, message_columns(), [](const ColumnMap& m, const CsvRow& r) { return message_row(m, r); });
  read_table(input, invitation_columns(),
             [](const ColumnMap& m, const CsvRow& r) { return invitation_message(m, r, "https://www.linkedin.com/in/me"); });
  return 0;
}

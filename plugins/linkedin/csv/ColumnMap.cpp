#include "csv/ColumnMap.h"

#include "kith/Ascii.h"

namespace kith::linkedin {
namespace {

// "Email Address", "email_address" and "EmailAddress" are one name.
std::string folded(std::string_view name) {
  std::string out;
  for (char c : ascii::trim(name))
    if (c != ' ' && c != '_') out += ascii::to_lower(c);
  return out;
}

}  // namespace

std::optional<ColumnMap> ColumnMap::match(std::span<const ColumnSpec> specs, const CsvRow& header) {
  std::vector<std::string> cells;
  cells.reserve(header.fields.size());
  for (const std::string& cell : header.fields) cells.push_back(folded(cell));
  ColumnMap map;
  map.index_.resize(specs.size());
  for (std::size_t s = 0; s < specs.size(); ++s) {
    for (std::string_view name : specs[s].names) {
      const std::string wanted = folded(name);
      for (std::size_t c = 0; c < cells.size() && !map.index_[s]; ++c)
        if (cells[c] == wanted) map.index_[s] = c;
      if (map.index_[s]) break;
    }
    if (specs[s].required && !map.index_[s]) return std::nullopt;
  }
  return map;
}

std::string ColumnMap::required_names(std::span<const ColumnSpec> specs) {
  std::string out;
  for (const ColumnSpec& spec : specs) {
    if (!spec.required || spec.names.empty()) continue;
    if (!out.empty()) out += ", ";
    out += spec.names.front();
  }
  return out;
}

std::string_view ColumnMap::field(const CsvRow& row, std::size_t spec) const {
  if (!has(spec) || *index_[spec] >= row.fields.size()) return {};
  return ascii::trim(row.fields[*index_[spec]]);
}

}  // namespace kith::linkedin

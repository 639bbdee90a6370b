#include "PropertyLine.h"

#include "kith/Ascii.h"

namespace kith::contacts::detail {
namespace {

constexpr bool is_name_char(char c) noexcept {
  return kith::ascii::is_alpha(c) || kith::ascii::is_digit(c) || c == '-' || c == '_';
}

bool is_name(std::string_view text) noexcept {
  if (text.empty()) return false;
  for (char c : text)
    if (!is_name_char(c)) return false;
  return true;
}

// RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret; any other
// caret stays as written.
std::string decode_carets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '^' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == 'n' || next == 'N') {
        out += '\n';
        ++i;
        continue;
      }
      if (next == '\'') {
        out += '"';
        ++i;
        continue;
      }
      if (next == '^') {
        out += '^';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// What a vCard 2.1 bare parameter stands for.
std::string bare_parameter_name(std::string_view value) {
  for (std::string_view encoding : {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
    if (kith::ascii::iequals(value, encoding)) return "ENCODING";
  for (std::string_view kind : {"INLINE", "URL", "CONTENT-ID", "CID"})
    if (kith::ascii::iequals(value, kind)) return "VALUE";
  return "TYPE";
}

// Reads the parameters from text[at] (just after a ';') up to the ':' that
// starts the value. Returns the index of that ':' or npos when there is
// none or the parameters are malformed.
std::size_t read_parameters(std::string_view text, std::size_t at, std::vector<Parameter>& out) {
  while (at < text.size()) {
    // The name, up to '=', ';' or ':'.
    const std::size_t name_end = text.find_first_of("=;:", at);
    if (name_end == std::string_view::npos) return std::string_view::npos;
    const std::string_view name = kith::ascii::trim(text.substr(at, name_end - at));
    if (text[name_end] != '=') {
      // A bare 2.1 parameter, or an empty one (";;") that sloppy writers leave.
      if (!name.empty()) {
        if (!is_name(name)) return std::string_view::npos;
        out.push_back({bare_parameter_name(name), {std::string(name)}});
      }
      if (text[name_end] == ':') return name_end;
      at = name_end + 1;
      continue;
    }
    if (!is_name(name)) return std::string_view::npos;
    Parameter parameter{kith::ascii::upper(name), {}};
    at = name_end + 1;
    // Values separated by ',', each quoted or not, up to ';' or ':'.
    while (true) {
      std::string value;
      if (at < text.size() && text[at] == '"') {
        const std::size_t close = text.find('"', at + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        value = decode_carets(text.substr(at + 1, close - at - 1));
        at = close + 1;
        // Anything up to the next separator after the quote is kept too.
        const std::size_t end = text.find_first_of(",;:", at);
        if (end == std::string_view::npos) return std::string_view::npos;
        value += decode_carets(text.substr(at, end - at));
        at = end;
      } else {
        const std::size_t end = text.find_first_of(",;:", at);
        if (end == std::string_view::npos) return std::string_view::npos;
        value = decode_carets(text.substr(at, end - at));
        at = end;
      }
      parameter.values.push_back(std::string(kith::ascii::trim(value)));
      if (text[at] != ',') break;
      ++at;
    }
    out.push_back(std::move(parameter));
    if (text[at] == ':') return at;
    ++at;  // ';'
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<std::string> PropertyLine::parameter_values(std::string_view wanted) const {
  std::vector<std::string> values;
  for (const Parameter& p : parameters)
    if (p.name == wanted) values.insert(values.end(), p.values.begin(), p.values.end());
  return values;
}

std::string PropertyLine::parameter(std::string_view wanted) const {
  for (const Parameter& p : parameters)
    if (p.name == wanted && !p.values.empty()) return p.values.front();
  return {};
}

std::optional<PropertyLine> parse_property_line(std::string_view line) {
  line = kith::ascii::trim(line);
  const std::size_t head_end = line.find_first_of(";:");
  if (head_end == std::string_view::npos) return std::nullopt;
  PropertyLine property;
  std::string_view head = kith::ascii::trim(line.substr(0, head_end));
  if (const std::size_t dot = head.rfind('.'); dot != std::string_view::npos) {
    const std::string_view group = head.substr(0, dot);
    // "a.b.EMAIL" is not vCard, but its group is still one token per dot.
    for (std::size_t start = 0; start <= group.size();) {
      const std::size_t next = std::min(group.find('.', start), group.size());
      if (!is_name(group.substr(start, next - start))) return std::nullopt;
      start = next + 1;
    }
    property.group = std::string(group);
    head.remove_prefix(dot + 1);
  }
  if (!is_name(head)) return std::nullopt;
  property.name = kith::ascii::upper(head);
  std::size_t colon = head_end;
  if (line[head_end] == ';') {
    colon = read_parameters(line, head_end + 1, property.parameters);
    if (colon == std::string_view::npos) return std::nullopt;
  }
  property.value = std::string(line.substr(colon + 1));
  return property;
}

bool declares_quoted_printable(std::string_view line) {
  // Only the head matters; a cheap test first, as this runs for every
  // physical line that ends in '='.
  const std::size_t colon = line.find(':');
  const std::string_view head = line.substr(0, colon);
  bool mentions = false;
  for (std::size_t i = 0; i + 1 < head.size() && !mentions; ++i)
    mentions = kith::ascii::istarts_with(head.substr(i), "QUOTED-PRINTABLE") ||
               kith::ascii::istarts_with(head.substr(i), "QP");
  if (!mentions) return false;
  const auto property = parse_property_line(line);
  if (!property) return false;
  for (const std::string& encoding : property->parameter_values("ENCODING"))
    if (kith::ascii::iequals(encoding, "QUOTED-PRINTABLE") || kith::ascii::iequals(encoding, "QP")) return true;
  return false;
}

}  // namespace kith::contacts::detail

// One vCard content line split into its parts:
//   [group.]NAME[;param[=value[,value]]...]:value
// The value is returned as written (still transfer-encoded and escaped);
// PropertyValue.h decodes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith::contacts::detail {

struct Parameter {
  // Upper case. A vCard 2.1 bare parameter ("TEL;WORK;VOICE:") is named
  // for what it is: ENCODING for an encoding, VALUE for a value kind,
  // otherwise TYPE.
  std::string name;
  // Quotes removed and RFC 6868 ^-escapes decoded; a quoted value keeps
  // its commas.
  std::vector<std::string> values;
};

struct PropertyLine {
  std::string group;  // as written ("item1"); empty when there is none
  std::string name;   // upper case
  std::vector<Parameter> parameters;
  std::string value;  // as written

  // The values of every parameter named `name` (upper case), in order.
  std::vector<std::string> parameter_values(std::string_view name) const;
  // The first value of the first parameter named `name`; empty if none.
  std::string parameter(std::string_view name) const;
};

// nullopt when `line` (unfolded, without its line break) is not a property
// line: no ':', a name or parameter name with characters other than
// letters, digits, '-' and '_', or an unterminated quoted parameter value.
std::optional<PropertyLine> parse_property_line(std::string_view line);

// True when `line` starts a property whose parameters declare
// quoted-printable (ENCODING=QUOTED-PRINTABLE, ENCODING=QP, or the 2.1 bare
// QUOTED-PRINTABLE): its soft line breaks continue the line.
bool declares_quoted_printable(std::string_view line);

}  // namespace kith::contacts::detail

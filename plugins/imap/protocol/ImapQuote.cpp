#include "protocol/ImapQuote.h"

#include "protocol/ImapAscii.h"

namespace kith::imap {

StringForm string_form(std::string_view value, bool utf8_accept) noexcept {
  StringForm form = StringForm::Quoted;
  for (char c : value) {
    if (c == '\0') return StringForm::Unrepresentable;
    if (c == '\r' || c == '\n' || (!utf8_accept && !ascii::is_7bit(c))) form = StringForm::Literal;
  }
  return form;
}

void append_quoted(std::string& out, std::string_view value) {
  out.reserve(out.size() + value.size() + 2);
  out += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

bool is_atom(std::string_view value) noexcept {
  if (value.empty()) return false;
  for (char c : value) {
    if (!ascii::is_7bit(c) || !ascii::is_atom_char(c)) return false;
  }
  return true;
}

}  // namespace kith::imap

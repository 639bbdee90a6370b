#include "AddressListText.h"

#include "Text.h"

namespace kith::mail::detail {
namespace {

void drop_trailing_blanks(std::string& text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
}

// Index just past an obsolete source route ("@a,@b:") that starts at or
// after `from` (just after a '<'), or `from` when there is none.
std::size_t skip_source_route(std::string_view text, std::size_t from) {
  std::size_t i = from;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '@') return from;
  for (; i < text.size(); ++i) {
    if (text[i] == ':') return i + 1;
    if (text[i] == '>' || text[i] == '"' || text[i] == '<') break;
  }
  return from;
}

}  // namespace

std::string prepare_address_list_for_mimetic(std::string_view field_value) {
  std::string out;
  out.reserve(field_value.size() + 2);
  bool in_quotes = false;
  int comment_depth = 0;
  bool in_angle = false;
  bool group_open = false;

  for (std::size_t i = 0; i < field_value.size(); ++i) {
    char c = field_value[i];
    if (is_ascii_control(c)) c = ' ';

    if (comment_depth > 0) {
      if (c == '\\') {
        ++i;  // quoted-pair inside a comment
      } else if (c == '(') {
        ++comment_depth;
      } else if (c == ')' && --comment_depth == 0) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      }
      continue;
    }
    if (in_quotes) {
      out += c;
      if (c == '\\' && i + 1 < field_value.size()) {
        char escaped = field_value[++i];
        out += is_ascii_control(escaped) ? ' ' : escaped;
      } else if (c == '"') {
        in_quotes = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        out += c;
        break;
      case '(':
        comment_depth = 1;
        break;
      case '<':
        in_angle = true;
        out += c;
        i = skip_source_route(field_value, i + 1) - 1;
        break;
      case '>':
        in_angle = false;
        out += c;
        break;
      case ':':
        if (!in_angle) group_open = true;
        out += c;
        break;
      case ';':
        if (in_angle) {
          out += c;
        } else if (group_open) {
          group_open = false;
          out += c;
        } else {
          drop_trailing_blanks(out);
          out += ',';
        }
        break;
      case ',':
        if (!in_angle) drop_trailing_blanks(out);
        out += c;
        break;
      default:
        out += c;
        break;
    }
  }
  // An unterminated quote is left open: mimetic then still finds an
  // address after it ("Ann <a@x.org>" with a stray '"' before Ann).
  drop_trailing_blanks(out);
  if (in_angle) out += '>';
  if (group_open) out += ';';
  return out;
}

}  // namespace kith::mail::detail

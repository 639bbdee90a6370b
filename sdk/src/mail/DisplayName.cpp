#include "DisplayName.h"

#include "Charset.h"
#include "Text.h"
#include "kith/mail/HeaderParser.h"

namespace kith::mail::detail {
namespace {

// Drops the double quotes of quoted strings and resolves their
// quoted-pairs ("Doe, \"JD\" John" -> Doe, "JD" John). An unterminated
// quote runs to the end.
std::string unquote(std::string_view phrase) {
  std::string text;
  text.reserve(phrase.size());
  bool in_quotes = false;
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    const char c = phrase[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (c == '\\' && in_quotes && i + 1 < phrase.size()) {
      text += phrase[++i];
    } else {
      text += c;
    }
  }
  return text;
}

std::string_view strip_single_quotes(std::string_view name) {
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') return trim(name.substr(1, name.size() - 2));
  return name;
}

}  // namespace

std::string display_name_from_phrase(std::string_view phrase) {
  // Order matters: unquote first (encoded words often sit inside quotes in
  // real mail), make the raw text UTF-8 before decoding adds UTF-8 of its
  // own, collapse before decoding so folding whitespace between encoded
  // words is a single blank, and collapse again for control characters
  // that came out of the decoding.
  const std::string raw = collapse_whitespace(as_utf8(unquote(phrase)));
  const std::string decoded = collapse_whitespace(decode_encoded_words(raw));
  return std::string(strip_single_quotes(decoded));
}

}  // namespace kith::mail::detail

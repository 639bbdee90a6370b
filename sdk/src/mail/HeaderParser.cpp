// parse_headers: mimetic splits and unfolds the header block; each field
// we care about goes to its own parser.
#include "kith/mail/HeaderParser.h"

#include <exception>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "HeaderBlock.h"
#include "MimeticAdapter.h"
#include "Charset.h"
#include "kith/Title.h"
#include "Text.h"

namespace kith::mail {
namespace {

using detail::iequals;

// Index just past the comment that starts at value[open] ('('): comments
// nest and a backslash quotes the next character (RFC 5322 3.2.2). An
// unclosed comment runs to the end.
std::size_t skip_comment(std::string_view value, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < value.size(); ++i) {
    if (value[i] == '\\') {
      ++i;
    } else if (value[i] == '(') {
      ++depth;
    } else if (value[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return value.size();
}

// The first msg-id of a Message-ID, In-Reply-To or References value,
// without angle brackets. CFWS may sit around it and, in the obsolete
// syntax (RFC 5322 4.5.4: obs-id-left is a local-part, obs-id-right a
// domain), between its parts: blanks and comments are not part of the id
// (3.2.2), so both go, wherever they are; a quoted string keeps what it
// quotes. A comment before the id may hold a '<' that is not the id's.
// Values without brackets (broken clients) give their first word.
std::string first_message_id(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && value[i] != '<') i = value[i] == '(' ? skip_comment(value, i) : i + 1;
  std::string id;
  if (i == value.size()) {
    // No bracket: the first word outside comments.
    for (std::size_t j = 0; j < value.size();) {
      const char c = value[j];
      if (c == '(') {
        if (!id.empty()) break;
        j = skip_comment(value, j);
      } else if (detail::is_ascii_space(c) || detail::is_ascii_control(c)) {
        if (!id.empty()) break;
        ++j;
      } else {
        id += c;
        ++j;
      }
    }
    return id;
  }
  bool quoted = false;
  for (++i; i < value.size(); ++i) {
    const char c = value[i];
    if (detail::is_ascii_control(c) || (!quoted && detail::is_ascii_space(c))) continue;
    if (quoted) {
      id += c;
      if (c == '\\' && i + 1 < value.size()) {
        id += value[++i];
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '>') {
      break;
    } else if (c == '(') {
      i = skip_comment(value, i) - 1;
    } else {
      id += c;
      quoted = c == '"';
    }
  }
  return id;
}

// As for display names (DisplayName.cpp): raw 8-bit text made UTF-8 first,
// whitespace collapsed before decoding (so folding between encoded words
// is one blank) and after it (control characters the decoding produced).
std::string decode_subject(std::string_view value) {
  return clean_title(decode_encoded_words(detail::collapse_whitespace(detail::as_utf8(value))));
}

void append(std::vector<Mailbox>& to, std::vector<Mailbox> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// Repeated fields (invalid, but seen): address lists accumulate, single
// values keep the first non-empty one.
void apply_field(MessageHeaders& headers, std::string_view name, std::string_view value) {
  if (iequals(name, "Message-ID")) {
    if (headers.message_id.empty()) headers.message_id = first_message_id(value);
  } else if (iequals(name, "Date")) {
    if (!headers.date) headers.date = parse_date(value);
  } else if (iequals(name, "From")) {
    append(headers.from, parse_address_list(value));
  } else if (iequals(name, "To")) {
    append(headers.to, parse_address_list(value));
  } else if (iequals(name, "Cc")) {
    append(headers.cc, parse_address_list(value));
  } else if (iequals(name, "Bcc")) {
    append(headers.bcc, parse_address_list(value));
  } else if (iequals(name, "Reply-To")) {
    append(headers.reply_to, parse_address_list(value));
  } else if (iequals(name, "In-Reply-To")) {
    if (headers.in_reply_to.empty()) headers.in_reply_to = first_message_id(value);
  } else if (iequals(name, "List-Id")) {
    headers.has_list_id = true;
  } else if (iequals(name, "List-Unsubscribe")) {
    headers.has_list_unsubscribe = true;
  } else if (iequals(name, "Precedence")) {
    if (headers.precedence.empty()) headers.precedence = std::string(detail::trim(value));
  } else if (iequals(name, "Auto-Submitted")) {
    if (headers.auto_submitted.empty()) headers.auto_submitted = std::string(detail::trim(value));
  } else if (iequals(name, "Subject")) {
    if (headers.subject.empty()) headers.subject = decode_subject(value);
  }
}

}  // namespace

Result<MessageHeaders> parse_headers(std::string_view raw) {
  try {
    const auto fields = detail::read_header_fields(detail::header_block_for_mimetic(raw));
    if (fields.empty()) return Status::item("not a mail header: no header field found");
    MessageHeaders headers;
    for (const detail::RawHeaderField& field : fields) apply_field(headers, field.name, field.value);
    return headers;
  } catch (const std::exception& error) {
    // Only allocation failures can get here (mimetic's own exceptions stop
    // in the adapter); one huge message must not stop the sync.
    return Status::item(std::string("cannot parse mail header: ") + error.what());
  }
}

std::optional<UnixSeconds> place_message(std::optional<UnixSeconds> header_date,
                                         std::optional<UnixSeconds> server_date) {
  if (!header_date) return server_date;
  if (server_date && *header_date > *server_date && *header_date - *server_date > kMaxDateAheadOfServer)
    return server_date;
  return header_date;
}

}  // namespace kith::mail

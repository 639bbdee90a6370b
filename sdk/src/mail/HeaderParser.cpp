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
#include "Text.h"

namespace kith::mail {
namespace {

using detail::iequals;

// The first msg-id of a Message-ID or In-Reply-To value, without angle
// brackets and without the blanks folding may have put inside. Values
// without brackets (broken clients) give their first word.
std::string first_message_id(std::string_view value) {
  value = detail::trim(value);
  std::string_view id;
  if (const std::size_t open = value.find('<'); open != std::string_view::npos) {
    id = value.substr(open + 1);
    id = id.substr(0, id.find('>'));
  } else {
    std::size_t end = 0;
    while (end < value.size() && !detail::is_ascii_space(value[end])) ++end;
    id = value.substr(0, end);
  }
  std::string cleaned;
  cleaned.reserve(id.size());
  for (char c : id)
    if (!detail::is_ascii_space(c) && !detail::is_ascii_control(c)) cleaned += c;
  return cleaned;
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

}  // namespace kith::mail

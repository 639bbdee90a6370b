// Optional SDK helper (library kith::mail): turns a raw RFC 5322 header
// block into MessageHeaders, so every mail provider parses headers the same
// way. Built on mimetic (addresses, groups, obsolete syntax), its Base64 and
// quoted-printable codecs and iconv (RFC 2047 encoded words).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::mail {

// Parses the header fields of one message (a whole message or only its
// header block, as IMAP BODY[HEADER.FIELDS (...)] returns it; CRLF or LF).
// Fills message_id, date (nullopt when missing or unparseable: the caller
// applies its own fallback), from/to/cc/bcc/reply_to (display names decoded
// to UTF-8; group members flattened; empty groups add nothing),
// in_reply_to, has_list_id, has_list_unsubscribe, precedence,
// auto_submitted. Leaves collection, item_id and folder_role to the caller.
// Returns an Item error when the input is not a header block at all.
Result<MessageHeaders> parse_headers(std::string_view raw);

// One address-list field value (unfolded or folded), e.g. the value of To:.
// Groups are flattened; malformed entries are skipped; never throws.
std::vector<Mailbox> parse_address_list(std::string_view field_value);

// Decodes RFC 2047 encoded words (B and Q, any charset iconv knows) to
// UTF-8; text that is not an encoded word is kept; undecodable words are
// kept as written.
std::string decode_encoded_words(std::string_view text);

// An RFC 5322 date (with obsolete zones: UT, GMT, EST..PDT, military
// letters; optional day name and seconds; two-digit years) in UTC seconds.
std::optional<UnixSeconds> parse_date(std::string_view text);

}  // namespace kith::mail

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
// in_reply_to, subject (RFC 2047 decoded to UTF-8, whitespace collapsed, cut
// to kMaxSubjectBytes), has_list_id, has_list_unsubscribe, precedence,
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

// Where a message sits in time (the README's extraction rules): its Date
// header, unless that is missing, unparseable, or more than one day after
// the server's date for the message (IMAP INTERNALDATE; for files, their
// modification time), as a Date years ahead is a broken clock, not a
// message from the future; then the server's date. nullopt when neither
// is known. Every mail provider places messages with this.
std::optional<UnixSeconds> place_message(std::optional<UnixSeconds> header_date,
                                         std::optional<UnixSeconds> server_date);

// How far a Date may run ahead of the server's date before it is unusable.
inline constexpr UnixSeconds kMaxDateAheadOfServer = 86400;

}  // namespace kith::mail

// Parses one response unit (as cut by Framer) into a typed Response.
//
//   Framer framer;
//   framer.feed(bytes_from_socket);
//   while (auto unit = framer.next()) {
//     Expected<Response> response = parse_response(*unit);
//     if (!response) { log(response.error().message); continue; }
//     std::visit(handler, *response);
//   }
//
// What comes back:
// - A typed response (ImapResponse.h) for everything the imap provider
//   uses: tagged and untagged status responses with their codes,
//   continuation requests, CAPABILITY, ENABLED, LIST, STATUS, FLAGS,
//   EXISTS, RECENT, EXPUNGE, FETCH, SEARCH, ESEARCH and VANISHED.
// - UnknownResponse for any other well-formed untagged response, so an
//   extension the server speaks unasked never breaks the session.
// - An Error (message, byte offset into the unit) when the unit is not
//   valid IMAP: no tag, a tagged response that is not OK/NO/BAD, or a
//   known response whose data is malformed (bad numbers, numbers that
//   overflow their type, unbalanced lists, literals longer than the unit).
//   The error concerns this unit only; the caller decides whether the
//   session can go on (peek_tag() tells which command a garbled
//   completion belonged to).
//
// Never throws (allocation failure becomes an Error too), never reads
// outside `unit`, and runs in time linear in the unit's size whatever the
// input, nesting depth included. The result owns its data; `unit` may be
// discarded afterwards.
#pragma once

#include <string_view>

#include "protocol/ImapError.h"
#include "protocol/ImapResponse.h"

namespace kith::imap {

// `unit` is one whole response including literals; its final CRLF is
// optional.
Expected<Response> parse_response(std::string_view unit) noexcept;

// The first token of a unit without parsing the rest: "*" for untagged
// data, "+" for a continuation request, the tag ("K12") for a command
// completion, "" when the unit does not start with any of these.
std::string_view peek_tag(std::string_view unit) noexcept;

}  // namespace kith::imap

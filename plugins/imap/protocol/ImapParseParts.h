// Internal to kith_imap_protocol: the parsers of individual response kinds,
// called by parse_response() once it has read the response keyword. Each
// reads the rest of the unit from `cur` into `out` and returns false with
// the error recorded in `cur` when the data is malformed.
#pragma once

#include <string>
#include <vector>

#include "protocol/ImapCursor.h"
#include "protocol/ImapResponse.h"

namespace kith::imap::detail {

// After the condition keyword: [SP ["[" code "]" SP] text]. Never fails on
// the code or text: a status response is too important to lose over them.
bool parse_status_tail(Cursor& cur, StatusResponse& out);

// After CAPABILITY / ENABLED: *(SP atom).
bool parse_atom_list(Cursor& cur, std::vector<std::string>& out);

// After "LIST", "STATUS", "FLAGS" (cursor on the space before the data).
bool parse_list(Cursor& cur, ListResponse& out);
bool parse_mailbox_status(Cursor& cur, MailboxStatusResponse& out);
bool parse_flags(Cursor& cur, FlagsResponse& out);

// After "SEARCH", "ESEARCH", "VANISHED".
bool parse_search(Cursor& cur, SearchResponse& out);
bool parse_esearch(Cursor& cur, EsearchResponse& out);
bool parse_vanished(Cursor& cur, VanishedResponse& out);

// After "<n> FETCH" (sequence already stored in `out`).
bool parse_fetch(Cursor& cur, FetchResponse& out);

// A sequence-set without "*" at the cursor.
bool parse_uid_set(Cursor& cur, UidSet& out);

// Succeeds when only spaces remain.
bool expect_end(Cursor& cur);

}  // namespace kith::imap::detail

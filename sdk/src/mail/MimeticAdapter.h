// The one door to mimetic. Everything that needs mimetic goes through these
// functions, so its headers (which warn under our flags), its exceptions and
// its quirks stay in MimeticAdapter.cpp. None of these functions throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kith::mail::detail {

struct RawHeaderField {
  std::string name;   // as written
  std::string value;  // unfolded by mimetic, not trimmed, not decoded
};

// The fields of one header block, in order. `header_block` must end with an
// empty line (see HeaderBlock.h): mimetic drops a last field that is not
// followed by another line. Returns what was read before any failure.
std::vector<RawHeaderField> read_header_fields(std::string_view header_block);

struct RawMailbox {
  std::string display_phrase;  // as written: quotes, encoded words, spaces
  std::string local_part;      // mimetic's canonical form (CFWS removed)
  std::string domain;          // mimetic's canonical form
};

// Every mailbox of an address list, group members flattened in order.
// `address_list` must have gone through prepare_address_list_for_mimetic().
// Entries may be empty or malformed; the caller filters them.
std::vector<RawMailbox> read_mailboxes(std::string_view address_list);

// mimetic's transfer decoders. Base64 input must hold only the base64
// alphabet and '=' (mimetic's table lookup is not bounds-safe for other
// bytes). Quoted-printable input must not contain trailing blanks: mimetic
// turns a trailing blank into '='.
std::string decode_base64(std::string_view encoded);
std::string decode_quoted_printable(std::string_view encoded);

}  // namespace kith::mail::detail

// What the engine stores per IMAP folder: "v1 <uidvalidity> <next_uid> <highestmodseq>".
// Every UID below next_uid has been delivered (a header sync never needs
// more: new mail always gets a UID at or above the folder's UIDNEXT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kith::imap {

struct FolderCursor {
  std::uint32_t uid_validity = 0;
  std::uint32_t next_uid = 1;
  std::uint64_t highest_modseq = 0;  // 0 when unknown (no CONDSTORE, or mid-way)

  std::string encode() const;
  // nullopt for anything that is not a cursor we wrote.
  static std::optional<FolderCursor> decode(std::string_view text);
};

}  // namespace kith::imap

// The cursor of one export file: what the file was when it was last read in
// full. Opaque to the engine, versioned, and the provider's only memory.
//
//   v1 <fingerprint>                                      messages, invitations
//   v1 <fingerprint> <n>(\n<shared> <digest> <suffix>)*   connections
//
// The fingerprint is "<bytes>-<digest>" of the file's content (Digest), the
// same for the .zip and the unpacked folder: an unchanged file is not read
// again. For the connections it also keeps each card's resource and the
// digest of what the card said, sorted by resource, each resource
// front-coded against the one before (<shared> bytes in common, then the
// rest): a newer export then delivers only the cards that changed, and
// removes the connections it no longer lists. LinkedIn caps a network at
// 30,000 connections, about a megabyte of cursor; past kMaxTrackedCards the
// cards are not kept (every card is delivered, none removed).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kith::linkedin {

inline constexpr std::size_t kMaxTrackedCards = 50000;

struct FileCursor {
  std::string fingerprint;
  std::optional<std::map<std::string, std::string>> cards;  // resource -> digest of the card
  bool operator==(const FileCursor&) const = default;
};

// Never fails. Resources must hold no line break (profile_key and the
// name keys never do).
std::string encode_cursor(const FileCursor& cursor);

// nullopt when `text` is not a cursor this version wrote: the caller reads
// the file as if for the first time.
std::optional<FileCursor> decode_cursor(std::string_view text);

}  // namespace kith::linkedin

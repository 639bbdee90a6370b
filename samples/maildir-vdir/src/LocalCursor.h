// The `local` provider's per-collection cursor: what a collection looked like
// when its last batch was committed. Opaque to the engine, versioned, and
// made only of '/'-separated tokens (a file name never holds a '/').
//
//   v1/m/<mtime_ns>/<n>/<name>...                       Maildir folder
//   v1/v/<base_ns>/<n>/(<prefix>/<suffix>/<dmtime>/<size>)...   vdir calendar
//
// A Maildir section keeps the newest file mtime delivered (nanoseconds since
// the epoch, decimal) and the unique names (the part before ':') of the files
// at exactly that mtime. A vdir section keeps every .ics file seen, sorted by
// name: each name front-coded against the one before it (<prefix> = length
// shared, <suffix> = the rest), its mtime as an offset from <base_ns> and its
// size; these four numbers are base 36.
//
// A mail folder and a calendar may share a collection name; the engine keeps
// one cursor per name, so one cursor string can hold both sections, the
// Maildir one first.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace kith::local {

struct MaildirCursor {
  std::int64_t mtime_ns = 0;            // newest mtime delivered
  std::set<std::string> names_at_mtime; // unique names of the files at exactly mtime_ns
  bool operator==(const MaildirCursor&) const = default;
};

struct FileVersion {
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
  bool operator==(const FileVersion&) const = default;
};

// File name -> version, for one calendar.
using VdirListing = std::map<std::string, FileVersion>;

// Everything stored under one collection name.
struct CollectionCursor {
  std::optional<MaildirCursor> mail;
  std::optional<VdirListing> calendar;
  bool operator==(const CollectionCursor&) const = default;
};

// Never fails; an empty CollectionCursor encodes as "".
std::string encode_cursor(const CollectionCursor& cursor);

// nullopt when `text` is not a cursor this version wrote (garbage, another
// version, a truncated string): the caller treats it as no cursor.
std::optional<CollectionCursor> decode_cursor(std::string_view text);

}  // namespace kith::local

// The `local` provider's per-collection cursor: what a collection looked like
// when its last batch was committed. Opaque to the engine, versioned, and
// made only of '/'-separated tokens (a file name never holds a '/').
//
//   v1/m/<mtime_ns>/<n>/<name>...                       Maildir folder
//   v1/v/<base_ns>/<n>/(<prefix>/<suffix>/<dmtime>/<size>)...   vdir calendar
//   v1/c/<base_ns>/<n>/(<prefix>/<suffix>/<dmtime>/<size>)...
//        <k>/(<file>/<card>)...                         vdir address book
//
// A Maildir section keeps the newest file mtime delivered (nanoseconds since
// the epoch, decimal) and the unique names (the part before ':') of the files
// at exactly that mtime. A vdir section keeps every .ics (or .vcf) file seen,
// sorted by name: each name front-coded against the one before it (<prefix>
// = length shared, <suffix> = the rest), its mtime as an offset from
// <base_ns> and its size; these four numbers are base 36. An address book
// also keeps, for a file that holds several cards, the resource names of
// the cards after its first ("<file>#<UID>", read_vcards' naming), so they
// can be removed when the file changes or goes: <file> is the file's index
// in the listing (base 36), <card> the part after '#', with '%' and '/'
// written %25 and %2F.
//
// A mail folder, a calendar and an address book may share a collection
// name; the engine keeps one cursor per name, so one cursor string can hold
// all three sections, in this order.
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

// One address book: its .vcf files, and the cards after the first of each
// file that holds several (file name -> their resource names).
struct AddressBookCursor {
  VdirListing files;
  std::map<std::string, std::set<std::string>> extra_cards;
  bool operator==(const AddressBookCursor&) const = default;
};

// Everything stored under one collection name.
struct CollectionCursor {
  std::optional<MaildirCursor> mail;
  std::optional<VdirListing> calendar;
  std::optional<AddressBookCursor> contacts;
  bool operator==(const CollectionCursor&) const = default;
};

// Never fails; an empty CollectionCursor encodes as "".
std::string encode_cursor(const CollectionCursor& cursor);

// nullopt when `text` is not a cursor this version wrote (garbage, another
// version, a truncated string): the caller treats it as no cursor.
std::optional<CollectionCursor> decode_cursor(std::string_view text);

}  // namespace kith::local

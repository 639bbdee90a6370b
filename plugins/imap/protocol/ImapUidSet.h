// A set of UIDs (or message sequence numbers) kept as sorted ranges, the
// way IMAP writes them: "1:500,700". Large mailboxes have runs of
// consecutive UIDs, so ranges keep VANISHED and ESEARCH answers and the
// sets we send small; expansion to single numbers is explicit and capped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/ImapError.h"

namespace kith::imap {

using Uid = std::uint32_t;

// Both ends inclusive; first <= last, first >= 1 once inside a UidSet.
struct UidRange {
  Uid first = 0;
  Uid last = 0;
  bool operator==(const UidRange&) const = default;
};

class UidSet {
 public:
  UidSet() = default;

  // Normalizes: reversed ranges are turned around ("5:3" is 3..5, as in
  // IMAP), ranges are sorted and overlapping or adjacent ones merged.
  // UID 0 is not a UID and is dropped.
  static UidSet from_ranges(std::vector<UidRange> ranges);
  static UidSet from_uids(std::span<const Uid> uids);

  // Parses a sequence-set without "*" ("1:3,7,9:8"). Sets from servers are
  // normalized like from_ranges(). Errors on empty input, 0, "*", numbers
  // above 2^32-1 and anything that is not digits, ':' and ','.
  static Expected<UidSet> parse(std::string_view text);

  // Constant time when UIDs come in ascending order (the usual case);
  // otherwise a binary search and an insertion, linear in ranges().size(),
  // so build large unordered sets with from_uids() instead.
  void add(Uid uid) { add(UidRange{uid, uid}); }
  void add(UidRange range);

  const std::vector<UidRange>& ranges() const noexcept { return ranges_; }
  bool empty() const noexcept { return ranges_.empty(); }
  // Number of UIDs (up to 2^32 - 1, hence 64 bits).
  std::uint64_t size() const noexcept;
  bool contains(Uid uid) const noexcept;

  // IMAP form, "1:500,700"; "" for an empty set.
  std::string to_string() const;

  // Every UID in ascending order, or nullopt when there are more than
  // `max_uids`: a hostile "1:4294967295" must not become 16 GiB.
  std::optional<std::vector<Uid>> expand(std::size_t max_uids) const;

  // Splits into consecutive pieces whose to_string() is at most `max_chars`
  // long, in ascending order; used to keep command lines short. Empty when
  // the set is empty or when max_chars cannot hold even one range
  // ("4294967295:4294967295" needs 21), so callers check for that.
  std::vector<UidSet> split(std::size_t max_chars) const;

  bool operator==(const UidSet&) const = default;

 private:
  std::vector<UidRange> ranges_;  // sorted, disjoint, not adjacent
};

}  // namespace kith::imap

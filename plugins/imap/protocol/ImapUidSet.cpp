#include "protocol/ImapUidSet.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "protocol/ImapAscii.h"

namespace kith::imap {
namespace {

// Longest range text: "4294967295:4294967295".
constexpr std::size_t kMaxRangeChars = 21;

void append_number(std::string& out, Uid value) {
  char digits[10];  // 4294967295
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

void append_range(std::string& out, UidRange range) {
  append_number(out, range.first);
  if (range.last != range.first) {
    out += ':';
    append_number(out, range.last);
  }
}

std::size_t digit_count(Uid value) {
  std::size_t digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

std::size_t range_chars(UidRange range) {
  return digit_count(range.first) + (range.last != range.first ? 1 + digit_count(range.last) : 0);
}

// Sorted, then merged where ranges overlap or touch.
void normalize(std::vector<UidRange>& ranges) {
  for (UidRange& r : ranges) {
    if (r.first > r.last) std::swap(r.first, r.last);
    if (r.first == 0) r.first = 1;
  }
  std::erase_if(ranges, [](const UidRange& r) { return r.last == 0; });
  std::sort(ranges.begin(), ranges.end(), [](const UidRange& a, const UidRange& b) { return a.first < b.first; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (out > 0 && static_cast<std::uint64_t>(ranges[i].first) <= static_cast<std::uint64_t>(ranges[out - 1].last) + 1) {
      ranges[out - 1].last = std::max(ranges[out - 1].last, ranges[i].last);
    } else {
      ranges[out++] = ranges[i];
    }
  }
  ranges.resize(out);
}

}  // namespace

UidSet UidSet::from_ranges(std::vector<UidRange> ranges) {
  normalize(ranges);
  UidSet set;
  set.ranges_ = std::move(ranges);
  return set;
}

UidSet UidSet::from_uids(std::span<const Uid> uids) {
  std::vector<UidRange> ranges;
  ranges.reserve(uids.size());
  for (Uid uid : uids) {
    // Coalesce ascending runs here so sorted input stays one pass.
    if (!ranges.empty() && ranges.back().last != std::numeric_limits<Uid>::max() && uid == ranges.back().last + 1) {
      ranges.back().last = uid;
    } else {
      ranges.push_back({uid, uid});
    }
  }
  return from_ranges(std::move(ranges));
}

Expected<UidSet> UidSet::parse(std::string_view text) {
  if (text.empty()) return Error{"empty UID set", 0};
  std::vector<UidRange> ranges;
  std::size_t pos = 0;
  auto number = [&](Uid& out) -> bool {
    const std::size_t start = pos;
    std::uint64_t value = 0;
    while (pos < text.size() && ascii::is_digit(text[pos])) {
      value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
      if (value > std::numeric_limits<Uid>::max()) return false;
      ++pos;
    }
    if (pos == start || value == 0) return false;
    out = static_cast<Uid>(value);
    return true;
  };
  while (true) {
    UidRange range;
    const std::size_t start = pos;
    if (!number(range.first)) return Error{"UID set: expected a number from 1 to 4294967295", start};
    range.last = range.first;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      const std::size_t second = pos;
      if (!number(range.last)) return Error{"UID set: expected a number from 1 to 4294967295", second};
    }
    ranges.push_back(range);
    if (pos == text.size()) break;
    if (text[pos] != ',') return Error{"UID set: unexpected character", pos};
    ++pos;
  }
  return from_ranges(std::move(ranges));
}

void UidSet::add(UidRange range) {
  if (range.first > range.last) std::swap(range.first, range.last);
  if (range.last == 0) return;
  if (range.first == 0) range.first = 1;
  // Fast path: appending at the end, as when UIDs arrive in order.
  if (ranges_.empty() || static_cast<std::uint64_t>(range.first) > static_cast<std::uint64_t>(ranges_.back().last) + 1) {
    ranges_.push_back(range);
    return;
  }
  if (range.first >= ranges_.back().first) {
    ranges_.back().last = std::max(ranges_.back().last, range.last);
    return;
  }
  // General case: find the ranges it touches and replace them by one.
  auto first = std::lower_bound(ranges_.begin(), ranges_.end(), range, [](const UidRange& r, const UidRange& value) {
    return static_cast<std::uint64_t>(r.last) + 1 < value.first;
  });
  auto last = first;
  UidRange merged = range;
  while (last != ranges_.end() && static_cast<std::uint64_t>(last->first) <= static_cast<std::uint64_t>(merged.last) + 1) {
    merged.first = std::min(merged.first, last->first);
    merged.last = std::max(merged.last, last->last);
    ++last;
  }
  if (first == last) {
    ranges_.insert(first, merged);
  } else {
    *first = merged;
    ranges_.erase(first + 1, last);
  }
}

std::uint64_t UidSet::size() const noexcept {
  std::uint64_t total = 0;
  for (const UidRange& r : ranges_) total += static_cast<std::uint64_t>(r.last) - r.first + 1;
  return total;
}

bool UidSet::contains(Uid uid) const noexcept {
  auto it = std::lower_bound(ranges_.begin(), ranges_.end(), uid,
                             [](const UidRange& r, Uid value) { return r.last < value; });
  return it != ranges_.end() && it->first <= uid;
}

std::string UidSet::to_string() const {
  std::string out;
  out.reserve(ranges_.size() * 8);
  for (std::size_t i = 0; i < ranges_.size(); ++i) {
    if (i > 0) out += ',';
    append_range(out, ranges_[i]);
  }
  return out;
}

std::optional<std::vector<Uid>> UidSet::expand(std::size_t max_uids) const {
  const std::uint64_t total = size();
  if (total > max_uids) return std::nullopt;
  std::vector<Uid> uids;
  uids.reserve(static_cast<std::size_t>(total));
  for (const UidRange& r : ranges_) {
    for (std::uint64_t uid = r.first; uid <= r.last; ++uid) uids.push_back(static_cast<Uid>(uid));
  }
  return uids;
}

std::vector<UidSet> UidSet::split(std::size_t max_chars) const {
  std::vector<UidSet> pieces;
  if (ranges_.empty() || max_chars < kMaxRangeChars) return pieces;
  UidSet current;
  std::size_t length = 0;
  for (const UidRange& r : ranges_) {
    const std::size_t needed = range_chars(r) + (current.ranges_.empty() ? 0 : 1);
    if (length + needed > max_chars) {
      pieces.push_back(std::move(current));
      current = UidSet();
      current.ranges_.push_back(r);
      length = range_chars(r);
    } else {
      current.ranges_.push_back(r);
      length += needed;
    }
  }
  pieces.push_back(std::move(current));
  return pieces;
}

}  // namespace kith::imap

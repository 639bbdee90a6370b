#include "LocalCursor.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>
#include <vector>

namespace kith::local {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::string_view kMailTag = "m";
constexpr std::string_view kCalendarTag = "v";
constexpr std::string_view kContactsTag = "c";

template <typename Int>
void append_number(std::string& out, Int value, int base) {
  char buffer[72];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, base);
  (void)ec;  // cannot fail: the buffer holds any 64-bit number in any base
  out.append(buffer, end);
}

template <typename Int>
std::optional<Int> parse_number(std::string_view text, int base) {
  if (text.empty()) return std::nullopt;
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

void encode_mail(std::string& out, const MaildirCursor& cursor) {
  out += '/';
  out += kMailTag;
  out += '/';
  append_number(out, cursor.mtime_ns, 10);
  out += '/';
  append_number(out, cursor.names_at_mtime.size(), 10);
  for (const auto& name : cursor.names_at_mtime) {
    out += '/';
    out += name;
  }
}

// A card resource's part after '#' as one token: a UID may hold '/'.
std::string escape_token(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '/') out += "%2F";
    else out += c;
  }
  return out;
}

std::optional<std::string> unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '%') {
      out += token[i];
      continue;
    }
    const std::string_view code = token.substr(i + 1, 2);
    if (code == "25") out += '%';
    else if (code == "2F") out += '/';
    else return std::nullopt;
    i += 2;
  }
  return out;
}

void encode_listing(std::string& out, std::string_view tag, const VdirListing& listing) {
  std::int64_t base = 0;
  if (!listing.empty()) {
    base = std::numeric_limits<std::int64_t>::max();
    for (const auto& [name, version] : listing) base = std::min(base, version.mtime_ns);
  }
  out += '/';
  out += tag;
  out += '/';
  append_number(out, base, 10);
  out += '/';
  append_number(out, listing.size(), 10);
  std::string_view previous;
  for (const auto& [name, version] : listing) {
    std::size_t shared = 0;
    while (shared < previous.size() && shared < name.size() && previous[shared] == name[shared]) ++shared;
    out += '/';
    append_number(out, shared, 36);
    out += '/';
    out.append(name, shared);
    out += '/';
    // Unsigned difference: exact even when the span exceeds INT64_MAX.
    append_number(out, static_cast<std::uint64_t>(version.mtime_ns) - static_cast<std::uint64_t>(base), 36);
    out += '/';
    append_number(out, version.size, 36);
    previous = name;
  }
}

void encode_contacts(std::string& out, const AddressBookCursor& book) {
  encode_listing(out, kContactsTag, book.files);
  // Only names read_vcards gives (see LocalCursor.h) can be written.
  const auto writable = [](const std::string& file, const std::string& card) {
    return card.size() > file.size() + 1 && card.compare(0, file.size(), file) == 0 && card[file.size()] == '#';
  };
  std::size_t count = 0;
  for (const auto& [file, cards] : book.extra_cards) {
    if (!book.files.count(file)) continue;
    for (const std::string& card : cards) count += writable(file, card) ? 1 : 0;
  }
  out += '/';
  append_number(out, count, 10);
  std::size_t index = 0;
  for (const auto& [name, version] : book.files) {
    auto extra = book.extra_cards.find(name);
    if (extra != book.extra_cards.end()) {
      for (const std::string& card : extra->second) {
        if (!writable(name, card)) continue;
        out += '/';
        append_number(out, index, 36);
        out += '/';
        // read_vcards names them "<file>#<rest>"; only <rest> is stored.
        out += escape_token(std::string_view(card).substr(name.size() + 1));
      }
    }
    ++index;
  }
}

// Each parser consumes tokens from `at` on and returns false on any mismatch.
bool decode_mail(const std::vector<std::string_view>& tokens, std::size_t& at, MaildirCursor& cursor) {
  if (tokens.size() - at < 2) return false;
  auto mtime = parse_number<std::int64_t>(tokens[at], 10);
  auto count = parse_number<std::size_t>(tokens[at + 1], 10);
  at += 2;
  if (!mtime || !count || *count > tokens.size() - at) return false;
  cursor.mtime_ns = *mtime;
  for (std::size_t i = 0; i < *count; ++i) cursor.names_at_mtime.emplace(tokens[at + i]);
  at += *count;
  return cursor.names_at_mtime.size() == *count;
}

bool decode_listing(const std::vector<std::string_view>& tokens, std::size_t& at, VdirListing& listing) {
  if (tokens.size() - at < 2) return false;
  auto base = parse_number<std::int64_t>(tokens[at], 10);
  auto count = parse_number<std::size_t>(tokens[at + 1], 10);
  at += 2;
  if (!base || !count || *count > (tokens.size() - at) / 4) return false;
  std::string previous;
  for (std::size_t i = 0; i < *count; ++i, at += 4) {
    auto shared = parse_number<std::size_t>(tokens[at], 36);
    auto delta = parse_number<std::uint64_t>(tokens[at + 2], 36);
    auto size = parse_number<std::uint64_t>(tokens[at + 3], 36);
    if (!shared || !delta || !size || *shared > previous.size()) return false;
    std::string name = previous.substr(0, *shared);
    name.append(tokens[at + 1]);
    // Names are strictly increasing, as a std::map wrote them.
    if (name.empty() || (i > 0 && !(previous < name))) return false;
    // base + delta must stay an int64 (modular arithmetic, then checked).
    const auto room = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) -
                      static_cast<std::uint64_t>(*base);
    if (*delta > room) return false;
    const auto mtime = static_cast<std::int64_t>(static_cast<std::uint64_t>(*base) + *delta);
    listing.emplace(name, FileVersion{mtime, *size});
    previous = std::move(name);
  }
  return true;
}

bool decode_contacts(const std::vector<std::string_view>& tokens, std::size_t& at, AddressBookCursor& book) {
  if (!decode_listing(tokens, at, book.files) || at == tokens.size()) return false;
  auto count = parse_number<std::size_t>(tokens[at], 10);
  ++at;
  if (!count || *count > (tokens.size() - at) / 2) return false;
  std::vector<const std::string*> names;
  for (const auto& [name, version] : book.files) names.push_back(&name);
  for (std::size_t i = 0; i < *count; ++i, at += 2) {
    auto index = parse_number<std::size_t>(tokens[at], 36);
    auto rest = unescape_token(tokens[at + 1]);
    if (!index || *index >= names.size() || !rest || rest->empty()) return false;
    const std::string& file = *names[*index];
    book.extra_cards[file].insert(file + "#" + *rest);
  }
  return true;
}

}  // namespace

std::string encode_cursor(const CollectionCursor& cursor) {
  if (!cursor.mail && !cursor.calendar && !cursor.contacts) return {};
  std::string out(kVersion);
  if (cursor.mail) encode_mail(out, *cursor.mail);
  if (cursor.calendar) encode_listing(out, kCalendarTag, *cursor.calendar);
  if (cursor.contacts) encode_contacts(out, *cursor.contacts);
  return out;
}

std::optional<CollectionCursor> decode_cursor(std::string_view text) {
  CollectionCursor cursor;
  if (text.empty()) return cursor;
  auto tokens = split(text, '/');
  if (tokens.size() < 2 || tokens[0] != kVersion) return std::nullopt;
  std::size_t at = 1;
  if (tokens[at] == kMailTag) {
    ++at;
    cursor.mail.emplace();
    if (!decode_mail(tokens, at, *cursor.mail)) return std::nullopt;
  }
  if (at < tokens.size() && tokens[at] == kCalendarTag) {
    ++at;
    cursor.calendar.emplace();
    if (!decode_listing(tokens, at, *cursor.calendar)) return std::nullopt;
  }
  if (at < tokens.size() && tokens[at] == kContactsTag) {
    ++at;
    cursor.contacts.emplace();
    if (!decode_contacts(tokens, at, *cursor.contacts)) return std::nullopt;
  }
  if (at != tokens.size() || (!cursor.mail && !cursor.calendar && !cursor.contacts)) return std::nullopt;
  return cursor;
}

}  // namespace kith::local

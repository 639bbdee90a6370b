// RFC 5322 section 3.3 dates, with the obsolete forms of section 4.3.
//
//   [day-name [","]] day month year hour ":" minute [":" second] [zone]
//
// Choices where the RFCs leave room:
//  - Military single-letter zones are read as -0000 (UTC, offset
//    unknown), as RFC 5322 4.3 advises: RFC 822 defined their signs
//    backwards and software never agreed which way. "Z" is UTC anyway.
//  - A missing zone or an unknown alphabetic one ("CEST", "MEZ") is also
//    read as -0000: the date is right, only the hour may be off.
//  - The day name is not checked against the date; text after the zone
//    is ignored.
//  - Two-digit years: 00-49 are 20xx, 50-99 are 19xx; three-digit years
//    add 1900 (RFC 5322 4.3). Years before 1900 are rejected.
//  - Second 60 (a leap second) is read as 59: Unix time has no leap
//    seconds.
//  - A 12-hour clock ("06:09:22 PM EDT"), which is not RFC 5322 but which
//    mail clients write, is read as the 24-hour time before the zone:
//    12 AM is 00, 1-11 PM add 12. An hour over 12 with PM is already
//    24-hour and stays.
// The arithmetic is our own (no timegm, no TZ, no locale).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "Text.h"
#include "kith/mail/HeaderParser.h"

namespace kith::mail {
namespace {

using detail::ascii_lower;
using detail::iequals;
using detail::is_ascii_alpha;
using detail::is_ascii_digit;

enum class TokenKind { Number, Word, Symbol };

struct Token {
  TokenKind kind;
  std::string_view text;
};

// Numbers, words and single symbols; comments (nested, with
// quoted-pairs) and whitespace separate tokens and are dropped.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '(') {
      int depth = 0;
      for (; i < text.size(); ++i) {
        if (text[i] == '\\') {
          ++i;
        } else if (text[i] == '(') {
          ++depth;
        } else if (text[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
      }
      continue;
    }
    const std::size_t start = i;
    if (is_ascii_digit(c)) {
      while (i < text.size() && is_ascii_digit(text[i])) ++i;
      tokens.push_back({TokenKind::Number, text.substr(start, i - start)});
    } else if (is_ascii_alpha(c)) {
      while (i < text.size() && is_ascii_alpha(text[i])) ++i;
      tokens.push_back({TokenKind::Word, text.substr(start, i - start)});
    } else if (detail::is_ascii_space(c)) {
      ++i;
    } else {
      ++i;
      tokens.push_back({TokenKind::Symbol, text.substr(start, 1)});
    }
  }
  return tokens;
}

class TokenCursor {
 public:
  explicit TokenCursor(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  bool at_end() const { return next_ >= tokens_.size(); }
  const Token* peek() const { return at_end() ? nullptr : &tokens_[next_]; }

  bool take_symbol(char symbol) {
    const Token* token = peek();
    if (!token || token->kind != TokenKind::Symbol || token->text[0] != symbol) return false;
    ++next_;
    return true;
  }

  // A number of min_digits..max_digits digits.
  std::optional<int> take_number(std::size_t min_digits, std::size_t max_digits) {
    const Token* token = peek();
    if (!token || token->kind != TokenKind::Number) return std::nullopt;
    if (token->text.size() < min_digits || token->text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char digit : token->text) value = value * 10 + (digit - '0');
    ++next_;
    return value;
  }

  std::optional<std::string_view> take_word() {
    const Token* token = peek();
    if (!token || token->kind != TokenKind::Word) return std::nullopt;
    ++next_;
    return token->text;
  }

 private:
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
};

// Index of `word` among `names` by its first three letters, accepting the
// abbreviation or the full name ("Tue", "Tuesday"); -1 if none.
template <std::size_t N>
int find_name(std::string_view word, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (iequals(word, names[i]) || iequals(word, names[i].substr(0, 3))) return static_cast<int>(i);
  }
  return -1;
}

constexpr std::array<std::string_view, 7> kDayNames = {"monday", "tuesday", "wednesday", "thursday",
                                                        "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kMonthNames = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};

struct NamedZone {
  std::string_view name;
  int offset_minutes;
};

constexpr std::array<NamedZone, 11> kNamedZones = {{
    {"ut", 0}, {"utc", 0}, {"gmt", 0},
    {"est", -5 * 60}, {"edt", -4 * 60},
    {"cst", -6 * 60}, {"cdt", -5 * 60},
    {"mst", -7 * 60}, {"mdt", -6 * 60},
    {"pst", -8 * 60}, {"pdt", -7 * 60},
}};

// Offset east of UTC in minutes; nullopt when the zone is malformed.
std::optional<int> read_zone(TokenCursor& cursor) {
  if (cursor.at_end()) return 0;
  const bool east = cursor.take_symbol('+');
  if (east || cursor.take_symbol('-')) {
    const Token* token = cursor.peek();
    if (!token || token->kind != TokenKind::Number) return std::nullopt;
    if (token->text.size() == 2) {  // "+01": hours only, seen from broken clients
      const int hours = *cursor.take_number(2, 2);
      if (hours > 23) return std::nullopt;
      return (east ? 1 : -1) * hours * 60;
    }
    const auto hhmm = cursor.take_number(4, 4);
    if (!hhmm) return std::nullopt;
    const int hours = *hhmm / 100;
    const int minutes = *hhmm % 100;
    if (hours > 23 || minutes > 59) return std::nullopt;
    return (east ? 1 : -1) * (hours * 60 + minutes);
  }
  if (const auto word = cursor.take_word()) {
    for (const NamedZone& zone : kNamedZones)
      if (iequals(*word, zone.name)) return zone.offset_minutes;
    return 0;  // military letters and unknown names: -0000, see top of file
  }
  return 0;  // something else follows the time: treated like a missing zone
}

constexpr bool is_leap_year(std::int64_t year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(std::int64_t year, int month) noexcept {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Days from 1970-01-01 to year-month-day (proleptic Gregorian, year >= 1).
constexpr std::int64_t days_since_epoch(std::int64_t year, int month, int day) noexcept {
  // Leap years in [1, y): every 4th, minus every 100th, plus every 400th.
  constexpr auto leap_years_before = [](std::int64_t y) { return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400; };
  std::int64_t days = 365 * (year - 1970) + leap_years_before(year) - leap_years_before(1970);
  for (int m = 1; m < month; ++m) days += days_in_month(year, m);
  return days + (day - 1);
}

static_assert(days_since_epoch(1970, 1, 1) == 0);
static_assert(days_since_epoch(2000, 3, 1) == 11017);
static_assert(days_since_epoch(1969, 12, 31) == -1);

std::optional<std::int64_t> read_year(TokenCursor& cursor) {
  const Token* token = cursor.peek();
  if (!token || token->kind != TokenKind::Number) return std::nullopt;
  const std::size_t digits = token->text.size();
  const auto value = cursor.take_number(2, 4);
  if (!value) return std::nullopt;
  if (digits == 2) return *value < 50 ? 2000 + *value : 1900 + *value;
  if (digits == 3) return 1900 + *value;
  if (*value < 1900) return std::nullopt;
  return *value;
}

}  // namespace

std::optional<UnixSeconds> parse_date(std::string_view text) {
  // Real Date headers are short; this bounds the work on garbage.
  if (text.size() > 1024) return std::nullopt;
  TokenCursor cursor(tokenize(text));

  if (const Token* token = cursor.peek(); token && token->kind == TokenKind::Word) {
    if (find_name(*cursor.take_word(), kDayNames) < 0) return std::nullopt;
    cursor.take_symbol(',');
  }
  const auto day = cursor.take_number(1, 2);
  const auto month_name = cursor.take_word();
  if (!day || !month_name) return std::nullopt;
  const int month = find_name(*month_name, kMonthNames) + 1;
  const auto year = read_year(cursor);
  if (month < 1 || !year) return std::nullopt;
  if (*day < 1 || *day > days_in_month(*year, month)) return std::nullopt;

  const auto hour = cursor.take_number(1, 2);
  if (!hour || !cursor.take_symbol(':')) return std::nullopt;
  const auto minute = cursor.take_number(1, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (cursor.take_symbol(':')) {
    const auto seconds = cursor.take_number(1, 2);
    if (!seconds) return std::nullopt;
    second = *seconds;
  }
  int hour24 = *hour;
  if (const Token* token = cursor.peek(); token && token->kind == TokenKind::Word) {
    const bool am = iequals(token->text, "am");
    const bool pm = iequals(token->text, "pm");
    if (am || pm) {
      cursor.take_word();
      if (*hour == 12) hour24 = am ? 0 : 12;
      else if (pm && *hour < 12) hour24 = *hour + 12;
    }
  }
  if (hour24 > 23 || *minute > 59 || second > 60) return std::nullopt;
  if (second == 60) second = 59;

  const auto zone_minutes = read_zone(cursor);
  if (!zone_minutes) return std::nullopt;

  const std::int64_t local_seconds =
      days_since_epoch(*year, month, *day) * 86400 + hour24 * 3600 + *minute * 60 + second;
  return local_seconds - static_cast<std::int64_t>(*zone_minutes) * 60;
}

}  // namespace kith::mail

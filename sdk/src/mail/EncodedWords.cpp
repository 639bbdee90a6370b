// RFC 2047 encoded words: =?charset?B|Q?text?=
//
// Leniencies (needed for real mail; mainstream readers do the same):
//  - encoded words are recognised anywhere, also glued to other text or
//    inside quoted strings (the RFC allows neither);
//  - adjacent words in the same charset are converted together, so a
//    multi-byte character split across two words still decodes;
//  - an RFC 2231 language suffix ("UTF-8*en") is ignored.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Charset.h"
#include "MimeticAdapter.h"
#include "Text.h"
#include "kith/mail/HeaderParser.h"

namespace kith::mail {
namespace {

using detail::ascii_lower;
using detail::is_ascii_alpha;
using detail::is_ascii_digit;
using detail::is_ascii_space;

struct Segment {
  bool encoded = false;
  std::string_view raw;          // the text as written
  std::string charset;           // lower case, language suffix removed
  std::optional<std::string> bytes;  // transfer-decoded; nullopt if undecodable
  std::optional<std::string> utf8;   // final text; nullopt keeps `raw`
};

constexpr bool is_base64_char(char c) noexcept {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '/' || c == '=';
}

std::optional<std::string> decode_b(std::string_view text) {
  for (char c : text)
    if (!is_base64_char(c)) return std::nullopt;
  return detail::decode_base64(text);
}

std::string decode_q(std::string_view text) {
  // Q is quoted-printable with '_' for space. mimetic's QP decoder knows
  // nothing of '_' and turns a trailing blank into '=', so '_' goes in as
  // "=20" rather than as a blank.
  std::string qp;
  qp.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '_') {
      qp += "=20";
    } else {
      qp += c;
    }
  }
  return detail::decode_quoted_printable(qp);
}

// An encoded word starting at text[start] ("=?"), or nullopt.
std::optional<Segment> read_encoded_word(std::string_view text, std::size_t start) {
  const std::size_t charset_begin = start + 2;
  const std::size_t charset_end = text.find('?', charset_begin);
  if (charset_end == std::string_view::npos || charset_end == charset_begin) return std::nullopt;
  if (charset_end + 2 >= text.size() || text[charset_end + 2] != '?') return std::nullopt;
  const char encoding = ascii_lower(text[charset_end + 1]);
  if (encoding != 'b' && encoding != 'q') return std::nullopt;
  std::string_view charset = text.substr(charset_begin, charset_end - charset_begin);
  for (char c : charset)
    if (is_ascii_space(c) || detail::is_ascii_control(c)) return std::nullopt;
  // The payload ends at the first '?', which must start "?=". Stopping at
  // '?' or a blank (never at a far-away "?=") keeps scanning linear on
  // text full of "=?".
  const std::size_t payload_begin = charset_end + 3;
  std::size_t payload_end = payload_begin;
  while (payload_end < text.size() && text[payload_end] != '?' && !is_ascii_space(text[payload_end])) ++payload_end;
  if (payload_end + 1 >= text.size() || text[payload_end] != '?' || text[payload_end + 1] != '=') return std::nullopt;
  const std::string_view payload = text.substr(payload_begin, payload_end - payload_begin);

  Segment word;
  word.encoded = true;
  word.raw = text.substr(start, payload_end + 2 - start);
  charset = charset.substr(0, charset.find('*'));
  word.charset = ascii_lower(charset);
  word.bytes = encoding == 'b' ? decode_b(payload) : std::optional<std::string>(decode_q(payload));
  return word;
}

Segment literal(std::string_view raw) {
  Segment segment;
  segment.raw = raw;
  return segment;
}

bool is_blank(std::string_view text) {
  for (char c : text)
    if (!is_ascii_space(c)) return false;
  return true;
}

std::vector<Segment> split_segments(std::string_view text) {
  std::vector<Segment> segments;
  std::size_t literal_begin = 0;
  std::size_t scan = 0;
  while ((scan = text.find("=?", scan)) != std::string_view::npos) {
    auto word = read_encoded_word(text, scan);
    if (!word) {
      ++scan;
      continue;
    }
    if (scan > literal_begin) {
      segments.push_back(literal(text.substr(literal_begin, scan - literal_begin)));
    }
    scan += word->raw.size();
    literal_begin = scan;
    segments.push_back(std::move(*word));
  }
  if (literal_begin < text.size()) segments.push_back(literal(text.substr(literal_begin)));
  return segments;
}

// The index of the next encoded word after `index` if only whitespace lies
// between them, else segments.size().
std::size_t next_adjacent_word(const std::vector<Segment>& segments, std::size_t index) {
  std::size_t next = index + 1;
  if (next < segments.size() && !segments[next].encoded && is_blank(segments[next].raw)) ++next;
  if (next < segments.size() && segments[next].encoded) return next;
  return segments.size();
}

void convert_words(std::vector<Segment>& segments) {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    Segment& first = segments[i];
    if (!first.encoded || !first.bytes) continue;
    // Gather the run of adjacent decodable words in the same charset.
    std::vector<std::size_t> run{i};
    std::string bytes = *first.bytes;
    for (std::size_t next = next_adjacent_word(segments, i); next < segments.size();
         next = next_adjacent_word(segments, next)) {
      const Segment& word = segments[next];
      if (!word.bytes || word.charset != first.charset) break;
      run.push_back(next);
      bytes += *word.bytes;
    }
    if (auto converted = detail::convert_to_utf8(bytes, first.charset)) {
      first.utf8 = std::move(*converted);
      for (std::size_t k = 1; k < run.size(); ++k) segments[run[k]].utf8 = std::string();
    } else {
      // The run as a whole is invalid: convert word by word, keeping the
      // ones that still fail as written.
      for (std::size_t index : run)
        segments[index].utf8 = detail::convert_to_utf8(*segments[index].bytes, first.charset);
    }
    // Each word is converted at most twice (in its run, then alone), so
    // text made of many bad words stays linear.
    i = run.back();
  }
}

bool is_decoded_word(const std::vector<Segment>& segments, std::size_t index) {
  return index < segments.size() && segments[index].encoded && segments[index].utf8.has_value();
}

}  // namespace

std::string decode_encoded_words(std::string_view text) {
  std::vector<Segment> segments = split_segments(text);
  convert_words(segments);
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    if (segment.encoded) {
      decoded += segment.utf8 ? std::string_view(*segment.utf8) : segment.raw;
      continue;
    }
    // RFC 2047 6.2: whitespace between two encoded words is not displayed.
    if (i > 0 && is_decoded_word(segments, i - 1) && is_decoded_word(segments, i + 1) && is_blank(segment.raw))
      continue;
    decoded += segment.raw;
  }
  return decoded;
}

}  // namespace kith::mail

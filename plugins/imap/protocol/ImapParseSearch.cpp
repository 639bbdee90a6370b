// Search results and expunged UIDs: SEARCH, ESEARCH and VANISHED.
#include "protocol/ImapAscii.h"
#include "protocol/ImapParseParts.h"

namespace kith::imap::detail {
namespace {

bool is_sequence_set_char(char c) noexcept { return ascii::is_digit(c) || c == ':' || c == ',' || c == '*'; }

// "(MODSEQ n)" at the end of a SEARCH answer (RFC 7162).
bool parse_search_modseq(Cursor& cur, std::optional<std::uint64_t>& out) {
  std::uint64_t value = 0;
  if (!cur.expect('(', "expected '('")) return false;
  cur.optional_spaces();
  if (!cur.try_keyword("MODSEQ")) return cur.fail("expected MODSEQ");
  if (!cur.spaces() || !cur.number64(value)) return false;
  cur.optional_spaces();
  if (!cur.expect(')', "expected ')'")) return false;
  out = value;
  return true;
}

}  // namespace

bool parse_uid_set(Cursor& cur, UidSet& out) {
  if (!cur.ok()) return false;
  const std::string_view text = cur.take_while(is_sequence_set_char);
  Expected<UidSet> parsed = UidSet::parse(text);
  if (!parsed) return cur.fail("malformed UID set");
  out = std::move(*parsed);
  return true;
}

bool parse_search(Cursor& cur, SearchResponse& out) {
  while (true) {
    cur.optional_spaces();
    if (cur.at_end()) return cur.ok();
    if (cur.peek() == '(') {
      if (!parse_search_modseq(cur, out.modseq)) return false;
      return expect_end(cur);
    }
    std::uint32_t number = 0;
    if (!cur.number32(number)) return false;
    out.numbers.push_back(number);
    if (!cur.at_end() && cur.peek() != ' ') return cur.fail("expected a space between numbers");
  }
}

bool parse_esearch(Cursor& cur, EsearchResponse& out) {
  cur.optional_spaces();
  if (cur.peek() == '(') {
    // search-correlator: (TAG "K3")
    cur.try_consume('(');
    cur.optional_spaces();
    if (!cur.try_keyword("TAG")) return cur.fail("expected TAG");
    if (!cur.spaces() || !cur.string(out.tag)) return false;
    cur.optional_spaces();
    if (!cur.expect(')', "expected ')'")) return false;
  }
  while (true) {
    cur.optional_spaces();
    if (cur.at_end()) return cur.ok();
    const std::string_view name = cur.atom();
    if (!cur.ok()) return false;
    if (ascii::iequals(name, "UID")) {
      out.uid = true;
      continue;
    }
    if (!cur.spaces()) return false;
    bool read = false;
    if (ascii::iequals(name, "MIN")) {
      read = cur.number32(out.min);
    } else if (ascii::iequals(name, "MAX")) {
      read = cur.number32(out.max);
    } else if (ascii::iequals(name, "COUNT")) {
      read = cur.number32(out.count);
    } else if (ascii::iequals(name, "ALL")) {
      out.all.emplace();
      read = parse_uid_set(cur, *out.all);
    } else if (ascii::iequals(name, "MODSEQ")) {
      std::uint64_t value = 0;
      read = cur.number64(value);
      if (read) out.modseq = value;
    } else {
      read = cur.skip_value();  // extension return data (PARTIAL, RELEVANCY, ...)
    }
    if (!read) return false;
  }
}

bool parse_vanished(Cursor& cur, VanishedResponse& out) {
  if (!cur.spaces()) return false;
  if (cur.try_consume('(')) {
    cur.optional_spaces();
    if (!cur.try_keyword("EARLIER")) return cur.fail("expected EARLIER");
    cur.optional_spaces();
    if (!cur.expect(')', "expected ')'") || !cur.spaces()) return false;
    out.earlier = true;
  }
  return parse_uid_set(cur, out.uids) && expect_end(cur);
}

}  // namespace kith::imap::detail

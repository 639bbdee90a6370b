// FETCH responses: the hot path of a sync (one per message), so items are
// matched without allocating and only the values we keep are copied.
#include <string>
#include <string_view>

#include "protocol/ImapAscii.h"
#include "protocol/ImapDate.h"
#include "protocol/ImapParseParts.h"

namespace kith::imap::detail {
namespace {

// An item name stops where a section "[" or a partial "<" begins.
bool is_item_name_char(char c) noexcept { return c != '[' && c != '<' && ascii::is_atom_char(c); }

// The section between "[" and "]", cursor on the "[". Header-list entries
// may be quoted strings, and a quoted "]" must not end the section.
bool read_section(Cursor& cur, std::string_view& out) {
  const std::string_view rest = cur.remaining();
  std::size_t i = 1;
  bool in_quotes = false;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '\r' || c == '\n') break;
    if (in_quotes) {
      if (c == '\\' && i + 1 < rest.size() && rest[i + 1] != '\r' && rest[i + 1] != '\n') {
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ']') {
      out = rest.substr(1, i - 1);
      cur.advance(i + 1);
      return true;
    }
  }
  return cur.fail("unterminated section in FETCH");
}

// "<" number ">" after a section, if present.
bool read_origin(Cursor& cur, std::optional<std::uint32_t>& out) {
  if (!cur.try_consume('<')) return cur.ok();
  std::uint32_t origin = 0;
  if (!cur.number32(origin) || !cur.expect('>', "expected '>'")) return false;
  out = origin;
  return true;
}

bool read_body(Cursor& cur, FetchResponse& out) {
  std::string_view section;
  if (!read_section(cur, section)) return false;
  FetchBody& body = out.bodies.emplace_back();
  body.section.assign(section);
  return read_origin(cur, body.origin) && cur.spaces() && cur.nstring(body.data);
}

bool read_modseq(Cursor& cur, FetchResponse& out) {
  std::uint64_t value = 0;
  if (!cur.expect('(', "expected '(' after MODSEQ")) return false;
  cur.optional_spaces();
  if (!cur.number64(value)) return false;
  cur.optional_spaces();
  if (!cur.expect(')', "expected ')' after the mod-sequence")) return false;
  out.modseq = value;
  return true;
}

bool read_internal_date(Cursor& cur, FetchResponse& out) {
  std::optional<std::string> text;
  if (!cur.nstring(text)) return false;
  out.internal_date = text ? parse_internal_date(*text) : std::nullopt;
  return true;
}

// An item we do not keep: its name may carry a section and a partial
// ("BINARY[1]<0>"), its value may be anything, nested lists and literals
// included (BODYSTRUCTURE, ENVELOPE).
bool skip_item(Cursor& cur) {
  std::string_view ignored;
  if (cur.peek() == '[' && !read_section(cur, ignored)) return false;
  std::optional<std::uint32_t> origin;
  return read_origin(cur, origin) && cur.spaces() && cur.skip_value();
}

bool read_item(Cursor& cur, std::string_view name, FetchResponse& out) {
  // BODY without a section is BODYSTRUCTURE's older form: skipped. Some
  // servers echo the PEEK they were asked for; it means the same.
  const bool body = ascii::iequals(name, "BODY") || ascii::iequals(name, "BODY.PEEK");
  if (body && cur.peek() == '[') return read_body(cur, out);
  if (cur.peek() == '[' || cur.peek() == '<') return skip_item(cur);
  if (!cur.spaces()) return false;
  if (ascii::iequals(name, "UID")) {
    std::uint32_t uid = 0;
    if (!cur.number32(uid)) return false;
    if (uid == 0) return cur.fail("UID 0 is not a valid UID");
    out.uid = uid;
    return true;
  }
  if (ascii::iequals(name, "MODSEQ")) return read_modseq(cur, out);
  if (ascii::iequals(name, "FLAGS")) return cur.flag_list(out.flags.emplace());
  if (ascii::iequals(name, "INTERNALDATE")) return read_internal_date(cur, out);
  if (ascii::iequals(name, "RFC822.SIZE")) {
    std::uint64_t size = 0;
    if (!cur.number64(size)) return false;
    out.rfc822_size = size;
    return true;
  }
  return cur.skip_value();
}

// After an item name whose value could not be read: skips its section,
// partial and value, whatever they hold.
bool skip_item_value(Cursor& cur) {
  if (cur.peek() == '[' || cur.peek() == '<') return skip_item(cur);
  return cur.spaces() && cur.skip_value();
}

// What a group or an item read on the side adds to the response. A later
// value of an item replaces an earlier one, as for items repeated outside
// groups.
void merge_into(FetchResponse& out, FetchResponse&& more) {
  if (more.uid) out.uid = more.uid;
  if (more.modseq) out.modseq = more.modseq;
  if (more.flags) out.flags = std::move(more.flags);
  if (more.internal_date) out.internal_date = more.internal_date;
  if (more.rfc822_size) out.rfc822_size = more.rfc822_size;
  for (FetchBody& body : more.bodies) out.bodies.push_back(std::move(body));
}

// Items other than the ones read above are skipped, and so is an optional
// item we cannot read (FLAGS, INTERNALDATE, MODSEQ, RFC822.SIZE): a value of
// an unexpected shape costs that item, not the whole response (and with it,
// when a server always sends it so, every message of the account). UID and
// the header body stay strict: without them the message cannot be synced,
// and a response that fails is reported rather than silently dropped.
bool read_or_skip_item(Cursor& cur, std::string_view name, FetchResponse& out) {
  const bool required = ascii::iequals(name, "UID") || ascii::iequals(name, "BODY") || ascii::iequals(name, "BODY.PEEK");
  if (required) return read_item(cur, name, out);
  Cursor attempt = cur;
  FetchResponse read;
  if (read_item(attempt, name, read)) {
    merge_into(out, std::move(read));
    cur = attempt;
    return true;
  }
  return skip_item_value(cur);
}

// "name value" pairs up to the closing ')'. A pair wrapped in parentheses
// of its own, as Domino sends one ("(INTERNALDATE "...")"), is read as the
// items it holds, nested at most kMaxGroupDepth deep; a group that holds
// anything else is skipped as one value.
constexpr int kMaxGroupDepth = 4;

bool read_items(Cursor& cur, FetchResponse& out, int depth) {
  cur.optional_spaces();
  while (!cur.try_consume(')')) {
    if (!cur.ok()) return false;
    if (cur.peek() == '(') {
      Cursor attempt = cur;
      attempt.advance(1);
      FetchResponse group;
      if (depth < kMaxGroupDepth && read_items(attempt, group, depth + 1)) {
        merge_into(out, std::move(group));
        cur = attempt;
      } else if (!cur.skip_value()) {
        return false;
      }
    } else {
      const std::string_view name = cur.take_while(is_item_name_char);
      if (name.empty()) return cur.fail(cur.at_end() ? "unterminated FETCH" : "expected a FETCH item name");
      if (!read_or_skip_item(cur, name, out)) return false;
    }
    if (cur.peek() == ' ') {
      cur.optional_spaces();
    } else if (cur.peek() != ')') {
      return cur.fail(cur.at_end() ? "unterminated FETCH" : "expected a space or ')' after a FETCH item");
    }
  }
  return true;
}

}  // namespace

bool parse_fetch(Cursor& cur, FetchResponse& out) {
  if (!cur.spaces() || !cur.expect('(', "expected '(' after FETCH")) return false;
  return read_items(cur, out, 0) && expect_end(cur);
}

}  // namespace kith::imap::detail

// Mailbox data: LIST, STATUS and FLAGS.
#include <string>

#include "protocol/ImapAscii.h"
#include "protocol/ImapParseParts.h"

namespace kith::imap::detail {

bool parse_list(Cursor& cur, ListResponse& out) {
  if (!cur.spaces() || !cur.flag_list(out.attributes) || !cur.spaces()) return false;
  if (cur.try_keyword("NIL")) {
    out.delimiter.reset();
  } else {
    std::string delimiter;
    if (!cur.string(delimiter)) return false;
    if (delimiter.size() != 1) return cur.fail("hierarchy delimiter is not one character");
    out.delimiter = delimiter.front();
  }
  if (!cur.spaces() || !cur.astring(out.mailbox)) return false;
  // Whatever follows is RFC 5258 extended data (CHILDINFO, OLDNAME), which
  // we do not use; it is not validated, so a server's oddity there cannot
  // cost us the mailbox.
  return true;
}

bool parse_mailbox_status(Cursor& cur, MailboxStatusResponse& out) {
  if (!cur.spaces() || !cur.astring(out.mailbox)) return false;
  // Some servers omit the space before the list; accept both.
  cur.optional_spaces();
  if (!cur.expect('(', "expected '(' after the mailbox name")) return false;
  cur.optional_spaces();
  while (!cur.try_consume(')')) {
    const std::string_view name = cur.atom();
    if (!cur.spaces()) return false;
    bool read = false;
    if (ascii::iequals(name, "MESSAGES")) {
      read = cur.number32(out.messages);
    } else if (ascii::iequals(name, "RECENT")) {
      read = cur.number32(out.recent);
    } else if (ascii::iequals(name, "UIDNEXT")) {
      read = cur.number32(out.uid_next);
    } else if (ascii::iequals(name, "UIDVALIDITY")) {
      read = cur.number32(out.uid_validity);
    } else if (ascii::iequals(name, "UNSEEN")) {
      read = cur.number32(out.unseen);
    } else if (ascii::iequals(name, "HIGHESTMODSEQ")) {
      read = cur.number64(out.highest_modseq);
    } else {
      read = cur.skip_value();  // SIZE, DELETED, APPENDLIMIT, ...
    }
    if (!read) return false;
    if (cur.peek() != ')' && !cur.spaces()) return false;
  }
  return expect_end(cur);
}

bool parse_flags(Cursor& cur, FlagsResponse& out) {
  return cur.spaces() && cur.flag_list(out.flags) && expect_end(cur);
}

}  // namespace kith::imap::detail

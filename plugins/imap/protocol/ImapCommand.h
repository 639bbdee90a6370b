// Formats the commands the imap provider sends.
//
// A CommandBuilder takes tags from a TagGenerator and returns Commands
// ready to write to the connection. Builders validate their inputs first
// and take a tag only when the command is built, so a rejected input
// leaves no gap in the tag sequence. Strings (mailbox names, credentials)
// are quoted, or sent as literals when quoting cannot carry them; mailbox
// names are sent as given (encoding them to modified UTF-7 is the
// caller's business).
//
// Line length: servers limit command lines (RFC 7162 recommends clients
// stay under 8192 octets). The commands whose length grows with data are
// kept within CommandOptions::max_line_bytes, counted from the tag to the
// final CRLF: UID FETCH is split into several commands over pieces of the
// UID set, EXAMINE drops the optional QRESYNC known-UIDs list, AUTHENTICATE
// moves a long initial response to a continuation line. Other commands
// (with a mailbox name or credentials) are never split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/ImapDate.h"
#include "protocol/ImapError.h"
#include "protocol/ImapTag.h"
#include "protocol/ImapUidSet.h"

namespace kith::imap {

// One command as bytes to send.
struct Command {
  std::string tag;  // the tag its completion will carry ("K7")
  // Send parts[0]; then, for each further part, wait for a continuation
  // request ("+ ...") before sending it. If the tagged completion arrives
  // instead (NO/BAD), the command was refused: send nothing more of it.
  // Every part but the last ends with a synchronizing literal marker
  // "{n}\r\n" or, during AUTHENTICATE, is a SASL step; the last ends with
  // "\r\n". Most commands have exactly one part.
  std::vector<std::string> parts;
  // Holds credentials (LOGIN, AUTHENTICATE): never log text().
  bool sensitive = false;

  // All parts concatenated, for logs and tests.
  std::string text() const;
};

struct CommandOptions {
  // Longest command line we produce for the data-dependent commands, CRLF
  // included. When even one UID range cannot fit, uid_fetch() fails rather
  // than exceed it (sizing assumes the longest possible tag).
  std::size_t max_line_bytes = 8192;
  // Literals up to this size are sent non-synchronizing ("{n+}", no round
  // trip). 0 when the server has neither extension; 4096 with LITERAL-
  // (RFC 7888); kUnlimited with LITERAL+.
  std::size_t max_nonsync_literal = 0;
  // UTF8=ACCEPT (RFC 6855) is enabled: UTF-8 may go in quoted strings.
  bool utf8_accept = false;

  static constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();
};

// The option structs below give every member a default, so designated
// initializers may name only what they set: {.uid_next = true}.

// STATUS data items to ask for.
struct StatusItems {
  bool messages = false;
  bool recent = false;
  bool uid_next = false;
  bool uid_validity = false;
  bool unseen = false;
  bool highest_modseq = false;  // needs CONDSTORE
};

// Parameters for EXAMINE.
struct QresyncParams {
  std::uint32_t uid_validity = 0;  // last known UIDVALIDITY, non-zero
  std::uint64_t modseq = 0;        // last known HIGHESTMODSEQ, non-zero
  // UIDs we hold for this mailbox; limits the VANISHED (EARLIER) answer to
  // them. Optional: left out when empty or when it would make the line too
  // long (the server then reports every UID expunged since `modseq`, a
  // superset, which is still correct).
  UidSet known_uids{};
};

struct ExamineParams {
  bool condstore = false;                // (CONDSTORE): get HIGHESTMODSEQ and MODSEQ
  std::optional<QresyncParams> qresync{};  // (QRESYNC (...)); implies CONDSTORE; needs ENABLE QRESYNC
};

// What UID FETCH asks for. UID is always included.
struct FetchItems {
  bool internal_date = true;
  bool flags = false;
  bool modseq = false;       // needs CONDSTORE
  bool rfc822_size = false;
  // BODY.PEEK[HEADER.FIELDS (...)] with these field names; no body item
  // when empty. PEEK: fetching must not mark mail as read.
  std::vector<std::string> header_fields{};
  // (CHANGEDSINCE n): only messages whose mod-sequence is above n. Non-zero.
  std::optional<std::uint64_t> changed_since{};
  // Adds VANISHED to CHANGEDSINCE (needs QRESYNC enabled): UIDs of the set
  // that were expunged come back as one VANISHED (EARLIER) response.
  bool vanished = false;
};

// UID SEARCH criteria; all given ones must match (AND). None: ALL.
struct SearchCriteria {
  // UID <n>:* -- note that "*" is the highest UID in the mailbox, so the
  // last message matches even when its UID is below n (RFC 3501 6.4.8).
  std::optional<Uid> uid_from{};
  std::optional<UnixTime> since{};      // SINCE: internal date on or after that UTC day
  std::optional<std::uint64_t> modseq{};  // MODSEQ n: changed at or after n (CONDSTORE)
  // RETURN (ALL) (ESEARCH, RFC 4731): one "* ESEARCH ... ALL 1:9,12" with
  // ranges instead of a SEARCH line listing every UID.
  bool esearch = false;
};

class CommandBuilder {
 public:
  // `tags` must outlive the builder; every command built takes the next tag.
  explicit CommandBuilder(TagGenerator& tags, CommandOptions options = {});

  const CommandOptions& options() const noexcept { return options_; }
  // Capabilities are known only after connecting; update options then.
  void set_options(CommandOptions options) { options_ = options; }

  Command capability();
  Command noop();
  Command logout();
  // IDLE; end it with done() once the server has sent its "+ idling".
  Command idle();
  // "DONE\r\n": ends IDLE. Untagged; IDLE's own completion follows.
  static std::string done();

  // LOGIN user password. Sensitive. Errors when either holds NUL.
  Expected<Command> login(std::string_view user, std::string_view password);
  // AUTHENTICATE <mechanism> with the initial client response
  // (`initial_response`, raw bytes, base64-encoded here; e.g. for PLAIN
  // "\0user\0password", for XOAUTH2 "user=...\1auth=Bearer ...\1\1").
  // With `sasl_ir` (the server has SASL-IR) the response goes on the
  // command line, unless that line would exceed max_line_bytes; otherwise
  // it is a second part, sent after the server's "+". Sensitive.
  Expected<Command> authenticate(std::string_view mechanism, std::string_view initial_response, bool sasl_ir);
  // ENABLE QRESYNC ... (RFC 5161). Errors when empty or a name is not an atom.
  Expected<Command> enable(const std::vector<std::string_view>& capabilities);

  // LIST "" "*", with RETURN (SPECIAL-USE) (RFC 6154) to learn \Sent,
  // \Drafts, ... in the same round trip when the server supports it.
  Command list(bool special_use);
  // XLIST "" "*": the folder roles of servers that predate RFC 6154 and
  // announce XLIST but not SPECIAL-USE (Zoho, older Gmail). Answered with
  // "* XLIST" responses in LIST's grammar.
  Command xlist();
  // STATUS <mailbox> (<items>). Errors when no item is selected.
  Expected<Command> status(std::string_view mailbox, const StatusItems& items);
  // EXAMINE <mailbox> [(CONDSTORE) | (QRESYNC (uidvalidity modseq [known-uids]))].
  // Read-only, so syncing never changes \Recent or \Seen.
  Expected<Command> examine(std::string_view mailbox, const ExamineParams& params = {});

  // UID FETCH <set> (UID ...) [(CHANGEDSINCE n [VANISHED])], as many
  // commands as needed to keep each line within max_line_bytes, in
  // ascending UID order. Errors on an empty set, a header field name that
  // is not printable ASCII without ':', VANISHED without CHANGEDSINCE,
  // CHANGEDSINCE 0, or max_line_bytes too small for one range.
  Expected<std::vector<Command>> uid_fetch(const UidSet& uids, const FetchItems& items);

  // UID SEARCH [RETURN (ALL)] <criteria>. Errors on UID 0, MODSEQ 0, or a
  // SINCE date outside the years 1..9999.
  Expected<Command> uid_search(const SearchCriteria& criteria);

 private:
  Command simple(std::string_view verb);

  TagGenerator& tags_;
  CommandOptions options_;
};

}  // namespace kith::imap

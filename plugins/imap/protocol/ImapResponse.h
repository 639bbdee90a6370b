// Typed server responses, as produced by parse_response() (ImapParser.h).
//
// Every value owns its data (std::string, std::vector): a Response stays
// valid after the unit it came from is gone, so the session may keep it
// across Framer::feed() calls. Strings are the bytes the server sent, after
// removing IMAP quoting; nothing is decoded further (mailbox names stay
// modified UTF-7, header blocks stay raw RFC 5322 text). Keywords such as
// response-code names are compared case-insensitively; helper lookups
// (has(), has_attribute(), find_body()) do so for you.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/ImapDate.h"
#include "protocol/ImapUidSet.h"

namespace kith::imap {

// The condition of a status response. Tagged responses are only Ok, No or
// Bad; Bye and Preauth are untagged.
enum class Condition { Ok, No, Bad, Bye, Preauth };
const char* to_string(Condition condition) noexcept;

// Response codes we act on; everything else is Other, with its name and
// raw arguments kept so the session can still log or inspect it.
enum class CodeKind {
  Alert,                 // text must be shown to the user
  AuthenticationFailed,  // RFC 5530: wrong credentials (vs. a transient NO)
  Capability,            // list = capabilities, sent with the greeting or LOGIN
  Closed,                // RFC 7162: previous mailbox closed (marks the switch during SELECT)
  HighestModseq,         // number = highest mod-sequence of the mailbox
  NoModseq,              // mailbox does not support mod-sequences
  PermanentFlags,        // list = flags, "\*" included as sent
  ReadOnly,
  ReadWrite,
  TryCreate,
  UidNext,               // number
  UidValidity,           // number
  Unseen,                // number: first unseen message sequence number
  Other,
};

struct ResponseCode {
  CodeKind kind = CodeKind::Other;
  // Upper-cased code name ("UIDVALIDITY", "OVERQUOTA"), for every kind.
  std::string name;
  // Raw text between the name and the closing ']' ("" when none). A known
  // code whose arguments do not parse is reported as Other with these kept,
  // rather than losing the whole status response over it.
  std::string arguments;
  std::uint64_t number = 0;        // UidNext, UidValidity, Unseen, HighestModseq
  std::vector<std::string> list;   // Capability, PermanentFlags

  // Case-insensitive membership test on `list`.
  bool has(std::string_view item) const noexcept;
};

// "K12 OK [code] text", "* NO text", "* BYE ...", "* PREAUTH ...".
struct StatusResponse {
  std::string tag;  // empty when untagged
  Condition condition = Condition::Ok;
  std::optional<ResponseCode> code;
  std::string text;  // human-readable text after the code; may be empty

  bool tagged() const noexcept { return !tag.empty(); }
};

// "+ text": the server waits for the rest of a command (a literal, the
// next SASL step, or the end of IDLE). `text` is whatever followed the "+"
// (a SASL challenge in base64 during AUTHENTICATE), possibly empty.
struct ContinuationRequest {
  std::string text;
};

// "* CAPABILITY IMAP4rev1 IDLE QRESYNC AUTH=PLAIN".
struct CapabilityResponse {
  std::vector<std::string> capabilities;  // as sent
  bool has(std::string_view capability) const noexcept;  // case-insensitive
};

// "* ENABLED QRESYNC" (RFC 5161): what ENABLE actually turned on.
struct EnabledResponse {
  std::vector<std::string> capabilities;
  bool has(std::string_view capability) const noexcept;
};

// "* LIST (\HasNoChildren \Sent) "/" "Sent Items"". Extended data after the
// mailbox name (RFC 5258 CHILDINFO, OLDNAME) is ignored.
struct ListResponse {
  std::vector<std::string> attributes;  // as sent, backslash included: "\Sent"
  std::optional<char> delimiter;        // nullopt for NIL (a flat namespace)
  std::string mailbox;                  // as sent; "INBOX" may come in any case
  bool has_attribute(std::string_view attribute) const noexcept;  // case-insensitive, e.g. "\\Noselect"
};

// "* STATUS "INBOX" (MESSAGES 3 UIDNEXT 7 ...)". Attributes the server did
// not send stay nullopt; unknown ones are skipped.
struct MailboxStatusResponse {
  std::string mailbox;
  std::optional<std::uint32_t> messages;
  std::optional<std::uint32_t> recent;
  std::optional<std::uint32_t> uid_next;
  std::optional<std::uint32_t> uid_validity;
  std::optional<std::uint32_t> unseen;
  std::optional<std::uint64_t> highest_modseq;  // RFC 7162; 0 for an empty mailbox
};

struct ExistsResponse {
  std::uint32_t count = 0;  // "* 23 EXISTS": messages in the mailbox
};

struct RecentResponse {
  std::uint32_t count = 0;
};

// "* 5 EXPUNGE": a message sequence number (not a UID); later numbers shift down.
struct ExpungeResponse {
  std::uint32_t sequence = 0;
};

// "* FLAGS (\Answered \Seen $Forwarded)": flags defined in the mailbox.
struct FlagsResponse {
  std::vector<std::string> flags;
};

// "* VANISHED (EARLIER) 1:3,5" (RFC 7162): UIDs expunged. `earlier` marks
// answers to UID FETCH ... VANISHED and SELECT/EXAMINE ... QRESYNC, as
// opposed to live expunges.
struct VanishedResponse {
  bool earlier = false;
  UidSet uids;
};

// "* SEARCH 2 5 9 (MODSEQ 917)". Sequence numbers or UIDs, depending on
// whether SEARCH or UID SEARCH was sent; in the order sent.
struct SearchResponse {
  std::vector<std::uint32_t> numbers;
  std::optional<std::uint64_t> modseq;  // RFC 7162, when MODSEQ was searched
};

// "* ESEARCH (TAG "K3") UID ALL 1:10,12 COUNT 11 MIN 1 MAX 12" (RFC 4731).
// Return items the server did not send stay nullopt; unknown ones are skipped.
struct EsearchResponse {
  std::string tag;   // the command it answers; empty when not given
  bool uid = false;  // numbers are UIDs (not sequence numbers)
  std::optional<UidSet> all;
  std::optional<std::uint32_t> min;
  std::optional<std::uint32_t> max;
  std::optional<std::uint32_t> count;
  std::optional<std::uint64_t> modseq;
};

// One BODY[section]<origin> item of a FETCH response.
struct FetchBody {
  // Between the brackets, as the server echoed it (in any case, e.g.
  // "HEADER.FIELDS (MESSAGE-ID DATE FROM)"); "" for BODY[].
  std::string section;
  std::optional<std::uint32_t> origin;  // the <n> of a partial fetch
  std::optional<std::string> data;      // nullopt for NIL
};

// "* 12 FETCH (UID 42 MODSEQ (7) FLAGS (\Seen) INTERNALDATE "..." BODY[...] {n}...)".
// Items may come in any order; an item the server did not send stays empty,
// unknown items (ENVELOPE, BODYSTRUCTURE, ...) are skipped. A FETCH without
// UID is normal: servers push flag changes that way.
struct FetchResponse {
  std::uint32_t sequence = 0;
  std::optional<Uid> uid;
  std::optional<std::uint64_t> modseq;
  // nullopt when not sent, or when the value is not a valid date-time (a
  // quirk of some servers, which should not cost the whole message: callers
  // fall back to the Date header).
  std::optional<UnixTime> internal_date;
  std::optional<std::vector<std::string>> flags;  // nullopt: not sent; empty: no flags
  std::optional<std::uint64_t> rfc822_size;
  std::vector<FetchBody> bodies;

  // The first body whose section starts with the word `section_word`,
  // compared case-insensitively up to the first space: "HEADER.FIELDS"
  // finds "header.fields (DATE)" but not "HEADER.FIELDS.NOT (DATE)"; ""
  // finds BODY[]. nullptr when there is none.
  const FetchBody* find_body(std::string_view section_word) const noexcept;
  bool has_flag(std::string_view flag) const noexcept;  // case-insensitive
};

// A well-formed response we have no type for ("* NAMESPACE ...", "* ID ...",
// "* 3 XFOO", "* LSUB ..."). Never an error: servers may send unsolicited
// responses of extensions we did not ask for.
struct UnknownResponse {
  std::string name;  // upper-cased keyword: "NAMESPACE", "XFOO"
  std::string text;  // the whole unit without its final CRLF
};

using Response = std::variant<StatusResponse, ContinuationRequest, CapabilityResponse, EnabledResponse,
                              ListResponse, MailboxStatusResponse, ExistsResponse, RecentResponse, ExpungeResponse,
                              FlagsResponse, VanishedResponse, SearchResponse, EsearchResponse, FetchResponse,
                              UnknownResponse>;

}  // namespace kith::imap

// Status responses (OK/NO/BAD/BYE/PREAUTH) and their response codes.
#include <string_view>

#include "protocol/ImapAscii.h"
#include "protocol/ImapParseParts.h"

namespace kith::imap::detail {
namespace {

struct CodeName {
  std::string_view name;
  CodeKind kind;
};

constexpr CodeName kCodeNames[] = {
    {"ALERT", CodeKind::Alert},
    {"AUTHENTICATIONFAILED", CodeKind::AuthenticationFailed},
    {"CAPABILITY", CodeKind::Capability},
    {"CLOSED", CodeKind::Closed},
    {"HIGHESTMODSEQ", CodeKind::HighestModseq},
    {"NOMODSEQ", CodeKind::NoModseq},
    {"PERMANENTFLAGS", CodeKind::PermanentFlags},
    {"READ-ONLY", CodeKind::ReadOnly},
    {"READ-WRITE", CodeKind::ReadWrite},
    {"TRYCREATE", CodeKind::TryCreate},
    {"UIDNEXT", CodeKind::UidNext},
    {"UIDVALIDITY", CodeKind::UidValidity},
    {"UNSEEN", CodeKind::Unseen},
};

CodeKind code_kind(std::string_view name) {
  for (const CodeName& entry : kCodeNames) {
    if (ascii::iequals(entry.name, name)) return entry.kind;
  }
  return CodeKind::Other;
}

// Parses the arguments of a known code; false leaves the code as Other.
bool parse_code_arguments(ResponseCode& code) {
  Cursor args(code.arguments);
  switch (code.kind) {
    case CodeKind::UidNext:
    case CodeKind::UidValidity:
    case CodeKind::Unseen: {
      std::uint32_t value = 0;
      if (!args.number32(value)) return false;
      code.number = value;
      return expect_end(args);
    }
    case CodeKind::HighestModseq:
      return args.number64(code.number) && expect_end(args);
    case CodeKind::Capability:
      return parse_atom_list(args, code.list);
    case CodeKind::PermanentFlags:
      return args.flag_list(code.list) && expect_end(args);
    default:
      // Codes without arguments: anything after the name is ignored.
      return true;
  }
}

// "[" name [SP arguments] "]" at the cursor. When it is not a well-formed
// code (no closing bracket on the line, no name), the cursor is left at the
// "[" and the bracket becomes part of the text.
void parse_code(Cursor& cur, std::optional<ResponseCode>& out) {
  const std::string_view rest = cur.remaining();
  std::size_t close = 1;
  while (close < rest.size() && rest[close] != ']' && rest[close] != '\r' && rest[close] != '\n') ++close;
  if (close >= rest.size() || rest[close] != ']') return;

  const std::string_view inside = rest.substr(1, close - 1);
  std::size_t name_end = 0;
  while (name_end < inside.size() && ascii::is_atom_char(inside[name_end])) ++name_end;
  if (name_end == 0) return;
  if (name_end < inside.size() && inside[name_end] != ' ') return;

  ResponseCode code;
  code.name = ascii::upper(inside.substr(0, name_end));
  if (name_end < inside.size()) code.arguments.assign(inside.substr(name_end + 1));
  code.kind = code_kind(code.name);
  if (code.kind != CodeKind::Other && !parse_code_arguments(code)) {
    code.kind = CodeKind::Other;
    code.number = 0;
    code.list.clear();
  }
  out = std::move(code);
  cur.advance(close + 1);
}

}  // namespace

bool parse_status_tail(Cursor& cur, StatusResponse& out) {
  // resp-text is mandatory, but "K1 OK" alone is seen in the wild.
  if (cur.at_end()) return true;
  if (!cur.spaces()) return false;
  if (cur.peek() == '[') {
    parse_code(cur, out.code);
    if (out.code) cur.optional_spaces();
  }
  out.text.assign(cur.take_rest());
  return true;
}

bool parse_atom_list(Cursor& cur, std::vector<std::string>& out) {
  out.clear();
  while (true) {
    cur.optional_spaces();
    if (cur.at_end()) return cur.ok();
    const std::string_view atom = cur.atom();
    if (!cur.ok()) return false;
    out.emplace_back(atom);
  }
}

bool expect_end(Cursor& cur) {
  cur.optional_spaces();
  return cur.at_end() || cur.fail("unexpected data at the end of the response");
}

}  // namespace kith::imap::detail

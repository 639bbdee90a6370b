#include "protocol/ImapCommand.h"

#include <string>
#include <utility>

#include "protocol/ImapBase64.h"
#include "protocol/ImapQuote.h"

namespace kith::imap {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// Accumulates one command, cutting a new part after each synchronizing
// literal marker. Inputs are validated before a Writer is used, so writing
// cannot fail.
class Writer {
 public:
  explicit Writer(const CommandOptions& options) : options_(options) {}

  Writer& raw(std::string_view text) {
    current_ += text;
    return *this;
  }

  Writer& number(std::uint64_t value) {
    current_ += std::to_string(value);
    return *this;
  }

  // Precondition: string_form(value) != Unrepresentable.
  Writer& string(std::string_view value) {
    if (string_form(value, options_.utf8_accept) == StringForm::Quoted) {
      append_quoted(current_, value);
      return *this;
    }
    current_ += '{';
    current_ += std::to_string(value.size());
    if (value.size() <= options_.max_nonsync_literal) {
      current_ += "+}\r\n";
    } else {
      current_ += "}\r\n";
      parts_.push_back(std::move(current_));
      current_.clear();
    }
    current_ += value;
    return *this;
  }

  // Ends the current part (the server must answer "+" before the next).
  Writer& cut() {
    current_ += kCrlf;
    parts_.push_back(std::move(current_));
    current_.clear();
    return *this;
  }

  std::size_t length() const noexcept { return current_.size(); }

  Command finish(std::string tag, bool sensitive = false) {
    current_ += kCrlf;
    parts_.push_back(std::move(current_));
    return Command{std::move(tag), std::move(parts_), sensitive};
  }

 private:
  const CommandOptions& options_;
  std::vector<std::string> parts_;
  std::string current_;
};

bool representable(std::string_view value) {
  return string_form(value, /*utf8_accept=*/true) != StringForm::Unrepresentable;
}

// header-fld-name is an astring; RFC 5322 field names are printable ASCII
// without ':' or space, so quoting is the most they ever need.
bool valid_header_field(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c <= ' ' || c > '~' || c == ':') return false;
  }
  return true;
}

void append_header_field(std::string& out, std::string_view name) {
  if (is_atom(name)) {
    out += name;
  } else {
    append_quoted(out, name);
  }
}

// The fetch attributes and modifiers, which every piece of a split UID FETCH shares.
std::string fetch_tail(const FetchItems& items) {
  std::string tail = " (UID";
  if (items.internal_date) tail += " INTERNALDATE";
  if (items.flags) tail += " FLAGS";
  if (items.modseq) tail += " MODSEQ";
  if (items.rfc822_size) tail += " RFC822.SIZE";
  if (!items.header_fields.empty()) {
    tail += " BODY.PEEK[HEADER.FIELDS (";
    for (std::size_t i = 0; i < items.header_fields.size(); ++i) {
      if (i > 0) tail += ' ';
      append_header_field(tail, items.header_fields[i]);
    }
    tail += ")]";
  }
  tail += ')';
  if (items.changed_since) {
    tail += " (CHANGEDSINCE ";
    tail += std::to_string(*items.changed_since);
    if (items.vanished) tail += " VANISHED";
    tail += ')';
  }
  return tail;
}

}  // namespace

std::string Command::text() const {
  std::string out;
  for (const std::string& part : parts) out += part;
  return out;
}

CommandBuilder::CommandBuilder(TagGenerator& tags, CommandOptions options) : tags_(tags), options_(options) {}

Command CommandBuilder::simple(std::string_view verb) {
  std::string tag = tags_.next();
  return Writer(options_).raw(tag).raw(" ").raw(verb).finish(std::move(tag));
}

Command CommandBuilder::capability() { return simple("CAPABILITY"); }
Command CommandBuilder::noop() { return simple("NOOP"); }
Command CommandBuilder::logout() { return simple("LOGOUT"); }
Command CommandBuilder::idle() { return simple("IDLE"); }
std::string CommandBuilder::done() { return "DONE\r\n"; }

Expected<Command> CommandBuilder::login(std::string_view user, std::string_view password) {
  if (!representable(user) || !representable(password)) return Error{"LOGIN: user name or password contains NUL"};
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" LOGIN ").string(user).raw(" ").string(password);
  return writer.finish(std::move(tag), /*sensitive=*/true);
}

Expected<Command> CommandBuilder::authenticate(std::string_view mechanism, std::string_view initial_response,
                                               bool sasl_ir) {
  if (!is_atom(mechanism)) return Error{"AUTHENTICATE: mechanism name is not an atom"};
  // An empty initial response is "=" on the command line (RFC 4959) and an
  // empty line after "+".
  const std::string encoded = base64_encode(initial_response);
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" AUTHENTICATE ").raw(mechanism);
  const std::string_view inline_response = encoded.empty() ? std::string_view("=") : std::string_view(encoded);
  if (sasl_ir && writer.length() + 1 + inline_response.size() + kCrlf.size() <= options_.max_line_bytes) {
    writer.raw(" ").raw(inline_response);
  } else {
    writer.cut().raw(encoded);
  }
  return writer.finish(std::move(tag), /*sensitive=*/true);
}

Expected<Command> CommandBuilder::enable(const std::vector<std::string_view>& capabilities) {
  if (capabilities.empty()) return Error{"ENABLE: nothing to enable"};
  for (std::string_view name : capabilities) {
    if (!is_atom(name)) return Error{"ENABLE: capability name is not an atom"};
  }
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" ENABLE");
  for (std::string_view name : capabilities) writer.raw(" ").raw(name);
  return writer.finish(std::move(tag));
}

Command CommandBuilder::list(bool special_use) {
  return simple(special_use ? R"(LIST "" "*" RETURN (SPECIAL-USE))" : R"(LIST "" "*")");
}

Command CommandBuilder::xlist() { return simple(R"(XLIST "" "*")"); }

Expected<Command> CommandBuilder::status(std::string_view mailbox, const StatusItems& items) {
  if (!representable(mailbox)) return Error{"STATUS: mailbox name contains NUL"};
  std::string list;
  auto add = [&](bool wanted, std::string_view name) {
    if (!wanted) return;
    if (!list.empty()) list += ' ';
    list += name;
  };
  add(items.messages, "MESSAGES");
  add(items.recent, "RECENT");
  add(items.uid_next, "UIDNEXT");
  add(items.uid_validity, "UIDVALIDITY");
  add(items.unseen, "UNSEEN");
  add(items.highest_modseq, "HIGHESTMODSEQ");
  if (list.empty()) return Error{"STATUS: no status item selected"};
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" STATUS ").string(mailbox).raw(" (").raw(list).raw(")");
  return writer.finish(std::move(tag));
}

Expected<Command> CommandBuilder::examine(std::string_view mailbox, const ExamineParams& params) {
  if (!representable(mailbox)) return Error{"EXAMINE: mailbox name contains NUL"};
  if (params.qresync && (params.qresync->uid_validity == 0 || params.qresync->modseq == 0)) {
    return Error{"EXAMINE: QRESYNC needs a non-zero UIDVALIDITY and mod-sequence"};
  }
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" EXAMINE ").string(mailbox);
  if (params.qresync) {
    const QresyncParams& q = *params.qresync;
    writer.raw(" (QRESYNC (").number(q.uid_validity).raw(" ").number(q.modseq);
    if (!q.known_uids.empty()) {
      const std::string known = q.known_uids.to_string();
      // Measured on the line as written so far: with a literal mailbox
      // name only the text after it counts, as it is a line of its own.
      if (writer.length() + 1 + known.size() + 2 + kCrlf.size() <= options_.max_line_bytes) writer.raw(" ").raw(known);
    }
    writer.raw("))");
  } else if (params.condstore) {
    writer.raw(" (CONDSTORE)");
  }
  return writer.finish(std::move(tag));
}

Expected<std::vector<Command>> CommandBuilder::uid_fetch(const UidSet& uids, const FetchItems& items) {
  if (uids.empty()) return Error{"UID FETCH: empty UID set"};
  for (const std::string& name : items.header_fields) {
    if (!valid_header_field(name)) return Error{"UID FETCH: invalid header field name"};
  }
  if (items.vanished && !items.changed_since) return Error{"UID FETCH: VANISHED needs CHANGEDSINCE"};
  if (items.changed_since && *items.changed_since == 0) return Error{"UID FETCH: CHANGEDSINCE 0 is not allowed"};

  constexpr std::string_view kVerb = " UID FETCH ";
  const std::string tail = fetch_tail(items);
  const std::size_t fixed = tags_.max_tag_length() + kVerb.size() + tail.size() + kCrlf.size();
  if (fixed >= options_.max_line_bytes) return Error{"UID FETCH: max_line_bytes too small"};
  const std::vector<UidSet> pieces = uids.split(options_.max_line_bytes - fixed);
  if (pieces.empty()) return Error{"UID FETCH: max_line_bytes too small"};

  std::vector<Command> commands;
  commands.reserve(pieces.size());
  for (const UidSet& piece : pieces) {
    std::string tag = tags_.next();
    Writer writer(options_);
    writer.raw(tag).raw(kVerb).raw(piece.to_string()).raw(tail);
    commands.push_back(writer.finish(std::move(tag)));
  }
  return commands;
}

Expected<Command> CommandBuilder::uid_search(const SearchCriteria& criteria) {
  if (criteria.uid_from && *criteria.uid_from == 0) return Error{"UID SEARCH: UID 0 is not a UID"};
  if (criteria.modseq && *criteria.modseq == 0) return Error{"UID SEARCH: MODSEQ 0 is not allowed"};
  std::optional<std::string> since;
  if (criteria.since) {
    since = format_search_date(*criteria.since);
    if (!since) return Error{"UID SEARCH: SINCE date out of range"};
  }
  std::string tag = tags_.next();
  Writer writer(options_);
  writer.raw(tag).raw(" UID SEARCH");
  if (criteria.esearch) writer.raw(" RETURN (ALL)");
  bool any = false;
  if (criteria.uid_from) {
    writer.raw(" UID ").number(*criteria.uid_from).raw(":*");
    any = true;
  }
  if (since) {
    writer.raw(" SINCE ").raw(*since);
    any = true;
  }
  if (criteria.modseq) {
    writer.raw(" MODSEQ ").number(*criteria.modseq);
    any = true;
  }
  if (!any) writer.raw(" ALL");
  return writer.finish(std::move(tag));
}

}  // namespace kith::imap

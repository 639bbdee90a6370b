#include "protocol/ImapParser.h"

#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "protocol/ImapAscii.h"
#include "protocol/ImapCursor.h"
#include "protocol/ImapParseParts.h"

namespace kith::imap {
namespace {

using detail::Cursor;

std::optional<Condition> condition_of(std::string_view word) {
  if (ascii::iequals(word, "OK")) return Condition::Ok;
  if (ascii::iequals(word, "NO")) return Condition::No;
  if (ascii::iequals(word, "BAD")) return Condition::Bad;
  if (ascii::iequals(word, "BYE")) return Condition::Bye;
  if (ascii::iequals(word, "PREAUTH")) return Condition::Preauth;
  return std::nullopt;
}

// Wraps a parsed value, or the cursor's error when parsing failed.
template <typename T>
Expected<Response> finish(Cursor& cur, bool parsed, T&& value) {
  if (!parsed || !cur.ok()) return cur.error();
  return Response(std::forward<T>(value));
}

UnknownResponse unknown(std::string_view name, std::string_view line) {
  return UnknownResponse{ascii::upper(name), std::string(line)};
}

// "* <number> <name> ...": EXISTS, RECENT, EXPUNGE, FETCH.
Expected<Response> parse_numbered(Cursor& cur, std::string_view line) {
  std::uint32_t number = 0;
  if (!cur.number32(number) || !cur.spaces()) return cur.error();
  const std::string_view name = cur.atom();
  if (!cur.ok()) return cur.error();
  if (ascii::iequals(name, "FETCH")) {
    FetchResponse fetch;
    fetch.sequence = number;
    const bool parsed = detail::parse_fetch(cur, fetch);
    return finish(cur, parsed, std::move(fetch));
  }
  if (ascii::iequals(name, "EXISTS")) return finish(cur, detail::expect_end(cur), ExistsResponse{number});
  if (ascii::iequals(name, "RECENT")) return finish(cur, detail::expect_end(cur), RecentResponse{number});
  if (ascii::iequals(name, "EXPUNGE")) return finish(cur, detail::expect_end(cur), ExpungeResponse{number});
  return Response(unknown(name, line));
}

Expected<Response> parse_untagged(Cursor& cur, std::string_view line) {
  if (ascii::is_digit(cur.peek())) return parse_numbered(cur, line);
  const std::string_view name = cur.atom();
  if (!cur.ok()) return cur.error();

  if (const std::optional<Condition> condition = condition_of(name)) {
    StatusResponse status;
    status.condition = *condition;
    const bool parsed = detail::parse_status_tail(cur, status);
    return finish(cur, parsed, std::move(status));
  }
  if (ascii::iequals(name, "CAPABILITY")) {
    CapabilityResponse capability;
    const bool parsed = detail::parse_atom_list(cur, capability.capabilities);
    return finish(cur, parsed, std::move(capability));
  }
  if (ascii::iequals(name, "ENABLED")) {
    EnabledResponse enabled;
    const bool parsed = detail::parse_atom_list(cur, enabled.capabilities);
    return finish(cur, parsed, std::move(enabled));
  }
  // XLIST (Gmail's and Zoho's pre-RFC 6154 extension) answers in LIST's
  // grammar, with the folder roles among the attributes.
  if (ascii::iequals(name, "LIST") || ascii::iequals(name, "XLIST")) {
    ListResponse list;
    const bool parsed = detail::parse_list(cur, list);
    return finish(cur, parsed, std::move(list));
  }
  if (ascii::iequals(name, "STATUS")) {
    MailboxStatusResponse status;
    const bool parsed = detail::parse_mailbox_status(cur, status);
    return finish(cur, parsed, std::move(status));
  }
  if (ascii::iequals(name, "FLAGS")) {
    FlagsResponse flags;
    const bool parsed = detail::parse_flags(cur, flags);
    return finish(cur, parsed, std::move(flags));
  }
  if (ascii::iequals(name, "SEARCH")) {
    SearchResponse search;
    const bool parsed = detail::parse_search(cur, search);
    return finish(cur, parsed, std::move(search));
  }
  if (ascii::iequals(name, "ESEARCH")) {
    EsearchResponse esearch;
    const bool parsed = detail::parse_esearch(cur, esearch);
    return finish(cur, parsed, std::move(esearch));
  }
  if (ascii::iequals(name, "VANISHED")) {
    VanishedResponse vanished;
    const bool parsed = detail::parse_vanished(cur, vanished);
    return finish(cur, parsed, std::move(vanished));
  }
  return Response(unknown(name, line));
}

Expected<Response> parse_tagged(Cursor& cur) {
  const std::string_view tag = cur.take_while(ascii::is_tag_char);
  if (tag.empty()) return Error{"expected '*', '+' or a tag", cur.position()};
  if (!cur.spaces()) return cur.error();
  const std::string_view word = cur.atom();
  if (!cur.ok()) return cur.error();
  const std::optional<Condition> condition = condition_of(word);
  if (!condition || *condition == Condition::Bye || *condition == Condition::Preauth) {
    return Error{"tagged response is not OK, NO or BAD", cur.position() - word.size()};
  }
  StatusResponse status;
  status.tag.assign(tag);
  status.condition = *condition;
  const bool parsed = detail::parse_status_tail(cur, status);
  return finish(cur, parsed, std::move(status));
}

Expected<Response> parse(std::string_view unit) {
  const std::string_view line = detail::strip_line_end(unit);
  Cursor cur(line);
  if (cur.at_end()) return Error{"empty response", 0};
  if (cur.try_consume('+')) {
    // "+" alone or "+ text"; a few servers send "+" with no space.
    cur.try_consume(' ');
    return Response(ContinuationRequest{std::string(cur.take_rest())});
  }
  if (cur.try_consume('*')) {
    if (!cur.spaces()) return cur.error();
    return parse_untagged(cur, line);
  }
  return parse_tagged(cur);
}

}  // namespace

Expected<Response> parse_response(std::string_view unit) noexcept {
  try {
    return parse(unit);
  } catch (const std::exception&) {
    // Only allocation can throw here: lose this response, not the process.
    // The message fits the small-string buffer, so building it cannot throw.
    return Error{"out of memory", 0};
  }
}

std::string_view peek_tag(std::string_view unit) noexcept {
  if (unit.empty()) return {};
  if (unit.front() == '*' || unit.front() == '+') return unit.substr(0, 1);
  std::size_t end = 0;
  while (end < unit.size() && ascii::is_tag_char(unit[end])) ++end;
  return unit.substr(0, end);
}

}  // namespace kith::imap

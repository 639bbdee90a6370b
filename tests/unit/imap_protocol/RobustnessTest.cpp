// No input may crash, hang, throw or grow memory without bound: random
// bytes, mutations of valid responses, IMAP-like token soup and hand-picked
// pathological units, through the parser and through the framer. Run this
// under -DKITH_SANITIZE=ON as well: much of the point is what ASan and
// UBSan see (overflow, out-of-bounds reads).
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/ImapFramer.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;
using namespace std::string_view_literals;

const std::vector<std::string> kValidUnits = {
    "* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE LITERAL+ AUTH=PLAIN] ready\r\n",
    "K12 OK [READ-ONLY] EXAMINE completed\r\n",
    "K3 NO [AUTHENTICATIONFAILED] bad password\r\n",
    "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
    "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n",
    "+ idling\r\n",
    "* CAPABILITY IMAP4rev1 QRESYNC CONDSTORE ESEARCH\r\n",
    "* ENABLED QRESYNC\r\n",
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n",
    "* LIST (\\Noselect) NIL \"\"\r\n",
    "* LIST () \"/\" {5}\r\nA\r\nB}\r\n",
    "* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 7 UIDVALIDITY 1 HIGHESTMODSEQ 9)\r\n",
    "* 23 EXISTS\r\n",
    "* 4 EXPUNGE\r\n",
    "* FLAGS (\\Answered \\Seen $Forwarded)\r\n",
    "* VANISHED (EARLIER) 1:3,5,9:120\r\n",
    "* ESEARCH (TAG \"K3\") UID ALL 1:10,12 COUNT 11 MIN 1 MAX 12\r\n",
    "* SEARCH 1 2 3 (MODSEQ 77)\r\n",
    "* 12 FETCH (UID 42 MODSEQ (7) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" FLAGS (\\Seen) "
    "BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM)] {41}\r\nMessage-ID: <a@b>\r\nDate: x\r\nFrom: c@d\r\n\r\n)\r\n",
    "* 7 FETCH (ENVELOPE (\"d\" \"s\" ((\"n\" NIL \"m\" \"h\")) NIL NIL NIL NIL NIL NIL \"<i>\") UID 9 "
    "BODY[] \"q\\\"x\" X-LIST ((a {2}\r\n()) \"b\"))\r\n",
};

// Parses and checks the invariants that hold for every input.
void exercise(std::string_view unit) {
  Expected<Response> result = parse_response(unit);
  if (!result) {
    ASSERT_FALSE(result.error().message.empty());
    ASSERT_LE(result.error().offset, unit.size());
    return;
  }
  if (const auto* unknown = std::get_if<UnknownResponse>(&*result)) {
    ASSERT_LE(unknown->text.size(), unit.size());
    ASSERT_FALSE(unknown->name.empty());
  }
  if (const auto* fetch = std::get_if<FetchResponse>(&*result)) {
    for (const FetchBody& body : fetch->bodies) {
      ASSERT_LE(body.section.size() + (body.data ? body.data->size() : 0), unit.size());
    }
    if (fetch->uid) {
      ASSERT_NE(*fetch->uid, 0u);
    }
  }
  if (const auto* status = std::get_if<StatusResponse>(&*result)) {
    if (status->tagged()) {
      ASSERT_TRUE(status->condition == Condition::Ok || status->condition == Condition::No ||
                  status->condition == Condition::Bad);
      ASSERT_EQ(peek_tag(unit), status->tag);
    }
  }
}

std::string mutate(std::string unit, std::mt19937& rng) {
  // A literal with a NUL in it: sv keeps the bytes after the NUL.
  static constexpr std::string_view kSpecials = "(){}[]<>\"\\ \r\n*+~:,0123456789NIL\x00\xff"sv;
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits && !unit.empty(); ++e) {
    const std::size_t at = pick(unit.size());
    switch (pick(6)) {
      case 0: unit[at] = kSpecials[pick(kSpecials.size())]; break;
      case 1: unit.insert(at, 1, kSpecials[pick(kSpecials.size())]); break;
      case 2: unit.erase(at, 1 + pick(8)); break;
      case 3: unit.resize(at); break;  // truncation: missing CRLF, cut literals
      case 4: unit.insert(at, unit.substr(pick(unit.size()), 1 + pick(16))); break;
      case 5: unit[at] = static_cast<char>(pick(256)); break;
    }
  }
  return unit;
}

TEST(ImapRobustness, RandomBytes) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 20000; ++i) {
    std::string unit(std::uniform_int_distribution<std::size_t>(0, 200)(rng), '\0');
    for (char& c : unit) c = static_cast<char>(rng());
    exercise(unit);
    unit.insert(0, i % 2 ? "* " : "* 1 FETCH (");  // get past the first checks more often
    exercise(unit);
  }
}

TEST(ImapRobustness, MutatedValidResponses) {
  std::mt19937 rng(99);
  std::size_t still_parsed = 0;
  for (int round = 0; round < 5000; ++round) {
    for (const std::string& valid : kValidUnits) {
      ASSERT_TRUE(parse_response(valid).has_value()) << valid;
      const std::string mutated = mutate(valid, rng);
      exercise(mutated);
      if (parse_response(mutated)) ++still_parsed;
    }
  }
  // Mutations must reach the deep paths, not just fail at the first byte.
  EXPECT_GT(still_parsed, 1000u);
  std::cout << "[ mutations  ] " << still_parsed << " of " << 5000 * kValidUnits.size() << " still parsed\n";
}

TEST(ImapRobustness, TokenSoup) {
  const std::vector<std::string> tokens = {
      "* ", "K1 ", "+ ", "FETCH ", "1 ", "(", ")", "UID ", "4294967295 ", "4294967296 ", "MODSEQ ", "(5) ",
      "BODY[", "HEADER.FIELDS (DATE)", "]", "<0>", "{3}\r\nabc", "{5}\r\nab", "NIL ", "\"q\\\"\" ", "FLAGS ",
      "\\Seen ", "LIST ", "STATUS ", "ESEARCH ", "VANISHED ", "(EARLIER) ", "1:3,5 ", "ALL ", "SEARCH ",
      "OK ", "[", "UIDVALIDITY ", "CAPABILITY ", "INTERNALDATE ", "\"17-Jul-1996 02:44:25 -0700\" ", " ", "\r\n",
      "~{1}\r\nx", "{0}\r\n", "99999999999999999999 ", "TAG ", "\"K3\"", "EXISTS", "ENABLED "};
  std::mt19937 rng(5);
  for (int i = 0; i < 30000; ++i) {
    std::string unit;
    const int count = std::uniform_int_distribution<int>(1, 25)(rng);
    for (int k = 0; k < count; ++k) unit += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)];
    exercise(unit);
  }
}

TEST(ImapRobustness, PathologicalUnits) {
  const std::size_t big = 1'000'000;
  const std::vector<std::string> units = {
      "* 1 FETCH (X " + std::string(big, '(') + ")\r\n",
      "* 1 FETCH (X " + std::string(big, '(') + std::string(big, ')') + ")\r\n",
      "* 1 FETCH (X " + std::string(big, '(') + std::string(big - 1, ')') + "\r\n",
      "* 1 FETCH (X " + std::string(big, ')') + "\r\n",
      "* 1 FETCH (" + std::string(big, ' ') + ")\r\n",
      "* 1 FETCH (UID " + std::string(big, '9') + ")\r\n",
      "* " + std::string(big, '9') + " EXISTS\r\n",
      "* 1 FETCH (BODY[] {" + std::string(big, '9') + "}\r\nabc)\r\n",
      "* 1 FETCH (BODY[] {18446744073709551615}\r\nabc)\r\n",
      "* 1 FETCH (BODY[] {18446744073709551616}\r\nabc)\r\n",
      "* 1 FETCH (BODY[] {4}\r\nabc",
      "* 1 FETCH (BODY[] {3}",
      "* 1 FETCH (BODY[] {",
      "* 1 FETCH (BODY[] \"" + std::string(big, '\\') + "\")\r\n",
      "* 1 FETCH (BODY[] \"" + std::string(big, 'a') + "\r\n",
      "* 1 FETCH (BODY[" + std::string(big, '"') + "] NIL)\r\n",
      "* 1 FETCH (BODY[" + std::string(big, '[') + " NIL)\r\n",
      "* SEARCH" + [&] { std::string s; for (int i = 0; i < 100000; ++i) s += " 4294967295"; return s; }() + "\r\n",
      "* SEARCH " + std::string(big, '1') + "\r\n",
      "* VANISHED " + [&] { std::string s = "1"; for (int i = 0; i < 100000; ++i) s += ",4294967295:1"; return s; }() + "\r\n",
      "* ESEARCH UID ALL " + std::string(big, ',') + "\r\n",
      "* LIST (" + std::string(big, '\\') + ") \"/\" x\r\n",
      "* CAPABILITY" + std::string(big, ' ') + "\r\n",
      "* OK [" + std::string(big, 'A') + "\r\n",
      "* OK [" + std::string(big, 'A') + "]\r\n",
      "K1 OK [CAPABILITY" + std::string(big, ' ') + "]\r\n",
      "K1 OK [PERMANENTFLAGS (" + std::string(big, '(') + "]\r\n",
      std::string(big, 'K') + " OK\r\n",
      std::string(big, '\r'),
      std::string(big, '\n'),
      std::string(big, '\0'),
      "* STATUS x (" + [&] { std::string s; for (int i = 0; i < 50000; ++i) s += "X-A (((1))) "; return s; }() + ")\r\n",
  };
  for (const std::string& unit : units) exercise(unit);
}

TEST(ImapRobustness, HugeVanishedStaysCheapToHold) {
  // 100,000 ranges each covering nearly all UIDs: kept as ranges, merged.
  std::string unit = "* VANISHED 1";
  for (int i = 0; i < 100000; ++i) unit += ",4294967295:2";
  const auto parsed = parse_response(unit + "\r\n");
  ASSERT_TRUE(parsed);
  const auto& vanished = std::get<VanishedResponse>(*parsed);
  EXPECT_EQ(vanished.uids.ranges().size(), 1u);
  EXPECT_EQ(vanished.uids.size(), 4294967295u);
}

TEST(ImapRobustness, FramerOnRandomStreams) {
  std::mt19937 rng(77);
  FramerLimits limits;
  limits.max_line_bytes = 300;
  limits.max_literal_bytes = 200;
  limits.max_unit_bytes = 1000;
  for (int round = 0; round < 300; ++round) {
    // Valid units, mutated units and raw bytes mixed into one stream.
    std::string stream;
    while (stream.size() < 20000) {
      const std::string& valid = kValidUnits[std::uniform_int_distribution<std::size_t>(0, kValidUnits.size() - 1)(rng)];
      switch (rng() % 3) {
        case 0: stream += valid; break;
        case 1: stream += mutate(valid, rng); break;
        case 2:
          for (int k = 0; k < 50; ++k) stream += "{}0123456789\r\n ~+ab"[rng() % 20];
          break;
      }
    }
    Framer framer(limits);
    std::string reassembled;
    std::size_t fed = 0;
    for (std::size_t i = 0; i < stream.size();) {
      const std::size_t chunk = std::uniform_int_distribution<std::size_t>(1, 700)(rng);
      const bool ok = framer.feed(std::string_view(stream).substr(i, chunk));
      fed = std::min(stream.size(), i + chunk);
      i = fed;
      // Bounded memory: the partial unit never exceeds the caps by more than one chunk.
      ASSERT_LE(framer.buffered_bytes(), limits.max_unit_bytes + chunk + limits.max_line_bytes);
      while (auto unit = framer.next()) {
        ASSERT_GE(unit->size(), 1u);
        ASSERT_EQ(unit->back(), '\n');
        ASSERT_LE(unit->size(), limits.max_unit_bytes);
        exercise(*unit);
        reassembled += *unit;
      }
      if (!ok) break;
    }
    // Units are exactly the stream, in order, up to the partial tail or the error.
    ASSERT_EQ(reassembled, stream.substr(0, reassembled.size()));
    if (!framer.failed()) {
      ASSERT_EQ(reassembled.size() + framer.buffered_bytes(), stream.size());
    }
  }
}

}  // namespace

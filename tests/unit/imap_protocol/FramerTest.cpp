#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "protocol/ImapFramer.h"

namespace {

using kith::imap::Framer;
using kith::imap::FramerLimits;

std::vector<std::string> drain(Framer& framer) {
  std::vector<std::string> units;
  while (auto unit = framer.next()) units.emplace_back(*unit);
  return units;
}

// Feeds `stream` in chunks of `chunk` bytes, taking units after each feed.
std::vector<std::string> frame(std::string_view stream, std::size_t chunk, FramerLimits limits = {}) {
  Framer framer(limits);
  std::vector<std::string> units;
  for (std::size_t i = 0; i < stream.size(); i += chunk) {
    framer.feed(stream.substr(i, chunk));
    for (auto& unit : drain(framer)) units.push_back(std::move(unit));
  }
  return units;
}

const std::string kStream =
    "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"
    "* 12 FETCH (UID 42 BODY[HEADER.FIELDS (DATE)] {20}\r\nDate: 1 Jan 2020\r\n\r\n)\r\n"
    "* LIST () \"/\" {5}\r\nA\r\nB}\r\n"
    "* 3 FETCH (BODY[1] {0}\r\n BODY[2] {3+}\r\n{1})\r\n"
    "* 4 FETCH (BODY[1] {3}\r\n{1}\r\n"
    "K1 OK done\r\n";

const std::vector<std::string> kUnits = {
    "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n",
    "* 12 FETCH (UID 42 BODY[HEADER.FIELDS (DATE)] {20}\r\nDate: 1 Jan 2020\r\n\r\n)\r\n",
    "* LIST () \"/\" {5}\r\nA\r\nB}\r\n",
    "* 3 FETCH (BODY[1] {0}\r\n BODY[2] {3+}\r\n{1})\r\n",
    // A payload that looks like a marker is data: the unit ends at the CRLF after it.
    "* 4 FETCH (BODY[1] {3}\r\n{1}\r\n",
    "K1 OK done\r\n",
};

TEST(ImapFramer, SplitsUnitsIncludingLiteralsWhateverTheChunkSize) {
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64},
                            kStream.size()}) {
    EXPECT_EQ(frame(kStream, chunk), kUnits) << "chunk " << chunk;
  }
}

TEST(ImapFramer, RandomChunkingGivesTheSameUnits) {
  std::mt19937 rng(7);
  std::string stream;
  for (int i = 0; i < 50; ++i) stream += kStream;
  for (int round = 0; round < 20; ++round) {
    Framer framer;
    std::vector<std::string> units;
    for (std::size_t i = 0; i < stream.size();) {
      const std::size_t chunk = std::uniform_int_distribution<std::size_t>(1, 100)(rng);
      ASSERT_TRUE(framer.feed(std::string_view(stream).substr(i, chunk)));
      i += chunk;
      for (auto& unit : drain(framer)) units.push_back(std::move(unit));
    }
    ASSERT_EQ(units.size(), kUnits.size() * 50);
    for (std::size_t i = 0; i < units.size(); ++i) ASSERT_EQ(units[i], kUnits[i % kUnits.size()]);
    EXPECT_EQ(framer.buffered_bytes(), 0u);
  }
}

TEST(ImapFramer, IncompleteUnitIsHeldBack) {
  Framer framer;
  EXPECT_TRUE(framer.feed("* 1 FETCH (BODY[] {10}\r\n12345"));
  EXPECT_FALSE(framer.next());
  EXPECT_TRUE(framer.feed("67890"));
  EXPECT_FALSE(framer.next()) << "the line after the literal is still missing";
  EXPECT_TRUE(framer.feed(")\r"));
  EXPECT_FALSE(framer.next());
  EXPECT_TRUE(framer.feed("\n* 2 EXISTS"));
  auto unit = framer.next();
  ASSERT_TRUE(unit);
  EXPECT_EQ(*unit, "* 1 FETCH (BODY[] {10}\r\n1234567890)\r\n");
  EXPECT_FALSE(framer.next());
  EXPECT_EQ(framer.buffered_bytes(), std::string("* 2 EXISTS").size());
}

TEST(ImapFramer, ViewsStayValidUntilTheNextFeed) {
  Framer framer;
  framer.feed("* 1 EXISTS\r\n* 2 EXISTS\r\n* 3 EXI");
  const auto first = framer.next();
  const auto second = framer.next();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, "* 1 EXISTS\r\n");
  EXPECT_EQ(*second, "* 2 EXISTS\r\n");
  EXPECT_EQ(framer.pending_units(), 0u);
  framer.feed("STS\r\n");
  EXPECT_EQ(framer.next(), "* 3 EXISTS\r\n");
}

TEST(ImapFramer, BareLfEndsALineToo) {
  EXPECT_EQ(frame("* 1 EXISTS\n* 2 FETCH (BODY[] {2}\nab)\n", 1),
            (std::vector<std::string>{"* 1 EXISTS\n", "* 2 FETCH (BODY[] {2}\nab)\n"}));
}

TEST(ImapFramer, Literal8AndNonSyncMarkersAreLiterals) {
  EXPECT_EQ(frame("* 1 FETCH (BINARY[] ~{3}\r\n\r\n\r)\r\n", 2),
            (std::vector<std::string>{"* 1 FETCH (BINARY[] ~{3}\r\n\r\n\r)\r\n"}));
}

TEST(ImapFramer, BracesThatAreNotMarkersAreText) {
  // "{}" and "{x}" are not literal markers; neither is a marker mid-line.
  EXPECT_EQ(frame("* OK {}\r\n* OK {x}\r\n* OK {3} later\r\n", 4),
            (std::vector<std::string>{"* OK {}\r\n", "* OK {x}\r\n", "* OK {3} later\r\n"}));
}

// "* X {1}" then `count` continuation lines of 26 bytes, each under the
// 32-byte line cap of the test, together over its 150-byte unit cap.
std::string many_short_lines(int count) {
  std::string stream = "* X {1}\r\n";
  for (int i = 0; i < count; ++i) stream += "a" + std::string(20, 'b') + "{1}\r\n";
  return stream + "c\r\n";
}

struct LimitCase {
  const char* name;
  std::string stream;
  FramerLimits limits;
};

TEST(ImapFramer, CapsPutTheFramerInAPermanentErrorState) {
  FramerLimits small;
  small.max_line_bytes = 32;
  small.max_literal_bytes = 100;
  small.max_unit_bytes = 150;
  const std::vector<LimitCase> cases = {
      {"long line without end", std::string(33, 'x'), small},
      {"long line with end", std::string(40, 'x') + "\r\n", small},
      {"literal over cap", "* 1 FETCH (BODY[] {101}\r\n", small},
      {"huge literal number", "* 1 FETCH (BODY[] {99999999999999999999999999}\r\n", small},
      {"unit over cap by literals", "* 1 FETCH (A {90}\r\n" + std::string(90, 'a') + " B {90}\r\n", small},
      {"unit over cap by lines", many_short_lines(7), small},
  };
  for (const LimitCase& c : cases) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, c.stream.size()}) {
      Framer framer(c.limits);
      EXPECT_TRUE(framer.feed("* 1 EXISTS\r\n")) << c.name;
      bool ok = true;
      for (std::size_t i = 0; i < c.stream.size() && ok; i += chunk) ok = framer.feed(std::string_view(c.stream).substr(i, chunk));
      EXPECT_FALSE(ok) << c.name << " chunk " << chunk;
      EXPECT_TRUE(framer.failed()) << c.name;
      EXPECT_FALSE(framer.error().message.empty());
      // Units framed before the error are still delivered, then nothing.
      EXPECT_EQ(framer.next(), "* 1 EXISTS\r\n") << c.name;
      EXPECT_FALSE(framer.next()) << c.name;
      EXPECT_FALSE(framer.feed("* 2 EXISTS\r\n")) << "the error state is permanent: " << c.name;
      EXPECT_FALSE(framer.next());
      EXPECT_LE(framer.buffered_bytes(), c.limits.max_unit_bytes);
    }
  }
}

TEST(ImapFramer, ErrorOffsetCountsTheWholeStream) {
  FramerLimits limits;
  limits.max_line_bytes = 16;
  Framer framer(limits);
  framer.feed("* 1 EXISTS\r\n");
  ASSERT_TRUE(framer.next());
  framer.feed("* 2 EXISTS\r\n");  // compacts the first unit away
  ASSERT_TRUE(framer.next());
  EXPECT_FALSE(framer.feed(std::string(20, 'x')));
  EXPECT_EQ(framer.error().offset, 24u);
}

TEST(ImapFramer, ExactlyAtTheCapsIsAccepted) {
  FramerLimits limits;
  limits.max_line_bytes = 12;
  limits.max_literal_bytes = 5;
  limits.max_unit_bytes = 12 + 5 + 3;
  Framer framer(limits);
  EXPECT_TRUE(framer.feed("* 12345678\r\n"));
  EXPECT_EQ(framer.next(), "* 12345678\r\n");
  EXPECT_TRUE(framer.feed("* 1 X {5}\r\n12345)\r\n"));
  EXPECT_EQ(framer.next(), "* 1 X {5}\r\n12345)\r\n");
  EXPECT_FALSE(framer.failed());
}

TEST(ImapFramer, ResetStartsOver) {
  FramerLimits limits;
  limits.max_line_bytes = 8;
  Framer framer(limits);
  EXPECT_FALSE(framer.feed("* too long line\r\n"));
  framer.reset();
  EXPECT_FALSE(framer.failed());
  EXPECT_TRUE(framer.feed("* 1 X\r\n"));
  EXPECT_EQ(framer.next(), "* 1 X\r\n");
}

TEST(ImapFramer, BigLiteralFedInSmallChunksDoesNotKeepPeakMemory) {
  Framer framer;
  const std::string payload(4 * 1024 * 1024, 'a');
  const std::string head = "* 1 FETCH (BODY[] {" + std::to_string(payload.size()) + "}\r\n";
  framer.feed(head);
  for (std::size_t i = 0; i < payload.size(); i += 16384) framer.feed(std::string_view(payload).substr(i, 16384));
  framer.feed(")\r\n");
  auto unit = framer.next();
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->size(), head.size() + payload.size() + 3);
  framer.feed("* 2 EXISTS\r\n");
  EXPECT_EQ(framer.next(), "* 2 EXISTS\r\n");
  EXPECT_EQ(framer.buffered_bytes(), 0u);
}

}  // namespace

// FETCH responses: the item the provider lives on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ImapTestSupport.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;
using namespace std::string_literals;
using kith::imap::testing::parse_as;
using kith::imap::testing::parse_error;

const std::string kHeaders =
    "Message-ID: <a@b>\r\nDate: Wed, 17 Jul 1996 02:44:25 -0700\r\nFrom: Terry <t@example.org>\r\n\r\n";

// Appends rather than `"{" + ...`: GCC 12 at -O3 warns falsely (-Wrestrict) on that.
std::string literal(const std::string& data) {
  std::string out = "{";
  out += std::to_string(data.size());
  out += "}\r\n";
  out += data;
  return out;
}

TEST(ImapParserFetch, TheResponseTheProviderAsksFor) {
  const std::string unit = "* 12 FETCH (UID 42 MODSEQ (7) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" FLAGS (\\Seen) "
                           "BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM)] " +
                           literal(kHeaders) + ")\r\n";
  const auto fetch = parse_as<FetchResponse>(unit);
  EXPECT_EQ(fetch.sequence, 12u);
  EXPECT_EQ(fetch.uid, 42u);
  EXPECT_EQ(fetch.modseq, 7u);
  EXPECT_EQ(fetch.internal_date, 837596665);
  ASSERT_TRUE(fetch.flags);
  EXPECT_EQ(*fetch.flags, std::vector<std::string>{"\\Seen"});
  EXPECT_TRUE(fetch.has_flag("\\SEEN"));
  ASSERT_EQ(fetch.bodies.size(), 1u);
  EXPECT_EQ(fetch.bodies[0].section, "HEADER.FIELDS (MESSAGE-ID DATE FROM)");
  EXPECT_EQ(fetch.bodies[0].data, kHeaders);
  EXPECT_FALSE(fetch.bodies[0].origin);
  ASSERT_NE(fetch.find_body("header.fields"), nullptr);
  EXPECT_EQ(fetch.find_body("header.fields")->data, kHeaders);
}

TEST(ImapParserFetch, ItemsInAnyOrderAndCase) {
  const std::string unit = "* 1 fetch (body[header.fields (date)] " + literal(kHeaders) +
                           " flags () Internaldate \" 7-Feb-2020 10:00:00 +0000\" modseq (123456789012345) uid 9)\r\n";
  const auto fetch = parse_as<FetchResponse>(unit);
  EXPECT_EQ(fetch.uid, 9u);
  EXPECT_EQ(fetch.modseq, 123456789012345u);
  EXPECT_EQ(fetch.internal_date, 1581069600);
  ASSERT_TRUE(fetch.flags);
  EXPECT_TRUE(fetch.flags->empty());
  ASSERT_NE(fetch.find_body("HEADER.FIELDS"), nullptr);
  EXPECT_EQ(fetch.find_body("HEADER.FIELDS")->section, "header.fields (date)");
}

struct BodyCase {
  const char* name;
  std::string unit;
  std::optional<std::string> data;
};

TEST(ImapParserFetch, BodyValueForms) {
  const BodyCase cases[] = {
      {"literal", "* 1 FETCH (UID 1 BODY[HEADER] " + literal("Subject: x\r\n\r\n") + ")\r\n", "Subject: x\r\n\r\n"},
      {"empty literal", "* 1 FETCH (UID 1 BODY[HEADER] {0}\r\n)\r\n", ""},
      {"non-sync literal", "* 1 FETCH (UID 1 BODY[HEADER] {3+}\r\nabc)\r\n", "abc"},
      {"literal8", "* 1 FETCH (UID 1 BODY[HEADER] ~{3}\r\na\0c)\r\n"s, "a\0c"s},
      {"quoted", "* 1 FETCH (UID 1 BODY[HEADER] \"Date: x \\\"y\\\" \\\\\")\r\n", "Date: x \"y\" \\"},
      {"NIL", "* 1 FETCH (UID 1 BODY[HEADER] NIL)\r\n", std::nullopt},
      {"nil", "* 1 FETCH (UID 1 BODY[HEADER] nil)\r\n", std::nullopt},
      {"literal holding parens and quotes", "* 1 FETCH (BODY[] " + literal(")\"({5}\r\n") + " UID 1)\r\n",
       ")\"({5}\r\n"},
  };
  for (const BodyCase& c : cases) {
    const auto fetch = parse_as<FetchResponse>(c.unit);
    EXPECT_EQ(fetch.uid, 1u) << c.name;
    ASSERT_EQ(fetch.bodies.size(), 1u) << c.name;
    EXPECT_EQ(fetch.bodies[0].data, c.data) << c.name;
  }
}

TEST(ImapParserFetch, SectionsOriginsAndSeveralBodies) {
  const auto fetch = parse_as<FetchResponse>(
      "* 2 FETCH (BODY[HEADER.FIELDS (\"X]Y\" DATE)]<0> {2}\r\nab BODY[] \"whole\" BODY.PEEK[TEXT] NIL "
      "BODY[HEADER.FIELDS.NOT (DATE)] \"rest\")\r\n");
  ASSERT_EQ(fetch.bodies.size(), 4u);
  EXPECT_EQ(fetch.bodies[0].section, "HEADER.FIELDS (\"X]Y\" DATE)");
  EXPECT_EQ(fetch.bodies[0].origin, 0u);
  EXPECT_EQ(fetch.bodies[0].data, "ab");
  EXPECT_EQ(fetch.bodies[1].section, "");
  EXPECT_EQ(fetch.find_body("")->data, "whole");
  EXPECT_EQ(fetch.find_body("TEXT")->data, std::nullopt);
  EXPECT_EQ(fetch.find_body("HEADER.FIELDS.NOT")->data, "rest");
  EXPECT_EQ(fetch.find_body("HEADER.FIELDS")->data, "ab");
  EXPECT_EQ(fetch.find_body("HEADER"), nullptr);
}

TEST(ImapParserFetch, UnknownItemsAreSkippedWhateverTheirShape) {
  const std::string unit =
      "* 7 FETCH (X-GM-MSGID 1278455344230334865 ENVELOPE (\"Wed, 17 Jul 1996\" \"subj (x\" "
      "((\"Terry\" NIL \"t\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<a@b>\") "
      "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \"<960723163407.20117h@cac>\" "
      "\"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\") "
      "BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1) "
      "BINARY[1]<0> ~{3}\r\n\0\1\2 "
      "RFC822.HEADER "s + literal("a: (b\r\n") + " X-NESTED (((((a {1}\r\n)))))) "
      "X-GM-LABELS (\\Inbox \"\\\\Important\") UID 99 RFC822.SIZE 44827)\r\n";
  const auto fetch = parse_as<FetchResponse>(unit);
  EXPECT_EQ(fetch.sequence, 7u);
  EXPECT_EQ(fetch.uid, 99u);
  EXPECT_EQ(fetch.rfc822_size, 44827u);
  EXPECT_TRUE(fetch.bodies.empty());
}

TEST(ImapParserFetch, UnsolicitedFlagUpdateHasNoUid) {
  const auto fetch = parse_as<FetchResponse>("* 5 FETCH (FLAGS (\\Seen \\Answered $Label1))\r\n");
  EXPECT_EQ(fetch.sequence, 5u);
  EXPECT_FALSE(fetch.uid);
  EXPECT_FALSE(fetch.internal_date);
  ASSERT_TRUE(fetch.flags);
  EXPECT_EQ(fetch.flags->size(), 3u);
  EXPECT_FALSE(fetch.has_flag("\\Draft"));
  EXPECT_TRUE(parse_as<FetchResponse>("* 5 FETCH ()\r\n").bodies.empty());
}

TEST(ImapParserFetch, InvalidInternalDateIsDroppedNotFatal) {
  const auto fetch = parse_as<FetchResponse>("* 5 FETCH (INTERNALDATE \"31-Feb-2020 00:00:00 +0000\" UID 8)\r\n");
  EXPECT_EQ(fetch.uid, 8u);
  EXPECT_FALSE(fetch.internal_date);
  EXPECT_FALSE(parse_as<FetchResponse>("* 5 FETCH (INTERNALDATE NIL UID 8)\r\n").internal_date);
}

TEST(ImapParserFetch, LenientSpacing) {
  const auto fetch = parse_as<FetchResponse>("* 3 FETCH ( UID 10  MODSEQ ( 5 )  FLAGS (\\Seen)  )  \r\n");
  EXPECT_EQ(fetch.uid, 10u);
  EXPECT_EQ(fetch.modseq, 5u);
}

TEST(ImapParserFetch, MalformedFetches) {
  const char* cases[] = {
      "* 1 FETCH\r\n",
      "* 1 FETCH UID 1\r\n",
      "* 1 FETCH (UID 1\r\n",
      "* 1 FETCH (UID)\r\n",
      "* 1 FETCH (UID x)\r\n",
      "* 1 FETCH (UID 0)\r\n",
      "* 1 FETCH (UID 4294967296)\r\n",
      "* 1 FETCH (UID 99999999999999999999999999999999)\r\n",
      "* 1 FETCH (MODSEQ (7)\r\n",
      "* 1 FETCH (FLAGS (\\Seen)\r\n",
      "* 1 FETCH (BODY[HEADER {3}\r\nabc)\r\n",
      "* 1 FETCH (BODY[HEADER])\r\n",
      "* 1 FETCH (BODY[HEADER] {10}\r\nabc)\r\n",
      "* 1 FETCH (BODY[HEADER] {99999999999999999999999}\r\nabc)\r\n",
      "* 1 FETCH (BODY[HEADER] {3}abc)\r\n",
      "* 1 FETCH (BODY[HEADER] \"unterminated)\r\n",
      "* 1 FETCH (BODY[HEADER] \"line\r\nbreak\")\r\n",
      "* 1 FETCH (BODY[]<x> NIL)\r\n",
      "* 1 FETCH (X-UNKNOWN (a (b))\r\n",
      "* 1 FETCH (X-UNKNOWN)\r\n",
      "* 1 FETCH (UID 1)) \r\n",
      "* 1 FETCH (UID 1) trailing\r\n",
      "* 1 FETCH (UID 1 \"quoted\")\r\n",
      "* 1 FETCH (UID 1UID 2)\r\n",
  };
  for (const char* unit : cases) {
    const Error error = parse_error(unit);
    EXPECT_LE(error.offset, std::string(unit).size()) << unit;
  }
}

// An optional item of an unexpected shape costs that item, not the
// response: the rest of the message is still read.
TEST(ImapParserFetch, UnreadableOptionalItemsAreSkipped) {
  struct Case {
    const char* unit;
    bool has_flags, has_modseq, has_date;
  };
  const Case cases[] = {
      {"* 1 FETCH (MODSEQ 7 UID 5 BODY[HEADER] {3}\r\nabc)\r\n", false, false, false},
      {"* 1 FETCH (UID 5 MODSEQ (9223372036854775808) BODY[HEADER] {3}\r\nabc)\r\n", false, false, false},
      {"* 1 FETCH (UID 5 FLAGS \\Seen BODY[HEADER] {3}\r\nabc)\r\n", false, false, false},
      {"* 1 FETCH (UID 5 INTERNALDATE 12 BODY[HEADER] {3}\r\nabc FLAGS (\\Seen))\r\n", true, false, false},
      {"* 1 FETCH (UID 5 INTERNALDATE (a (b)) BODY[HEADER] {3}\r\nabc MODSEQ (3))\r\n", false, true, false},
      {"* 1 FETCH (UID 5 RFC822.SIZE x BODY[HEADER] {3}\r\nabc INTERNALDATE \"02-Mar-2026 10:00:00 +0000\")\r\n",
       false, false, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.unit);
    const auto fetch = parse_as<FetchResponse>(c.unit);
    EXPECT_EQ(fetch.uid, 5u);
    ASSERT_NE(fetch.find_body("HEADER"), nullptr);
    EXPECT_EQ(fetch.find_body("HEADER")->data, "abc");
    EXPECT_EQ(fetch.flags.has_value(), c.has_flags);
    EXPECT_EQ(fetch.modseq.has_value(), c.has_modseq);
    EXPECT_EQ(fetch.internal_date.has_value(), c.has_date);
  }
}

// Domino wraps an item in parentheses of its own. The items inside a group
// are read; a group of anything else is skipped; the rest is kept.
TEST(ImapParserFetch, ParenthesisedGroupsOfItems) {
  struct Case {
    const char* unit;
    bool has_date;
  };
  const Case cases[] = {
      {"* 1 FETCH (UID 100 (INTERNALDATE \"02-Mar-2026 10:00:00 +0000\") BODY[HEADER.FIELDS (FROM)] {3}\r\nabc)\r\n",
       true},
      {"* 1 FETCH ((UID 100) BODY[HEADER.FIELDS (FROM)] {3}\r\nabc)\r\n", false},
      {"* 1 FETCH (UID 100 ((INTERNALDATE \"02-Mar-2026 10:00:00 +0000\")) BODY[HEADER.FIELDS (FROM)] {3}\r\nabc)\r\n",
       true},
      {"* 1 FETCH (UID 100 (INTERNALDATE \"02-Mar-2026 10:00:00 +0000\" RFC822.SIZE 3) BODY[HEADER.FIELDS (FROM)] "
       "{3}\r\nabc)\r\n",
       true},
      {"* 1 FETCH (UID 100 (\"not\" \"items\") BODY[HEADER.FIELDS (FROM)] {3}\r\nabc)\r\n", false},
      {"* 1 FETCH (UID 100 () BODY[HEADER.FIELDS (FROM)] {3}\r\nabc)\r\n", false},
      {"* 1 FETCH (UID 100 (((((((INTERNALDATE \"02-Mar-2026 10:00:00 +0000\"))))))) BODY[HEADER.FIELDS (FROM)] "
       "{3}\r\nabc)\r\n",
       false},  // deeper than any server nests: skipped as a value
      {"* 1 FETCH (BODY[HEADER.FIELDS (FROM)] {3}\r\nabc (INTERNALDATE \"02-Mar-2026 10:00:00 +0000\") UID 100)\r\n",
       true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.unit);
    const auto fetch = parse_as<FetchResponse>(c.unit);
    EXPECT_EQ(fetch.uid, 100u);
    ASSERT_NE(fetch.find_body("HEADER.FIELDS"), nullptr);
    EXPECT_EQ(fetch.find_body("HEADER.FIELDS")->data, "abc");
    EXPECT_EQ(fetch.internal_date.has_value(), c.has_date);
  }
  // A group that never closes is still a broken response.
  (void)parse_error("* 1 FETCH (UID 100 (INTERNALDATE \"02-Mar-2026 10:00:00 +0000\" BODY[HEADER] {3}\r\nabc)\r\n");
}

TEST(ImapParserFetch, LaterDuplicateItemsWin) {
  const auto fetch = parse_as<FetchResponse>("* 1 FETCH (UID 1 UID 2 FLAGS (a) FLAGS (b c))\r\n");
  EXPECT_EQ(fetch.uid, 2u);
  EXPECT_EQ(*fetch.flags, (std::vector<std::string>{"b", "c"}));
}

}  // namespace

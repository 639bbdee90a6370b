// Status responses, response codes, continuation requests, CAPABILITY and
// ENABLED, and what the parser does with units it cannot read.
#include <gtest/gtest.h>

#include <string>

#include "ImapTestSupport.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;
using kith::imap::testing::parse_as;
using kith::imap::testing::parse_error;

TEST(ImapParserStatus, TaggedCompletions) {
  struct Case {
    const char* unit;
    const char* tag;
    Condition condition;
    const char* text;
  };
  const Case cases[] = {
      {"K12 OK done\r\n", "K12", Condition::Ok, "done"},
      {"K1 NO [TRYCREATE] no such mailbox\r\n", "K1", Condition::No, "no such mailbox"},
      {"K2 BAD command unknown\r\n", "K2", Condition::Bad, "command unknown"},
      {"k3 ok lower case works\r\n", "k3", Condition::Ok, "lower case works"},
      {"K4 OK\r\n", "K4", Condition::Ok, ""},
      {"K5 OK\n", "K5", Condition::Ok, ""},
      {"K6 OK no CRLF", "K6", Condition::Ok, "no CRLF"},
      {"A.b-c OK  two spaces\r\n", "A.b-c", Condition::Ok, "two spaces"},
  };
  for (const Case& c : cases) {
    const auto status = parse_as<StatusResponse>(c.unit);
    EXPECT_TRUE(status.tagged()) << c.unit;
    EXPECT_EQ(status.tag, c.tag) << c.unit;
    EXPECT_EQ(status.condition, c.condition) << c.unit;
    EXPECT_EQ(status.text, c.text) << c.unit;
  }
}

TEST(ImapParserStatus, UntaggedConditions) {
  struct Case {
    const char* unit;
    Condition condition;
  };
  const Case cases[] = {
      {"* OK IMAP4rev1 ready\r\n", Condition::Ok},   {"* NO disk full\r\n", Condition::No},
      {"* BAD junk\r\n", Condition::Bad},            {"* BYE logging out\r\n", Condition::Bye},
      {"* PREAUTH welcome\r\n", Condition::Preauth}, {"* bye Bye\r\n", Condition::Bye},
  };
  for (const Case& c : cases) {
    const auto status = parse_as<StatusResponse>(c.unit);
    EXPECT_FALSE(status.tagged()) << c.unit;
    EXPECT_EQ(status.condition, c.condition) << c.unit;
  }
  EXPECT_STREQ(to_string(Condition::Preauth), "PREAUTH");
}

TEST(ImapParserStatus, NumericCodes) {
  struct Case {
    const char* unit;
    CodeKind kind;
    std::uint64_t number;
  };
  const Case cases[] = {
      {"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n", CodeKind::UidValidity, 3857529045u},
      {"* OK [UIDNEXT 4392] Predicted next UID\r\n", CodeKind::UidNext, 4392},
      {"* OK [HIGHESTMODSEQ 90060115205545359] Highest\r\n", CodeKind::HighestModseq, 90060115205545359u},
      {"* OK [HIGHESTMODSEQ 9223372036854775807] max\r\n", CodeKind::HighestModseq, 9223372036854775807u},
      {"* OK [UNSEEN 12] first unseen\r\n", CodeKind::Unseen, 12},
      {"* OK [uidvalidity 1] lower case\r\n", CodeKind::UidValidity, 1},
  };
  for (const Case& c : cases) {
    const auto status = parse_as<StatusResponse>(c.unit);
    ASSERT_TRUE(status.code) << c.unit;
    EXPECT_EQ(status.code->kind, c.kind) << c.unit;
    EXPECT_EQ(status.code->number, c.number) << c.unit;
  }
  const auto status = parse_as<StatusResponse>("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
  EXPECT_EQ(status.code->name, "UIDVALIDITY");
  EXPECT_EQ(status.text, "UIDs valid");
}

TEST(ImapParserStatus, CodesWithoutArguments) {
  struct Case {
    const char* unit;
    CodeKind kind;
    const char* name;
  };
  const Case cases[] = {
      {"* OK [ALERT] System shutdown in 10 minutes\r\n", CodeKind::Alert, "ALERT"},
      {"K1 NO [AUTHENTICATIONFAILED] Authentication failed\r\n", CodeKind::AuthenticationFailed,
       "AUTHENTICATIONFAILED"},
      {"* OK [CLOSED] Previous mailbox closed\r\n", CodeKind::Closed, "CLOSED"},
      {"* OK [NOMODSEQ] Sorry\r\n", CodeKind::NoModseq, "NOMODSEQ"},
      {"K2 OK [READ-ONLY] EXAMINE completed\r\n", CodeKind::ReadOnly, "READ-ONLY"},
      {"K2 OK [READ-WRITE] SELECT completed\r\n", CodeKind::ReadWrite, "READ-WRITE"},
      {"K3 NO [TRYCREATE] No such mailbox\r\n", CodeKind::TryCreate, "TRYCREATE"},
      {"K4 NO [OVERQUOTA] Quota exceeded\r\n", CodeKind::Other, "OVERQUOTA"},
      {"K4 NO [unavailable] later\r\n", CodeKind::Other, "UNAVAILABLE"},
  };
  for (const Case& c : cases) {
    const auto status = parse_as<StatusResponse>(c.unit);
    ASSERT_TRUE(status.code) << c.unit;
    EXPECT_EQ(status.code->kind, c.kind) << c.unit;
    EXPECT_EQ(status.code->name, c.name) << c.unit;
    EXPECT_EQ(status.code->arguments, "") << c.unit;
  }
}

TEST(ImapParserStatus, UnknownCodesKeepTheirArgumentsAsText) {
  const auto status = parse_as<StatusResponse>("K9 OK [APPENDUID 38505 3955] APPEND completed\r\n");
  ASSERT_TRUE(status.code);
  EXPECT_EQ(status.code->kind, CodeKind::Other);
  EXPECT_EQ(status.code->name, "APPENDUID");
  EXPECT_EQ(status.code->arguments, "38505 3955");
  EXPECT_EQ(status.text, "APPEND completed");
}

TEST(ImapParserStatus, MalformedKnownCodeDegradesToOtherWithoutLosingTheResponse) {
  for (const char* unit : {"K1 OK [UIDVALIDITY abc] x\r\n", "K1 OK [UIDVALIDITY 4294967296] x\r\n",
                           "K1 OK [UIDNEXT] x\r\n", "K1 OK [PERMANENTFLAGS \\Seen] x\r\n",
                           "K1 OK [HIGHESTMODSEQ 9223372036854775808] x\r\n"}) {
    const auto status = parse_as<StatusResponse>(unit);
    EXPECT_EQ(status.tag, "K1") << unit;
    ASSERT_TRUE(status.code) << unit;
    EXPECT_EQ(status.code->kind, CodeKind::Other) << unit;
    EXPECT_EQ(status.code->number, 0u) << unit;
    EXPECT_EQ(status.text, "x") << unit;
  }
}

TEST(ImapParserStatus, BracketThatIsNotACodeStaysInTheText) {
  EXPECT_EQ(parse_as<StatusResponse>("* OK [no closing bracket\r\n").text, "[no closing bracket");
  EXPECT_FALSE(parse_as<StatusResponse>("* OK [no closing bracket\r\n").code);
  EXPECT_EQ(parse_as<StatusResponse>("* OK [] empty\r\n").text, "[] empty");
  EXPECT_EQ(parse_as<StatusResponse>("* OK text [ALERT] later\r\n").text, "text [ALERT] later");
}

TEST(ImapParserStatus, CapabilityAndPermanentFlagsCodes) {
  const auto greeting =
      parse_as<StatusResponse>("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
                               "AUTH=PLAIN] Dovecot ready.\r\n");
  ASSERT_TRUE(greeting.code);
  EXPECT_EQ(greeting.code->kind, CodeKind::Capability);
  EXPECT_EQ(greeting.code->list.size(), 8u);
  EXPECT_TRUE(greeting.code->has("literal+"));
  EXPECT_TRUE(greeting.code->has("AUTH=PLAIN"));
  EXPECT_FALSE(greeting.code->has("QRESYNC"));
  EXPECT_EQ(greeting.text, "Dovecot ready.");

  const auto flags = parse_as<StatusResponse>("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n");
  ASSERT_TRUE(flags.code);
  EXPECT_EQ(flags.code->kind, CodeKind::PermanentFlags);
  EXPECT_EQ(flags.code->list, (std::vector<std::string>{"\\Deleted", "\\Seen", "\\*"}));
  const auto empty = parse_as<StatusResponse>("* OK [PERMANENTFLAGS ()] none\r\n");
  EXPECT_EQ(empty.code->kind, CodeKind::PermanentFlags);
  EXPECT_TRUE(empty.code->list.empty());
}

TEST(ImapParserStatus, ContinuationRequests) {
  EXPECT_EQ(parse_as<ContinuationRequest>("+ idling\r\n").text, "idling");
  EXPECT_EQ(parse_as<ContinuationRequest>("+ \r\n").text, "");
  EXPECT_EQ(parse_as<ContinuationRequest>("+\r\n").text, "");
  EXPECT_EQ(parse_as<ContinuationRequest>("+eyJzdGF0dXMiOiI0MDEifQ==\r\n").text, "eyJzdGF0dXMiOiI0MDEifQ==");
  EXPECT_EQ(parse_as<ContinuationRequest>("+ Ready for literal data\r\n").text, "Ready for literal data");
}

TEST(ImapParserStatus, Capability) {
  const auto caps = parse_as<CapabilityResponse>(
      "* CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS "
      "COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- "
      "SPECIAL-USE APPENDLIMIT=35651584\r\n");
  EXPECT_EQ(caps.capabilities.size(), 21u);
  EXPECT_EQ(caps.capabilities.front(), "IMAP4rev1");
  EXPECT_TRUE(caps.has("imap4REV1"));
  EXPECT_TRUE(caps.has("CONDSTORE"));
  EXPECT_TRUE(caps.has("APPENDLIMIT=35651584"));
  EXPECT_FALSE(caps.has("QRESYNC"));
  EXPECT_FALSE(caps.has("APPENDLIMIT"));
  EXPECT_TRUE(parse_as<CapabilityResponse>("* CAPABILITY\r\n").capabilities.empty());
  parse_error("* CAPABILITY IMAP4rev1 (X)\r\n");
}

TEST(ImapParserStatus, Enabled) {
  const auto enabled = parse_as<EnabledResponse>("* ENABLED CONDSTORE QRESYNC\r\n");
  EXPECT_TRUE(enabled.has("qresync"));
  EXPECT_TRUE(enabled.has("CONDSTORE"));
  EXPECT_FALSE(enabled.has("UTF8=ACCEPT"));
  EXPECT_TRUE(parse_as<EnabledResponse>("* ENABLED\r\n").capabilities.empty());
}

TEST(ImapParserStatus, UnknownResponsesAreNotErrors) {
  struct Case {
    const char* unit;
    const char* name;
  };
  const Case cases[] = {
      {"* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n", "NAMESPACE"},
      {"* ID (\"name\" \"Dovecot\")\r\n", "ID"},
      {"* 3 XFOO bar\r\n", "XFOO"},
      {"* LSUB () \"/\" INBOX\r\n", "LSUB"},
      {"* quota \"\" (STORAGE 10 512)\r\n", "QUOTA"},
      {"* XWEIRD\r\n", "XWEIRD"},
  };
  for (const Case& c : cases) {
    const auto unknown = parse_as<UnknownResponse>(c.unit);
    EXPECT_EQ(unknown.name, c.name) << c.unit;
    EXPECT_EQ(unknown.text + "\r\n", c.unit);
  }
}

TEST(ImapParserStatus, MalformedUnitsAreErrorValues) {
  for (const char* unit : {
           "",
           "\r\n",
           " OK\r\n",
           "K1\r\n",
           "K1 \r\n",
           "K1 HELLO there\r\n",
           "K1 BYE tagged bye is invalid\r\n",
           "K1 PREAUTH no\r\n",
           "*\r\n",
           "* \r\n",
           "*OK\r\n",
           "* (weird)\r\n",
           "(K1 OK\r\n",
       }) {
    const Error error = parse_error(unit);
    EXPECT_FALSE(error.message.empty()) << ::testing::PrintToString(std::string(unit));
  }
}

TEST(ImapParserStatus, ErrorOffsetPointsAtTheProblem) {
  const Error error = parse_error("* 1 FETCH (UID 4294967296)\r\n");
  // Within the number that no longer fits in 32 bits (it starts at 15).
  EXPECT_GE(error.offset, 15u);
  EXPECT_LE(error.offset, 25u);
  EXPECT_NE(error.message.find("number"), std::string::npos) << error.message;
}

TEST(ImapParserStatus, PeekTag) {
  EXPECT_EQ(peek_tag("K12 OK [garbage\r\n"), "K12");
  EXPECT_EQ(peek_tag("K12 HELLO\r\n"), "K12");
  EXPECT_EQ(peek_tag("* 1 FETCH (\r\n"), "*");
  EXPECT_EQ(peek_tag("+ go\r\n"), "+");
  EXPECT_EQ(peek_tag("(x\r\n"), "");
  EXPECT_EQ(peek_tag(""), "");
}

}  // namespace

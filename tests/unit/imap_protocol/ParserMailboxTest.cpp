// LIST, STATUS, FLAGS and the numbered mailbox updates.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ImapTestSupport.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;
using kith::imap::testing::parse_as;
using kith::imap::testing::parse_error;

struct ListCase {
  const char* unit;
  std::vector<std::string> attributes;
  std::optional<char> delimiter;
  const char* mailbox;
};

TEST(ImapParserMailbox, List) {
  const ListCase cases[] = {
      {"* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n", {"\\HasNoChildren", "\\Sent"}, '/', "Sent Items"},
      {"* LIST (\\Noselect) NIL \"\"\r\n", {"\\Noselect"}, std::nullopt, ""},
      {"* LIST () \".\" INBOX\r\n", {}, '.', "INBOX"},
      {"* LIST () \"\\\\\" \"a\\\\b \\\"c\\\"\"\r\n", {}, '\\', "a\\b \"c\""},
      {"* LIST (\\Marked) \"/\" {10}\r\nSent\r\nMail\r\n", {"\\Marked"}, '/', "Sent\r\nMail"},
      {"* LIST () \"/\" foo]bar\r\n", {}, '/', "foo]bar"},
      {"* list () nil NIL\r\n", {}, std::nullopt, "NIL"},  // the mailbox named NIL is an atom
      {"* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n", {"\\Subscribed"}, '/', "Foo"},
      {"* LIST () \"/\" \"Entw\xc3\xbcrfe\"\r\n", {}, '/', "Entw\xc3\xbcrfe"},
      {"* LIST () \"/\" &AMQ-hnliches\r\n", {}, '/', "&AMQ-hnliches"},
      {"* LIST (\\HasChildren  \\Drafts) \"/\" Drafts\r\n", {"\\HasChildren", "\\Drafts"}, '/', "Drafts"},
  };
  for (const ListCase& c : cases) {
    const auto list = parse_as<ListResponse>(c.unit);
    EXPECT_EQ(list.attributes, c.attributes) << c.unit;
    EXPECT_EQ(list.delimiter, c.delimiter) << c.unit;
    EXPECT_EQ(list.mailbox, c.mailbox) << c.unit;
  }
  const auto sent = parse_as<ListResponse>("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n");
  EXPECT_TRUE(sent.has_attribute("\\sent"));
  EXPECT_FALSE(sent.has_attribute("\\Drafts"));
}

TEST(ImapParserMailbox, MalformedList) {
  for (const char* unit : {"* LIST\r\n", "* LIST \\Noselect \"/\" x\r\n", "* LIST () \"//\" x\r\n",
                           "* LIST () \"\" x\r\n", "* LIST () \"/\"\r\n", "* LIST () \"/\" \"unterminated\r\n",
                           "* LIST () \"/\" {20}\r\nshort\r\n", "* LIST (\\A \"/\" x\r\n",
                           "* LIST () \"/\" (x)\r\n"}) {
    parse_error(unit);
  }
}

TEST(ImapParserMailbox, Status) {
  const auto status =
      parse_as<MailboxStatusResponse>("* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 7 UIDVALIDITY 1 HIGHESTMODSEQ 9)\r\n");
  EXPECT_EQ(status.mailbox, "INBOX");
  EXPECT_EQ(status.messages, 3u);
  EXPECT_EQ(status.uid_next, 7u);
  EXPECT_EQ(status.uid_validity, 1u);
  EXPECT_EQ(status.highest_modseq, 9u);
  EXPECT_FALSE(status.recent);
  EXPECT_FALSE(status.unseen);

  const auto other = parse_as<MailboxStatusResponse>(
      "* STATUS {9}\r\nSent Mail (recent 0 SIZE 123456789012 unseen 2 APPENDLIMIT NIL X-FOO (1 2))\r\n");
  EXPECT_EQ(other.mailbox, "Sent Mail");
  EXPECT_EQ(other.recent, 0u);
  EXPECT_EQ(other.unseen, 2u);
  EXPECT_FALSE(other.messages);

  EXPECT_EQ(parse_as<MailboxStatusResponse>("* STATUS blurdybloop()\r\n").mailbox, "blurdybloop");
  EXPECT_EQ(parse_as<MailboxStatusResponse>("* STATUS INBOX (MESSAGES 1 )\r\n").messages, 1u);
}

TEST(ImapParserMailbox, MalformedStatus) {
  for (const char* unit :
       {"* STATUS INBOX\r\n", "* STATUS INBOX (MESSAGES)\r\n", "* STATUS INBOX (MESSAGES x)\r\n",
        "* STATUS INBOX (MESSAGES 4294967296)\r\n", "* STATUS INBOX (HIGHESTMODSEQ 99999999999999999999)\r\n",
        "* STATUS INBOX (MESSAGES 1\r\n", "* STATUS INBOX (MESSAGES 1) extra\r\n", "* STATUS (MESSAGES 1)\r\n"}) {
    parse_error(unit);
  }
}

TEST(ImapParserMailbox, NumberedUpdates) {
  EXPECT_EQ(parse_as<ExistsResponse>("* 23 EXISTS\r\n").count, 23u);
  EXPECT_EQ(parse_as<ExistsResponse>("* 0 exists\r\n").count, 0u);
  EXPECT_EQ(parse_as<RecentResponse>("* 5 RECENT\r\n").count, 5u);
  EXPECT_EQ(parse_as<ExpungeResponse>("* 44 EXPUNGE\r\n").sequence, 44u);
  EXPECT_EQ(parse_as<ExistsResponse>("* 4294967295 EXISTS\r\n").count, 4294967295u);
  for (const char* unit : {"* 4294967296 EXISTS\r\n", "* 1 EXISTS 2\r\n", "* 1\r\n", "* 1 \r\n"}) {
    parse_error(unit);
  }
  // Not a number, so an unknown response rather than a broken EXISTS.
  EXPECT_EQ(parse_as<UnknownResponse>("* -1 EXISTS\r\n").name, "-1");
}

TEST(ImapParserMailbox, Flags) {
  EXPECT_EQ(parse_as<FlagsResponse>("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n").flags,
            (std::vector<std::string>{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$Forwarded"}));
  EXPECT_TRUE(parse_as<FlagsResponse>("* FLAGS ()\r\n").flags.empty());
  for (const char* unit : {"* FLAGS\r\n", "* FLAGS (\\Seen\r\n", "* FLAGS \\Seen\r\n", "* FLAGS (\"x\")\r\n",
                           "* FLAGS (a) b\r\n"}) {
    parse_error(unit);
  }
}

}  // namespace

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "protocol/ImapCommand.h"

namespace {

using namespace kith::imap;

class ImapCommandTest : public ::testing::Test {
 protected:
  TagGenerator tags;
  CommandBuilder builder{tags};

  // Single-part command text; fails the test when it did not build.
  std::string text(const Expected<Command>& command) {
    if (!command) {
      ADD_FAILURE() << command.error().message;
      return {};
    }
    EXPECT_EQ(command->parts.size(), 1u);
    return command->text();
  }
};

TEST_F(ImapCommandTest, SimpleCommands) {
  EXPECT_EQ(builder.capability().text(), "K1 CAPABILITY\r\n");
  EXPECT_EQ(builder.noop().text(), "K2 NOOP\r\n");
  const Command idle = builder.idle();
  EXPECT_EQ(idle.tag, "K3");
  EXPECT_EQ(idle.text(), "K3 IDLE\r\n");
  EXPECT_EQ(CommandBuilder::done(), "DONE\r\n");
  EXPECT_EQ(builder.logout().text(), "K4 LOGOUT\r\n");
  EXPECT_EQ(builder.list(true).text(), "K5 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n");
  EXPECT_EQ(builder.list(false).text(), "K6 LIST \"\" \"*\"\r\n");
  EXPECT_FALSE(builder.logout().sensitive);
}

TEST_F(ImapCommandTest, Enable) {
  EXPECT_EQ(text(builder.enable({"QRESYNC"})), "K1 ENABLE QRESYNC\r\n");
  EXPECT_EQ(text(builder.enable({"CONDSTORE", "UTF8=ACCEPT"})), "K2 ENABLE CONDSTORE UTF8=ACCEPT\r\n");
  EXPECT_FALSE(builder.enable({}));
  EXPECT_FALSE(builder.enable({"QRESYNC\r\nK9 LOGOUT"}));
  EXPECT_FALSE(builder.enable({"A B"}));
  EXPECT_EQ(tags.issued(), 2u) << "rejected commands take no tag";
}

TEST_F(ImapCommandTest, StatusQuotesMailboxNames) {
  StatusItems items;
  items.messages = items.uid_next = items.uid_validity = items.highest_modseq = true;
  EXPECT_EQ(text(builder.status("INBOX", items)), "K1 STATUS \"INBOX\" (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)\r\n");
  EXPECT_EQ(text(builder.status("Sent \"Old\" \\ Items", {.unseen = true})),
            "K2 STATUS \"Sent \\\"Old\\\" \\\\ Items\" (UNSEEN)\r\n");
  EXPECT_EQ(text(builder.status("", {.recent = true})), "K3 STATUS \"\" (RECENT)\r\n");
  EXPECT_FALSE(builder.status("INBOX", {}));
  EXPECT_FALSE(builder.status(std::string("a\0b", 3), items));
}

TEST_F(ImapCommandTest, EightBitAndLineBreaksGoAsLiterals) {
  const auto sync = builder.status("Entw\xc3\xbcrfe", {.messages = true});
  ASSERT_TRUE(sync);
  EXPECT_EQ(sync->parts, (std::vector<std::string>{"K1 STATUS {9}\r\n", "Entw\xc3\xbcrfe (MESSAGES)\r\n"}));

  CommandOptions options;
  options.max_nonsync_literal = CommandOptions::kUnlimited;
  builder.set_options(options);
  const auto nonsync = builder.examine("a\r\nb");
  ASSERT_TRUE(nonsync);
  EXPECT_EQ(nonsync->parts, (std::vector<std::string>{"K2 EXAMINE {4+}\r\na\r\nb\r\n"}));

  options.max_nonsync_literal = 4096;  // LITERAL-: only small ones go without a round trip
  builder.set_options(options);
  const std::string big(5000, '\xe9');
  const auto mixed = builder.login("\xc3\xa9t\xc3\xa9", big);
  ASSERT_TRUE(mixed);
  ASSERT_EQ(mixed->parts.size(), 2u);
  EXPECT_EQ(mixed->parts[0], "K3 LOGIN {5+}\r\n\xc3\xa9t\xc3\xa9 {5000}\r\n");
  EXPECT_EQ(mixed->parts[1], big + "\r\n");

  options.utf8_accept = true;
  builder.set_options(options);
  EXPECT_EQ(text(builder.examine("Entw\xc3\xbcrfe")), "K4 EXAMINE \"Entw\xc3\xbcrfe\"\r\n");
}

TEST_F(ImapCommandTest, LoginIsSensitive) {
  const auto login = builder.login("alice", "p\"w\\d");
  ASSERT_TRUE(login);
  EXPECT_TRUE(login->sensitive);
  EXPECT_EQ(login->text(), "K1 LOGIN \"alice\" \"p\\\"w\\\\d\"\r\n");
  EXPECT_FALSE(builder.login("alice", std::string("a\0", 2)));
}

TEST_F(ImapCommandTest, Authenticate) {
  const std::string plain("\0alice\0secret", 13);
  const auto with_ir = builder.authenticate("PLAIN", plain, true);
  ASSERT_TRUE(with_ir);
  EXPECT_TRUE(with_ir->sensitive);
  EXPECT_EQ(with_ir->parts, (std::vector<std::string>{"K1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n"}));

  const auto without_ir = builder.authenticate("PLAIN", plain, false);
  ASSERT_TRUE(without_ir);
  EXPECT_EQ(without_ir->parts, (std::vector<std::string>{"K2 AUTHENTICATE PLAIN\r\n", "AGFsaWNlAHNlY3JldA==\r\n"}));

  EXPECT_EQ(builder.authenticate("EXTERNAL", "", true)->text(), "K3 AUTHENTICATE EXTERNAL =\r\n");
  EXPECT_EQ(builder.authenticate("EXTERNAL", "", false)->parts.back(), "\r\n");

  // A token too long for one line moves to the continuation.
  const std::string token(9000, 'x');
  const auto long_token = builder.authenticate("XOAUTH2", token, true);
  ASSERT_TRUE(long_token);
  ASSERT_EQ(long_token->parts.size(), 2u);
  EXPECT_EQ(long_token->parts[0], "K5 AUTHENTICATE XOAUTH2\r\n");
  EXPECT_LE(long_token->parts[0].size(), builder.options().max_line_bytes);

  EXPECT_FALSE(builder.authenticate("BAD MECH", "", true));
  EXPECT_FALSE(builder.authenticate("", "", true));
}

TEST_F(ImapCommandTest, Examine) {
  EXPECT_EQ(text(builder.examine("INBOX")), "K1 EXAMINE \"INBOX\"\r\n");
  EXPECT_EQ(text(builder.examine("INBOX", {.condstore = true})), "K2 EXAMINE \"INBOX\" (CONDSTORE)\r\n");
  QresyncParams q{67890007, 20050715194045000, UidSet::from_ranges({{41, 41}, {43, 211}, {214, 541}})};
  EXPECT_EQ(text(builder.examine("INBOX", {.qresync = q})),
            "K3 EXAMINE \"INBOX\" (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n");
  q.known_uids = UidSet();
  EXPECT_EQ(text(builder.examine("INBOX", {.condstore = true, .qresync = q})),
            "K4 EXAMINE \"INBOX\" (QRESYNC (67890007 20050715194045000))\r\n");
  EXPECT_FALSE(builder.examine("INBOX", {.qresync = QresyncParams{0, 5, {}}}));
  EXPECT_FALSE(builder.examine("INBOX", {.qresync = QresyncParams{5, 0, {}}}));
}

TEST_F(ImapCommandTest, ExamineDropsKnownUidsThatDoNotFit) {
  UidSet scattered;
  for (Uid uid = 1; uid < 20000; uid += 2) scattered.add(uid);
  const auto examine = builder.examine("INBOX", {.qresync = QresyncParams{7, 9, scattered}});
  EXPECT_EQ(text(examine), "K1 EXAMINE \"INBOX\" (QRESYNC (7 9))\r\n");
}

TEST_F(ImapCommandTest, UidFetch) {
  FetchItems items;
  items.header_fields = {"MESSAGE-ID", "DATE", "FROM"};
  const auto fetch = builder.uid_fetch(UidSet::from_ranges({{1, 500}, {700, 700}}), items);
  ASSERT_TRUE(fetch);
  ASSERT_EQ(fetch->size(), 1u);
  EXPECT_EQ((*fetch)[0].text(),
            "K1 UID FETCH 1:500,700 (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM)])\r\n");

  items.changed_since = 12345;
  items.vanished = true;
  items.flags = items.modseq = items.rfc822_size = true;
  items.header_fields = {"Message-ID", "X-Odd]Name"};
  const auto changed = builder.uid_fetch(UidSet::from_ranges({{1, 4294967295u}}), items);
  ASSERT_TRUE(changed);
  EXPECT_EQ((*changed)[0].text(),
            "K2 UID FETCH 1:4294967295 (UID INTERNALDATE FLAGS MODSEQ RFC822.SIZE BODY.PEEK[HEADER.FIELDS "
            "(Message-ID \"X-Odd]Name\")]) (CHANGEDSINCE 12345 VANISHED)\r\n");

  FetchItems minimal;
  minimal.internal_date = false;
  EXPECT_EQ((*builder.uid_fetch(UidSet::from_ranges({{5, 5}}), minimal))[0].text(), "K3 UID FETCH 5 (UID)\r\n");
}

TEST_F(ImapCommandTest, UidFetchValidation) {
  const UidSet one = UidSet::from_ranges({{1, 1}});
  FetchItems items;
  EXPECT_FALSE(builder.uid_fetch(UidSet(), items));
  items.vanished = true;
  EXPECT_FALSE(builder.uid_fetch(one, items)) << "VANISHED needs CHANGEDSINCE";
  items.changed_since = 0;
  EXPECT_FALSE(builder.uid_fetch(one, items));
  items = FetchItems();
  for (const char* bad : {"", "A B", "Date:", "X\r\nY", "\xc3\xa9"}) {
    items.header_fields = {bad};
    EXPECT_FALSE(builder.uid_fetch(one, items)) << bad;
  }
  builder.set_options({.max_line_bytes = 60});
  items.header_fields = {"MESSAGE-ID"};
  EXPECT_FALSE(builder.uid_fetch(one, items)) << "no room for a single range";
  EXPECT_EQ(tags.issued(), 0u);
}

TEST_F(ImapCommandTest, UidFetchSplitsLongSetsWithinTheLineLimit) {
  UidSet scattered;
  for (Uid uid = 1; uid <= 300000; uid += 3) scattered.add(uid);
  FetchItems items;
  items.header_fields = {"MESSAGE-ID", "DATE", "FROM", "TO", "CC", "IN-REPLY-TO"};
  items.changed_since = 99;
  for (std::size_t limit : {std::size_t{200}, std::size_t{1000}, std::size_t{8192}}) {
    builder.set_options({.max_line_bytes = limit});
    const auto commands = builder.uid_fetch(scattered, items);
    ASSERT_TRUE(commands) << commands.error().message;
    EXPECT_GT(commands->size(), 1u);
    UidSet covered;
    std::vector<std::string> tags_seen;
    for (const Command& command : *commands) {
      ASSERT_EQ(command.parts.size(), 1u);
      const std::string& line = command.parts[0];
      EXPECT_LE(line.size(), limit);
      EXPECT_EQ(line.substr(0, command.tag.size() + 11), command.tag + " UID FETCH ");
      EXPECT_EQ(line.substr(line.size() - 2), "\r\n");
      const std::size_t set_begin = command.tag.size() + 11;
      const std::size_t set_end = line.find(' ', set_begin);
      const auto piece = UidSet::parse(line.substr(set_begin, set_end - set_begin));
      ASSERT_TRUE(piece);
      for (const UidRange& r : piece->ranges()) covered.add(r);
      tags_seen.push_back(command.tag);
    }
    EXPECT_EQ(covered, scattered);
    EXPECT_EQ(std::set<std::string>(tags_seen.begin(), tags_seen.end()).size(), tags_seen.size());
  }
}

TEST_F(ImapCommandTest, UidSearch) {
  EXPECT_EQ(text(builder.uid_search({})), "K1 UID SEARCH ALL\r\n");
  EXPECT_EQ(text(builder.uid_search({.esearch = true})), "K2 UID SEARCH RETURN (ALL) ALL\r\n");
  EXPECT_EQ(text(builder.uid_search({.uid_from = 501, .since = 1580515200, .modseq = 77, .esearch = true})),
            "K3 UID SEARCH RETURN (ALL) UID 501:* SINCE 1-Feb-2020 MODSEQ 77\r\n");
  EXPECT_EQ(text(builder.uid_search({.since = 1580601599})), "K4 UID SEARCH SINCE 1-Feb-2020\r\n");
  EXPECT_FALSE(builder.uid_search({.uid_from = 0}));
  EXPECT_FALSE(builder.uid_search({.modseq = 0}));
  EXPECT_FALSE(builder.uid_search({.since = INT64_MAX}));
}

}  // namespace

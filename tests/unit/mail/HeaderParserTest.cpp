// Whole header blocks: parse_headers().
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <ostream>
#include <string>
#include <vector>

#include "MailTestSupport.h"
#include "kith/mail/HeaderParser.h"

namespace header_parser_test {

using kith::ErrorKind;
using kith::FolderRole;
using kith::Mailbox;
using kith::MessageHeaders;
using kith::mail::parse_headers;

constexpr kith::UnixSeconds kTenUtc = 1704448800;  // Fri, 05 Jan 2024 10:00:00 UTC

std::string read_test_file(const std::string& relative_path) {
  std::ifstream in(std::string(KITH_TEST_DATA_DIR) + "/" + relative_path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

MessageHeaders parse_ok(const std::string& raw) {
  auto parsed = parse_headers(raw);
  EXPECT_TRUE(parsed.has_value()) << parsed.status().message() << "\ninput: " << raw;
  return parsed.has_value() ? *parsed : MessageHeaders{};
}

TEST(ParseHeaders, WholeCrlfMessageWithMultipartBody) {
  const std::string raw = read_test_file("mail/multipart-crlf.eml");
  ASSERT_FALSE(raw.empty()) << "missing test data";
  const MessageHeaders h = parse_ok(raw);

  EXPECT_EQ(h.message_id, "20240105100000.GA1234@mail.example.org");
  EXPECT_EQ(h.date, kTenUtc);
  EXPECT_EQ(h.from, (std::vector<Mailbox>{{"Ann J\xC3\xB6rgensen", "Ann@Example.org"}}));
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"Bob", "bob@example.net"},
                                        {"Lee, Carol", "carol@example.com"},
                                        {"", "dave@example.com"}}));
  EXPECT_EQ(h.cc, (std::vector<Mailbox>{{"Andr\xC3\xA9", "andre@example.fr"}}));
  EXPECT_TRUE(h.bcc.empty());
  EXPECT_EQ(h.reply_to, (std::vector<Mailbox>{{"", "replies@example.org"}}));
  EXPECT_EQ(h.in_reply_to, "previous-1@example.net");
  EXPECT_TRUE(h.has_list_id);
  EXPECT_TRUE(h.has_list_unsubscribe);
  EXPECT_EQ(h.precedence, "list");
  EXPECT_EQ(h.auto_submitted, "");
  // Left to the caller.
  EXPECT_EQ(h.collection, "");
  EXPECT_EQ(h.item_id, "");
  EXPECT_EQ(h.folder_role, FolderRole::Other);
}

TEST(ParseHeaders, LfMessageStopsAtFirstEmptyLine) {
  const MessageHeaders h = parse_ok(
      "From: ann@x.org\n"
      "To: bob@y.org\n"
      "\n"
      "Cc: body@z.org\n"
      "Message-ID: <body@z.org>\n");
  EXPECT_EQ(h.from, (std::vector<Mailbox>{{"", "ann@x.org"}}));
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"", "bob@y.org"}}));
  EXPECT_TRUE(h.cc.empty());
  EXPECT_EQ(h.message_id, "");
}

TEST(ParseHeaders, ImapHeaderFieldsBlock) {
  // What IMAP BODY[HEADER.FIELDS (...)] returns: the fields, then CRLF.
  const MessageHeaders h = parse_ok(
      "Message-ID: <m1@x.org>\r\n"
      "Date: Fri, 5 Jan 2024 10:00:00 +0000\r\n"
      "Auto-Submitted: auto-replied; owner-email=ann@x.org\r\n"
      "\r\n");
  EXPECT_EQ(h.message_id, "m1@x.org");
  EXPECT_EQ(h.date, kTenUtc);
  EXPECT_EQ(h.auto_submitted, "auto-replied; owner-email=ann@x.org");
}

TEST(ParseHeaders, FieldNamesAreCaseInsensitive) {
  const MessageHeaders h = parse_ok(
      "MESSAGE-id: <m@x.org>\r\n"
      "from: ann@x.org\r\n"
      "tO: bob@y.org\r\n"
      "cC: carol@z.org\r\n"
      "BCC: dave@z.org\r\n"
      "reply-TO: r@x.org\r\n"
      "in-reply-to: <p@x.org>\r\n"
      "LIST-ID: <l.x.org>\r\n"
      "list-unsubscribe: <mailto:u@x.org>\r\n"
      "PRECEDENCE: bulk\r\n"
      "auto-submitted: auto-generated\r\n"
      "DATE: Fri, 5 Jan 2024 10:00:00 GMT\r\n");
  EXPECT_EQ(h.message_id, "m@x.org");
  EXPECT_EQ(h.from, (std::vector<Mailbox>{{"", "ann@x.org"}}));
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"", "bob@y.org"}}));
  EXPECT_EQ(h.cc, (std::vector<Mailbox>{{"", "carol@z.org"}}));
  EXPECT_EQ(h.bcc, (std::vector<Mailbox>{{"", "dave@z.org"}}));
  EXPECT_EQ(h.reply_to, (std::vector<Mailbox>{{"", "r@x.org"}}));
  EXPECT_EQ(h.in_reply_to, "p@x.org");
  EXPECT_TRUE(h.has_list_id);
  EXPECT_TRUE(h.has_list_unsubscribe);
  EXPECT_EQ(h.precedence, "bulk");
  EXPECT_EQ(h.auto_submitted, "auto-generated");
  EXPECT_EQ(h.date, kTenUtc);
}

TEST(ParseHeaders, FoldedFieldsAreUnfolded) {
  const MessageHeaders h = parse_ok(
      "To: =?UTF-8?Q?Ann?=\r\n"
      " =?UTF-8?Q?_Lee?= <ann@x.org>,\r\n"
      "\tbob@y.org\r\n"
      "Date: Fri, 5 Jan 2024\r\n"
      "    10:00:00 +0000\r\n"
      "Message-ID:\r\n"
      " <folded@x.org>\r\n"
      "Precedence:\r\n"
      "  junk\r\n"
      "\r\n");
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"Ann Lee", "ann@x.org"}, {"", "bob@y.org"}}));
  EXPECT_EQ(h.date, kTenUtc);
  EXPECT_EQ(h.message_id, "folded@x.org");
  EXPECT_EQ(h.precedence, "junk");
}

struct IdCase {
  std::string value;
  std::string expected;
};

std::ostream& operator<<(std::ostream& out, const IdCase& c) { return out << '"' << c.value << '"'; }

class MessageIdValue : public ::testing::TestWithParam<IdCase> {};

TEST_P(MessageIdValue, LosesBracketsAndBlanks) {
  EXPECT_EQ(parse_ok("Message-ID: " + GetParam().value + "\r\n").message_id, GetParam().expected);
  EXPECT_EQ(parse_ok("In-Reply-To: " + GetParam().value + "\r\n").in_reply_to, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, MessageIdValue,
    ::testing::Values(IdCase{"<abc@x.org>", "abc@x.org"}, IdCase{"   <abc@x.org>   ", "abc@x.org"},
                      IdCase{"<abc@x.org> (added by relay)", "abc@x.org"},
                      IdCase{"<abc@\r\n x.org>", "abc@x.org"}, IdCase{"< abc@x.org >", "abc@x.org"},
                      IdCase{"abc@x.org", "abc@x.org"}, IdCase{"<abc@x.org", "abc@x.org"},
                      IdCase{"<a@x.org> <b@x.org>", "a@x.org"},
                      IdCase{"Your message of Fri, 5 Jan <a@x.org>", "a@x.org"}, IdCase{"<>", ""},
                      IdCase{"", ""}));

// RFC 5322 4.5.4: CFWS between the parts of an obsolete msg-id, and
// comments are not part of it (3.2.2). Every form below names the message
// <abc123@host.example>.
INSTANTIATE_TEST_SUITE_P(
    ObsoleteWithComments, MessageIdValue,
    ::testing::Values(IdCase{"<abc123 @ host(relay) .example>", "abc123@host.example"},
                      IdCase{"<abc123(x)@host.example>", "abc123@host.example"},
                      IdCase{"<(lead)abc123@host.example(trail)>", "abc123@host.example"},
                      IdCase{"<abc123@host.(nested (deep) comment)example>", "abc123@host.example"},
                      IdCase{"<abc123@host.(a \\) quoted paren)example>", "abc123@host.example"},
                      IdCase{"<abc123@(has > inside)host.example>", "abc123@host.example"},
                      IdCase{"<abc123\r\n (folded\r\n comment) @\r\n\thost.example>", "abc123@host.example"},
                      IdCase{"(see <fake@x.org>) <abc123@host.example>", "abc123@host.example"},
                      IdCase{"(comment) abc123@host.example", "abc123@host.example"},
                      IdCase{"<ABC123 @ Host(Relay).Example>", "ABC123@Host.Example"},
                      // A quoted obs-id-left keeps what it quotes, parentheses included.
                      IdCase{"<\"a (b)\"@host.example>", "\"a (b)\"@host.example"},
                      IdCase{"<\"a\\\"b\"@host.example>", "\"a\\\"b\"@host.example"}));

TEST(ParseHeaders, RepeatedFields) {
  // Invalid but seen in the wild: lists add up, single values keep the
  // first usable one.
  const MessageHeaders h = parse_ok(
      "To: a@x.org\n"
      "Message-ID: <first@x.org>\n"
      "Date: not a date\n"
      "To: b@y.org\n"
      "Message-ID: <second@x.org>\n"
      "Date: Fri, 5 Jan 2024 10:00:00 +0000\n"
      "Date: Sat, 6 Jan 2024 10:00:00 +0000\n");
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"", "a@x.org"}, {"", "b@y.org"}}));
  EXPECT_EQ(h.message_id, "first@x.org");
  EXPECT_EQ(h.date, kTenUtc);
}

TEST(ParseHeaders, MissingFieldsAreFine) {
  const MessageHeaders h = parse_ok("Subject: hello\r\n");
  EXPECT_EQ(h.message_id, "");
  EXPECT_EQ(h.date, std::nullopt);
  EXPECT_TRUE(h.from.empty());
  EXPECT_TRUE(h.to.empty());
  EXPECT_FALSE(h.has_list_id);
  EXPECT_FALSE(h.has_list_unsubscribe);
  EXPECT_EQ(h.precedence, "");
}

TEST(ParseHeaders, UnparseableDateIsNullopt) {
  EXPECT_EQ(parse_ok("Date: sometime last week\r\nFrom: a@x.org\r\n").date, std::nullopt);
}

TEST(ParseHeaders, EmptyMarkerFieldsStillCount) {
  const MessageHeaders h = parse_ok("List-Id:\r\nList-Unsubscribe: \r\nSubject: x\r\n");
  EXPECT_TRUE(h.has_list_id);
  EXPECT_TRUE(h.has_list_unsubscribe);
}

TEST(ParseHeaders, BadLineEndsTheHeader) {
  // A line that is neither a field nor a continuation starts the body
  // (mimetic's rule; a missing empty line between header and body).
  const MessageHeaders h = parse_ok("To: a@x.org\r\nthis line is body text\r\nCc: b@y.org\r\n");
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"", "a@x.org"}}));
  EXPECT_TRUE(h.cc.empty());
}

TEST(ParseHeaders, OldMacLineEnds) {
  const MessageHeaders h = parse_ok("To: a@x.org\rCc: b@y.org\r\rBcc: body@z.org\r");
  EXPECT_EQ(h.to, (std::vector<Mailbox>{{"", "a@x.org"}}));
  EXPECT_EQ(h.cc, (std::vector<Mailbox>{{"", "b@y.org"}}));
  EXPECT_TRUE(h.bcc.empty());
}

class NotAHeader : public ::testing::TestWithParam<std::string> {};

TEST_P(NotAHeader, IsAnItemError) {
  const auto parsed = parse_headers(GetParam());
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.status().kind(), ErrorKind::Item);
  EXPECT_FALSE(parsed.status().message().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, NotAHeader,
    ::testing::Values(std::string(), std::string("\r\n"), std::string("hello world"),
                      std::string("\r\n\r\nTo: body@x.org\r\n"), std::string("   To: indented@x.org\r\n"),
                      std::string(": no name\r\n"), std::string("\x01\x02\x03", 3),
                      // An mbox envelope line is not a header field; mbox
                      // readers strip it before calling parse_headers.
                      std::string("From ann@x.org Fri Jan  5 10:00:00 2024\nTo: b@y.org\n")));

}  // namespace header_parser_test

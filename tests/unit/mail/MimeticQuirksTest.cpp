// Regression tests for mimetic 0.9.8 behaviour we work around. Each test is
// named after what broke when mimetic was used directly.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "MailTestSupport.h"
#include "kith/mail/HeaderParser.h"

namespace {

using kith::Mailbox;
using kith::mail::decode_encoded_words;
using kith::mail::parse_address_list;
using kith::mail::parse_headers;

using Mailboxes = std::vector<Mailbox>;

TEST(MimeticQuirks, CcAccessorCorruptedGroupSyntax) {
  // Header::cc() came back as "undisclosed-recipients@;, Teama@x.org".
  const auto parsed = parse_headers("Cc: undisclosed-recipients:;, Team: a@x.org;\r\n\r\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->cc, (Mailboxes{{"", "a@x.org"}}));
}

TEST(MimeticQuirks, EmptyGroupYieldedOneEmptyMailbox) {
  EXPECT_TRUE(parse_address_list("undisclosed-recipients:;").empty());
  EXPECT_EQ(parse_address_list("undisclosed-recipients:;, b@y.org"), (Mailboxes{{"", "b@y.org"}}));
}

TEST(MimeticQuirks, DisplayNameCameBackRawEncoded) {
  EXPECT_EQ(parse_address_list("=?UTF-8?B?w4Fubg==?= <ann@x.org>"), (Mailboxes{{"\xC3\x81nn", "ann@x.org"}}));
}

TEST(MimeticQuirks, DisplayNameKeptQuotesAndLeadingBlank) {
  EXPECT_EQ(parse_address_list("a@x.org,  \"Bob\" <b@y.org>"), (Mailboxes{{"", "a@x.org"}, {"Bob", "b@y.org"}}));
}

TEST(MimeticQuirks, UnterminatedGroupLostItsLastCharacter) {
  // Came back as b@y.or, and as "Bob<b"@y.org with an angle-addr.
  EXPECT_EQ(parse_address_list("Team: a@x.org, b@y.org"), (Mailboxes{{"", "a@x.org"}, {"", "b@y.org"}}));
  EXPECT_EQ(parse_address_list("Team: Bob <b@y.org>"), (Mailboxes{{"Bob", "b@y.org"}}));
}

TEST(MimeticQuirks, BlanksAfterAngleBracketLostTheMailbox) {
  // "A <a@x.org> , b" gave local part "A<a" and domain "x.org>".
  EXPECT_EQ(parse_address_list("A <a@x.org> , b@y.org"), (Mailboxes{{"A", "a@x.org"}, {"", "b@y.org"}}));
  EXPECT_EQ(parse_address_list("<a@x.org>   "), (Mailboxes{{"", "a@x.org"}}));
  EXPECT_EQ(parse_address_list("A <a@x.org> (work), B <b@y.org>\t"),
            (Mailboxes{{"A", "a@x.org"}, {"B", "b@y.org"}}));
}

TEST(MimeticQuirks, TrailingTabStayedInDomain) {
  EXPECT_EQ(parse_address_list("a@x.org\t"), (Mailboxes{{"", "a@x.org"}}));
}

TEST(MimeticQuirks, LineBreakStayedInDomain) {
  EXPECT_EQ(parse_address_list("a@x.org\r\n, b@y.org"), (Mailboxes{{"", "a@x.org"}, {"", "b@y.org"}}));
}

TEST(MimeticQuirks, ColonInCommentWasReadAsGroup) {
  EXPECT_EQ(parse_address_list("(c:o;m) a@x.org"), (Mailboxes{{"", "a@x.org"}}));
  EXPECT_EQ(parse_address_list("a@x.org (Team: x)"), (Mailboxes{{"", "a@x.org"}}));
}

TEST(MimeticQuirks, SourceRouteCommaSplitTheList) {
  EXPECT_EQ(parse_address_list("<@r1.org,@r2.org:a@x.org>, b@y.org"), (Mailboxes{{"", "a@x.org"}, {"", "b@y.org"}}));
}

TEST(MimeticQuirks, LoneColonThrewLengthError) {
  EXPECT_NO_THROW({
    EXPECT_TRUE(parse_address_list(":").empty());
    EXPECT_TRUE(parse_address_list("::").empty());
  });
}

TEST(MimeticQuirks, LastFieldWithoutFollowingLineWasDropped) {
  auto parsed = parse_headers("Message-ID: <only@x.org>");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->message_id, "only@x.org");
  parsed = parse_headers("Subject: x\r\nTo: last@x.org\r\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to, (Mailboxes{{"", "last@x.org"}}));
}

TEST(MimeticQuirks, QpDecoderTurnedTrailingBlankIntoEquals) {
  EXPECT_EQ(decode_encoded_words("=?UTF-8?Q?Ann_?="), "Ann ");
}

TEST(MimeticQuirks, QpDecoderIgnoresUnderscore) {
  EXPECT_EQ(decode_encoded_words("=?UTF-8?Q?a_b_c?="), "a b c");
}

TEST(MimeticQuirks, Base64DecoderTableLookupOnHighBytes) {
  // mimetic indexes its decode table with any byte; such words must never
  // reach it (ASan would flag the read). They are kept as written.
  const std::string word = "=?UTF-8?B?w4\xFF\x7F" "Fubg==?=";
  EXPECT_EQ(decode_encoded_words(word), word);
}

TEST(MimeticQuirks, NulByteEndsFieldValue) {
  // mimetic keeps field values as C strings: a NUL cuts the value short.
  const auto parsed = parse_headers(std::string("To: a@x.org\0, b@y.org\r\nCc: c@z.org\r\n", 37));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to, (Mailboxes{{"", "a@x.org"}}));
  EXPECT_EQ(parsed->cc, (Mailboxes{{"", "c@z.org"}}));
}

TEST(MimeticQuirks, HugeFieldTookQuadraticTime) {
  // mimetic grows field buffers 128 bytes at a time: a 2 MB field took
  // 13 s. The header block is capped at 256 KiB; fields past the cap are
  // lost, fields before it are kept.
  std::string raw = "Message-ID: <big@x.org>\r\nSubject: ";
  raw.append(4 * 1024 * 1024, 'x');
  raw += "\r\nTo: after-the-cap@x.org\r\n\r\n";
  const auto started = std::chrono::steady_clock::now();
  const auto parsed = parse_headers(raw);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->message_id, "big@x.org");
  EXPECT_TRUE(parsed->to.empty());
  // Generous bound (sanitizer builds are slow); uncapped this takes minutes.
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

TEST(MimeticQuirks, BodyStageCannotLoseHeaderFields) {
  // mimetic re-parses Content-Type after reading the header; a hostile one
  // must not cost us the fields.
  const auto parsed = parse_headers(
      "Content-Type: multipart/mixed; boundary=\"\"\r\n"
      "To: a@x.org\r\n"
      "\r\n"
      "--\r\n--\r\nTo: body@x.org\r\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to, (Mailboxes{{"", "a@x.org"}}));
}

}  // namespace

// No input may crash, hang or throw: random bytes, mutated messages,
// header-like token soup and hand-picked pathological inputs. Run this
// under -DKITH_SANITIZE=ON as well: the point is also what ASan sees.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "MailTestSupport.h"
#include "kith/mail/FolderRoles.h"
#include "kith/mail/HeaderParser.h"

namespace robustness_test {

using kith::ErrorKind;
using kith::Mailbox;
using kith::mail::decode_encoded_words;
using kith::mail::parse_address_list;
using kith::mail::parse_date;
using kith::mail::parse_headers;
using kith::mail::testing::looks_like_utf8;

constexpr kith::UnixSeconds kYear1900 = -2208988800;
constexpr kith::UnixSeconds kYear10000 = 253402300800;

bool has_control_character(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

// What every mailbox must look like, whatever the input was.
void expect_sane_mailboxes(const std::vector<Mailbox>& mailboxes, std::string_view input) {
  for (const Mailbox& mailbox : mailboxes) {
    EXPECT_FALSE(mailbox.address.empty()) << "input: " << ::testing::PrintToString(std::string(input));
    EXPECT_NE(mailbox.address.find('@'), std::string::npos) << mailbox.address;
    EXPECT_TRUE(looks_like_utf8(mailbox.address)) << ::testing::PrintToString(mailbox.address);
    EXPECT_FALSE(has_control_character(mailbox.address)) << ::testing::PrintToString(mailbox.address);
    EXPECT_TRUE(looks_like_utf8(mailbox.name)) << ::testing::PrintToString(mailbox.name);
    EXPECT_FALSE(has_control_character(mailbox.name)) << ::testing::PrintToString(mailbox.name);
  }
}

// Runs every entry point on `input` and checks the invariants. Returns
// how many mailboxes parse_headers found, so callers can check that the
// generated inputs reach the interesting paths at all.
std::size_t exercise(const std::string& input) {
  std::size_t mailboxes_found = 0;
  EXPECT_NO_THROW({
    const auto parsed = parse_headers(input);
    if (parsed.has_value()) {
      mailboxes_found = parsed->from.size() + parsed->to.size() + parsed->cc.size() + parsed->bcc.size() +
                        parsed->reply_to.size();
      for (const auto* list : {&parsed->from, &parsed->to, &parsed->cc, &parsed->bcc, &parsed->reply_to})
        expect_sane_mailboxes(*list, input);
      if (parsed->date) {
        EXPECT_GE(*parsed->date, kYear1900 - 86400);
        EXPECT_LT(*parsed->date, kYear10000 + 86400);
      }
    } else {
      EXPECT_EQ(parsed.status().kind(), ErrorKind::Item);
    }
    expect_sane_mailboxes(parse_address_list(input), input);
    (void)decode_encoded_words(input);
    (void)parse_date(input);
    (void)kith::mail::role_from_name(input);
    (void)kith::mail::role_from_special_use(input);
  }) << ::testing::PrintToString(input.substr(0, 200));
  return mailboxes_found;
}

std::string read_test_file(const std::string& relative_path) {
  std::ifstream in(std::string(KITH_TEST_DATA_DIR) + "/" + relative_path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(Robustness, RandomBytes) {
  std::mt19937 random(20240105);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 2048);
  for (int round = 0; round < 1500; ++round) {
    std::string input(length(random), '\0');
    for (char& c : input) c = static_cast<char>(byte(random));
    exercise(input);
  }
}

TEST(Robustness, HeaderLikeTokenSoup) {
  // Fields of real header syntax glued at random: far more likely than
  // random bytes to reach deep parser states.
  static const std::array<std::string_view, 11> kFieldNames = {
      "To: ", "From: ", "Cc:", "bcc: ", "Reply-To:", "Date: ", "Message-ID: ", "In-Reply-To:",
      "List-Id:", "Content-Type: multipart/mixed; boundary=\"b\"", "X: "};
  static const std::array<std::string_view, 43> kPieces = {
      "\r\n", "\n", "\r", " ", " ", " ", "\t", "\r\n ", "<", ">", "\"", "(", ")", ",", ";", ":", "@",
      "\\", "[", "]", "=?", "?=", "?B?", "?Q?", "UTF-8", "ISO-2022-JP", "x-bogus", "w4Fubg==", "=C3",
      "=81", "_", "GyRCJEsbKEI", "a@x.org", "Ann Lee", "Team:", "undisclosed-recipients:;",
      "Fri, 5 Jan 2024 10:00:00 +0000", "99", std::string_view("\0", 1), "\xFF", "\xC3",
      "\xE2\x82\xAC", "--b"};
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> field_name(0, kFieldNames.size() - 1);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> field_count(1, 8);
  std::uniform_int_distribution<int> piece_count(0, 12);
  std::size_t mailboxes_found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    for (int field = field_count(random); field > 0; --field) {
      input += kFieldNames[field_name(random)];
      for (int n = piece_count(random); n > 0; --n) input += kPieces[piece(random)];
      input += "\r\n";
    }
    mailboxes_found += exercise(input);
  }
  EXPECT_GT(mailboxes_found, 40u) << "the soup no longer reaches address parsing";
}

TEST(Robustness, MutatedRealMessage) {
  const std::string original = read_test_file("mail/multipart-crlf.eml");
  ASSERT_FALSE(original.empty()) << "missing test data";
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> edits(1, 20);
  std::uniform_int_distribution<int> edit_kind(0, 2);
  std::size_t mailboxes_found = 0;
  for (int round = 0; round < 600; ++round) {
    std::string input = original;
    for (int n = edits(random); n > 0 && !input.empty(); --n) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, input.size() - 1)(random);
      switch (edit_kind(random)) {
        case 0: input[at] = static_cast<char>(byte(random)); break;
        case 1: input.insert(at, 1, static_cast<char>(byte(random))); break;
        default: input.erase(at, 1); break;
      }
    }
    mailboxes_found += exercise(input);
  }
  EXPECT_GT(mailboxes_found, 600u) << "the mutations no longer leave parsable messages";
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string text;
  text.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) text += piece;
  return text;
}

TEST(Robustness, PathologicalInputs) {
  const std::vector<std::string> inputs = {
      "To: " + std::string(1 << 20, 'a'),                 // one 1 MB line, no line break
      "To: " + repeated("=?", 200000),                    // encoded-word starts, no ends
      "To: =?UTF-8?B?" + std::string(100000, 'A'),        // unterminated encoded word
      "Subject: " + repeated("=?UTF-8?Q?=FF?= ", 20000),  // many undecodable adjacent words
      "To: " + repeated(",", 100000),
      "To: " + repeated("(", 100000) + "a@x.org",         // unterminated nested comment
      "To: " + repeated("<@", 100000),                    // route scans
      "To: " + repeated("a:", 50000),                     // group opens
      "To: " + repeated("\"", 100001),                    // unbalanced quotes
      "Date: " + repeated("(", 100000),
      "Date: Fri, 5 Jan " + std::string(100000, '9') + " 10:00:00 +0000",
      repeated("X-Field: value\r\n", 20000) + "To: a@x.org\r\n",
      std::string(65536, '\r'),
      std::string(65536, '\n'),
      std::string(65536, '\0'),
      "To: a@x.org" + std::string(65536, ' '),
      "To:\r\n" + repeated(" \r\n", 50000) + " a@x.org",   // endless folding
      "=?UTF-8?B?" + repeated("w4Fubg==", 50000) + "?=",  // one huge valid word
      ":",
      "\r\n:",
      "To",
      "To:",
      "=?",
      "=?UTF-8?",
      "=?UTF-8?Q?",
      "=?UTF-8?Q?=",
  };
  for (const std::string& input : inputs) exercise(input);
}

TEST(Robustness, ValidPartsSurviveGarbageAround) {
  // Garbage in one field must not cost the others.
  static constexpr char kRaw[] =
      "From: \xFF\xFE (((\r\n"
      "To: =?UTF-8?B?!!!?= <a@x.org>\r\n"
      "Cc: \"\0\" <c@z.org>\r\n"
      "Date: \x01\x02\r\n"
      "Message-ID: <ok@x.org>\r\n";
  const auto parsed = parse_headers(std::string(kRaw, sizeof kRaw - 1));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->from.empty());
  EXPECT_EQ(parsed->to, (std::vector<Mailbox>{{"=?UTF-8?B?!!!?=", "a@x.org"}}));
  EXPECT_TRUE(parsed->cc.empty());  // the NUL ends mimetic's copy of the value
  EXPECT_EQ(parsed->date, std::nullopt);
  EXPECT_EQ(parsed->message_id, "ok@x.org");
}

}  // namespace robustness_test

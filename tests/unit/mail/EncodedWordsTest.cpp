// RFC 2047 decoding: decode_encoded_words().
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "kith/mail/HeaderParser.h"

namespace {

using kith::mail::decode_encoded_words;

struct DecodeCase {
  const char* what;
  std::string input;
  std::string expected;
};

std::ostream& operator<<(std::ostream& out, const DecodeCase& c) { return out << c.what; }

class DecodeEncodedWords : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(DecodeEncodedWords, DecodesToUtf8) {
  const DecodeCase& c = GetParam();
  EXPECT_EQ(decode_encoded_words(c.input), c.expected) << c.what << ": " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Charsets, DecodeEncodedWords,
    ::testing::Values(
        DecodeCase{"utf-8 base64", "=?UTF-8?B?w4Fubg==?=", "\xC3\x81nn"},
        DecodeCase{"utf-8 base64 without padding", "=?UTF-8?B?w4Fubg?=", "\xC3\x81nn"},
        DecodeCase{"utf-8 q", "=?UTF-8?Q?J=C3=B6rg?=", "J\xC3\xB6rg"},
        DecodeCase{"lower-case charset, encoding and hex", "=?utf-8?q?J=c3=b6rg?=", "J\xC3\xB6rg"},
        DecodeCase{"q underscore is space", "=?UTF-8?Q?Ann_Lee?=", "Ann Lee"},
        DecodeCase{"iso-8859-1", "=?ISO-8859-1?Q?Andr=E9?=", "Andr\xC3\xA9"},
        DecodeCase{"iso-8859-1 label with windows-1252 bytes", "=?ISO-8859-1?Q?=93hi=94?=",
                   "\xE2\x80\x9Chi\xE2\x80\x9D"},
        DecodeCase{"iso-8859-2", "=?ISO-8859-2?Q?=A3=F3=64=BC?=", "\xC5\x81\xC3\xB3" "d\xC5\xBA"},
        DecodeCase{"iso-8859-15 euro", "=?ISO-8859-15?Q?=A4?=", "\xE2\x82\xAC"},
        DecodeCase{"windows-1252", "=?windows-1252?Q?=80_5?=", "\xE2\x82\xAC 5"},
        DecodeCase{"windows-1251", "=?windows-1251?B?z/Do4uXy?=",
                   "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"},
        DecodeCase{"koi8-r", "=?KOI8-R?B?8NLJ18XU?=", "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"},
        DecodeCase{"iso-2022-jp (stateful)", "=?ISO-2022-JP?B?GyRCJEskWyQ0GyhC?=",
                   "\xE3\x81\xAB\xE3\x81\xBB\xE3\x81\x94"},
        DecodeCase{"ks_c_5601-1987 alias", "=?ks_c_5601-1987?B?x9E=?=", "\xED\x95\x9C"},
        DecodeCase{"gb2312 read as gb18030", "=?gb2312?B?1tDOxA==?=", "\xE4\xB8\xAD\xE6\x96\x87"},
        DecodeCase{"rfc 2231 language suffix", "=?UTF-8*en?Q?Hi?=", "Hi"},
        DecodeCase{"empty payload", "=?UTF-8?B?" "?=", ""}));

INSTANTIATE_TEST_SUITE_P(
    Whitespace, DecodeEncodedWords,
    ::testing::Values(
        DecodeCase{"blank between words dropped", "=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"},
        DecodeCase{"folding between words dropped", "=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab"},
        DecodeCase{"several blanks between words dropped", "=?UTF-8?Q?a?=  \t =?UTF-8?Q?b?=", "ab"},
        DecodeCase{"blank between text and word kept", "Hello =?UTF-8?Q?W=C3=B6rld?= !", "Hello W\xC3\xB6rld !"},
        DecodeCase{"space inside a word kept", "=?UTF-8?Q?a_?= =?UTF-8?Q?_b?=", "a  b"},
        DecodeCase{"words in different charsets", "=?ISO-8859-1?Q?=E9?= =?UTF-8?Q?=C3=A9?=",
                   "\xC3\xA9\xC3\xA9"},
        DecodeCase{"character split across two words", "=?UTF-8?Q?=C3?= =?UTF-8?Q?=81nn?=", "\xC3\x81nn"},
        DecodeCase{"words glued together", "=?UTF-8?Q?a?==?UTF-8?Q?b?=", "ab"},
        DecodeCase{"word glued to text", "Re:=?UTF-8?Q?J=C3=B6rg?=", "Re:J\xC3\xB6rg"},
        DecodeCase{"blank next to an undecodable word kept", "=?UTF-8?Q?a?= =?x-unknown?Q?b?=",
                   "a =?x-unknown?Q?b?="}));

INSTANTIATE_TEST_SUITE_P(
    KeptAsWritten, DecodeEncodedWords,
    ::testing::Values(
        DecodeCase{"plain text", "Hello World", "Hello World"},
        DecodeCase{"lone =?", "50% =? less", "50% =? less"},
        DecodeCase{"unknown charset", "=?x-unknown?Q?abc?=", "=?x-unknown?Q?abc?="},
        DecodeCase{"invalid utf-8 bytes", "=?UTF-8?Q?=FF?=", "=?UTF-8?Q?=FF?="},
        DecodeCase{"invalid base64 character", "=?UTF-8?B?w4F!bg==?=", "=?UTF-8?B?w4F!bg==?="},
        DecodeCase{"unknown encoding", "=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="},
        DecodeCase{"unterminated word", "=?UTF-8?Q?abc", "=?UTF-8?Q?abc"},
        DecodeCase{"unterminated after charset", "=?UTF-8?Q", "=?UTF-8?Q"},
        DecodeCase{"empty charset", "=?" "?Q?abc?=", "=?" "?Q?abc?="},
        DecodeCase{"blank inside payload", "=?UTF-8?Q?a b?=", "=?UTF-8?Q?a b?="},
        DecodeCase{"iconv options in charset", "=?UTF-8//TRANSLIT?Q?a?=", "=?UTF-8//TRANSLIT?Q?a?="},
        DecodeCase{"only markers", "=?=?=?", "=?=?=?"}));

TEST(DecodeEncodedWordsTest, FailedRunFallsBackWordByWord) {
  // The two UTF-8 words cannot be converted together (the first one is
  // invalid), but the second one still decodes on its own.
  EXPECT_EQ(decode_encoded_words("=?UTF-8?Q?=FF?= =?UTF-8?Q?ok?="), "=?UTF-8?Q?=FF?= ok");
}

}  // namespace

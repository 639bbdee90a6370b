#include <gtest/gtest.h>

#include <string>

#include "protocol/ImapBase64.h"
#include "protocol/ImapQuote.h"

namespace {

using kith::imap::append_quoted;
using kith::imap::base64_decode;
using kith::imap::base64_encode;
using kith::imap::is_atom;
using kith::imap::string_form;
using kith::imap::StringForm;

TEST(ImapBase64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), plain);
  }
  EXPECT_EQ(base64_encode(std::string("\0user\0pass", 10)), "AHVzZXIAcGFzcw==");
}

TEST(ImapBase64, RoundTripsAllBytes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t n = 0; n <= bytes.size(); n += 37) {
    EXPECT_EQ(base64_decode(base64_encode(bytes.substr(0, n))), bytes.substr(0, n));
  }
}

TEST(ImapBase64, RejectsMalformedInput) {
  for (const char* bad : {"Zg", "Zg=", "Z===", "Zg=a", "Zm9v!", "Zm9v Zm9v", "=Zm9", "Zm=v"}) {
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
  }
}

TEST(ImapQuote, ChoosesTheForm) {
  EXPECT_EQ(string_form("INBOX", false), StringForm::Quoted);
  EXPECT_EQ(string_form("", false), StringForm::Quoted);
  EXPECT_EQ(string_form("Sent \"Items\" \\ x", false), StringForm::Quoted);
  EXPECT_EQ(string_form("Entw\xc3\xbcrfe", false), StringForm::Literal);
  EXPECT_EQ(string_form("Entw\xc3\xbcrfe", true), StringForm::Quoted);
  EXPECT_EQ(string_form("a\r\nb", true), StringForm::Literal);
  EXPECT_EQ(string_form(std::string("a\0b", 3), true), StringForm::Unrepresentable);
}

TEST(ImapQuote, EscapesQuotesAndBackslashes) {
  std::string out = "x ";
  append_quoted(out, R"(a"b\c)");
  EXPECT_EQ(out, R"(x "a\"b\\c")");
}

TEST(ImapQuote, Atoms) {
  EXPECT_TRUE(is_atom("QRESYNC"));
  EXPECT_TRUE(is_atom("AUTH=PLAIN"));
  EXPECT_TRUE(is_atom("X-GM-EXT-1"));
  for (const char* not_atom : {"", "a b", "a(", "a]", "a*", "a%", "a\"", "a\\", "a{", "\xc3\xbc"}) {
    EXPECT_FALSE(is_atom(not_atom)) << not_atom;
  }
}

}  // namespace

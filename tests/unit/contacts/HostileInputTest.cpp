// Input no exporter writes: each is refused with one line naming what is
// wrong, or read within the limits, and never takes long.
#include <chrono>

#include "VCardTestSupport.h"

namespace kith::contacts::testing {
namespace {

TEST(Hostile, EmptyAndBomOnlyAreRefused) {
  EXPECT_EQ(refusal(""), "empty vCard resource");
  EXPECT_EQ(refusal("\xEF\xBB\xBF"), "empty vCard resource");
  EXPECT_EQ(refusal("\r\n \r\n"), "empty vCard resource");
}

TEST(Hostile, NotAVCardAtAll) {
  EXPECT_EQ(refusal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "not a vCard resource: no BEGIN:VCARD");
  EXPECT_EQ(refusal(std::string_view("B\0E\0G\0", 6)), "not a vCard resource: contains NUL bytes");
}

TEST(Hostile, BinaryGarbage) {
  std::string garbage;
  std::uint32_t state = 12345;
  for (int i = 0; i < 100000; ++i) {
    state = state * 1103515245u + 12345u;
    char c = static_cast<char>(state >> 24);
    garbage += c == '\0' ? 'x' : c;
  }
  EXPECT_EQ(refusal(garbage), "not a vCard resource: no BEGIN:VCARD");
  // Inside a card, the first line that is not a property is named.
  EXPECT_EQ(refusal("BEGIN:VCARD\r\nVERSION:3.0\r\n" + garbage), "line 3: not a vCard property");
}

TEST(Hostile, UnterminatedCardIsNamed) {
  EXPECT_EQ(refusal("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n"), "the card at line 1 has no END:VCARD");
  EXPECT_EQ(refusal(vcard("3.0", {"FN:A"}) + "BEGIN:VCARD\r\nFN:B\r\n"), "the card at line 5 has no END:VCARD");
  // A card that never ends before the next begins is not merged silently.
  EXPECT_EQ(refusal("BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"),
            "the card at line 1 has no END:VCARD");
}

TEST(Hostile, MalformedLinesInACard) {
  EXPECT_EQ(refusal(vcard("3.0", {"FN:Ann", "just some words"})), "line 4: not a vCard property");
  EXPECT_EQ(refusal(vcard("3.0", {"EMAIL;TYPE=\"work:a@example.org"})), "line 3: not a vCard property");
  EXPECT_EQ(refusal(vcard("3.0", {"E MAIL:a@example.org"})), "line 3: not a vCard property");
  EXPECT_EQ(refusal(vcard("3.0", {"EMAIL;TY PE=work:a@example.org"})), "line 3: not a vCard property");
}

TEST(Hostile, ResourceLargerThanTheLimit) {
  VCardLimits limits;
  limits.max_bytes = 100;
  EXPECT_EQ(refusal(vcard("3.0", {"NOTE:" + std::string(100, 'x')}), limits),
            "vCard resource larger than 100 bytes");
}

TEST(Hostile, TooManyCardsOrProperties) {
  VCardLimits limits;
  limits.max_cards = 2;
  EXPECT_EQ(refusal(vcard("3.0", {}) + vcard("3.0", {}) + vcard("3.0", {}), limits), "line 7: more than 2 cards");
  EXPECT_EQ(read_ok(vcard("3.0", {}) + vcard("3.0", {}), limits).size(), 2u);
  limits = {};
  limits.max_properties = 3;
  EXPECT_EQ(refusal(vcard("3.0", {"FN:A", "N:A;B", "NOTE:x"}), limits), "the card at line 1 has more than 3 properties");
  EXPECT_EQ(read_ok(vcard("3.0", {"FN:A", "N:A;B"}), limits).size(), 1u);
}

TEST(Hostile, OverLongValuesAreSkipped) {
  VCardLimits limits;
  limits.max_value_bytes = 1000;
  std::string photo = "PHOTO;ENCODING=b;TYPE=JPEG:";
  for (int i = 0; i < 100; ++i) photo += std::string(70, 'A') + "\r\n ";
  photo += "AAAA";
  const auto cards = read_ok(vcard("3.0", {"FN:Ann", photo, "NOTE:" + std::string(2000, 'n'), "EMAIL:a@example.org"}),
                             limits);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].formatted_name, "Ann");
  EXPECT_EQ(cards[0].note, "");  // over the limit: skipped, not cut
  ASSERT_EQ(cards[0].handles.size(), 1u);
}

TEST(Hostile, OneMegabyteLine) {
  const std::string megabyte(1 << 20, 'x');
  const auto start = std::chrono::steady_clock::now();
  // As a value: skipped.
  EXPECT_EQ(read_one(vcard("3.0", {"NOTE:" + megabyte, "FN:Ann"})).formatted_name, "Ann");
  // As a line without a ':' in its first max_value_bytes: not a property.
  EXPECT_EQ(refusal(vcard("3.0", {megabyte + ":x"})), "line 3: not a vCard property");
  // Outside a card: ignored, and the file holds no card.
  EXPECT_EQ(refusal(megabyte), "not a vCard resource: no BEGIN:VCARD");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Hostile, DeepFoldingAndEndlessSoftBreaks) {
  // 500,000 continuation lines (4 MB): linear, bounded by max_value_bytes.
  std::string folded = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:x";
  std::string soft = "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:=41=";
  for (int i = 0; i < 500000; ++i) {
    folded += "\r\n y";
    soft += "\r\n=";
  }
  folded += "\r\nFN:Ann\r\nEND:VCARD\r\n";
  soft += "\r\nEND:VCARD\r\n";
  const auto start = std::chrono::steady_clock::now();
  const ContactCard card = read_one(folded);
  EXPECT_EQ(card.formatted_name, "Ann");
  EXPECT_EQ(card.note, "");
  EXPECT_EQ(read_one(soft).note, "A");  // every '=' a soft break that adds nothing
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Hostile, DeeplyNestedCards) {
  std::string nested = "BEGIN:VCARD\r\nFN:Outer\r\n";
  for (int i = 0; i < 900; ++i) nested += "BEGIN:VCARD\r\n";
  for (int i = 0; i < 900; ++i) nested += "END:VCARD\r\n";
  EXPECT_EQ(read_one(nested + "END:VCARD\r\n").formatted_name, "Outer");
  EXPECT_EQ(refusal(nested), "the card at line 1 has no END:VCARD");
  // Their lines count as the outer card's properties.
  VCardLimits limits;
  limits.max_properties = 100;
  EXPECT_EQ(refusal(nested + "END:VCARD\r\n", limits), "the card at line 1 has more than 100 properties");
}

TEST(Hostile, InvalidUtf8IsNeverDelivered) {
  const ContactCard card = read_one(vcard("4.0", {"FN;CHARSET=UTF-8:\xC3\x28\xFF", "EMAIL:\xE2\x82@example.org",
                                                   "NOTE;ENCODING=QUOTED-PRINTABLE:=FF=FE=C3"}));
  EXPECT_EQ(card.formatted_name, "\u00c3(\u00ff");  // read as Windows-1252
  ASSERT_EQ(card.handles.size(), 1u);
  EXPECT_EQ(card.handles[0].value, "\u00e2\u201a@example.org");
  EXPECT_EQ(card.note, "\u00ff\u00fe\u00c3");
}

TEST(Hostile, BrokenQuotedPrintableAndBase64) {
  const ContactCard card = read_one(vcard("2.1", {"FN;ENCODING=QUOTED-PRINTABLE:a=ZZb=", "NOTE;ENCODING=BASE64:@@@@"}));
  EXPECT_FALSE(card.formatted_name.empty());
  EXPECT_EQ(card.note, "");
}

}  // namespace
}  // namespace kith::contacts::testing

// Content lines: folding, soft breaks, parameters, escaping, groups.
#include "VCardTestSupport.h"

namespace kith::contacts::testing {
namespace {

// A 2.1 note whose quoted-printable soft break continues on a line that
// does not start with a blank.
std::string card_text_21() {
  return crlf({"BEGIN:VCARD", "VERSION:2.1", "NOTE;ENCODING=QUOTED-PRINTABLE:first line=", " second half",
               "END:VCARD"});
}

TEST(Folding, SpaceOrTabContinuesTheLineAndOneBlankGoes) {
  const ContactCard card = read_one("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n  Lee\r\nNOTE:one\r\n\ttwo\r\n three\r\nEND:VCARD\r\n");
  EXPECT_EQ(card.formatted_name, "Ann Lee");
  EXPECT_EQ(card.note, "onetwothree");
}

TEST(Folding, LfOnlyAndAByteOrderMark) {
  const ContactCard card = read_one("\xEF\xBB\xBF" "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\n Lee\nEND:VCARD\n");
  EXPECT_EQ(card.formatted_name, "AnnLee");
}

TEST(Folding, LastLineWithoutLineBreak) {
  EXPECT_EQ(read_one("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD").formatted_name, "Ann");
}

TEST(Folding, QuotedPrintableSoftBreakContinuesWithoutLeadingBlank) {
  EXPECT_EQ(read_one(card_text_21()).note, "first line second half");
  const ContactCard card = read_one(crlf({"BEGIN:VCARD", "VERSION:2.1",
                                          "NOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0A=", "two=", "three", "END:VCARD"}));
  EXPECT_EQ(card.note, "one twothree");
}

TEST(Folding, SoftBreakOnlyForQuotedPrintableProperties) {
  // A base64-looking value ending in '=' is not continued onto the next line.
  const ContactCard card = read_one(vcard("3.0", {"NOTE:abc=", "FN:Ann"}));
  EXPECT_EQ(card.note, "abc=");
  EXPECT_EQ(card.formatted_name, "Ann");
}

TEST(Folding, SoftBreakBeforeEndStillEndsTheCard) {
  const auto cards = read_ok("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:cut=\r\nEND:VCARD\r\n");
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].note, "cut");
}

TEST(Parameters, QuotedValuesMayHoldColonSemicolonAndComma) {
  const ContactCard card =
      read_one(vcard("4.0", {"EMAIL;TYPE=work;X-NOTE=\"a:b;c,d\":ann@example.org",
                            "TEL;TYPE=\"cell,voice\";PREF=1:+1 555 0100"}));
  ASSERT_EQ(card.handles.size(), 2u);
  EXPECT_EQ(card.handles[0].value, "ann@example.org");
  EXPECT_EQ(card.handles[0].name, "work");
  EXPECT_EQ(card.handles[1].value, "+1 555 0100");
  EXPECT_EQ(card.handles[1].name, "cell");
}

TEST(Parameters, BareVCard21ParametersAreTypes) {
  const ContactCard card = read_one(vcard("2.1", {"TEL;WORK;VOICE:+1 555 0100", "EMAIL;INTERNET;PREF:a@example.org",
                                                  "TEL;HOME;CELL:+1 555 0101"}));
  ASSERT_EQ(card.handles.size(), 3u);
  EXPECT_EQ(card.handles[0].name, "work");
  EXPECT_EQ(card.handles[1].name, "");
  EXPECT_EQ(card.handles[2].name, "home,cell");
}

TEST(Parameters, BareQuotedPrintableIsAnEncoding) {
  const ContactCard card = read_one(vcard("2.1", {"FN;QUOTED-PRINTABLE;CHARSET=UTF-8:Z=C3=BC"}));
  EXPECT_EQ(card.formatted_name, "Z\u00fc");
}

TEST(Parameters, EncodingQpAndIso88591) {
  const ContactCard card = read_one(vcard("2.1", {"FN;ENCODING=QP;CHARSET=ISO-8859-1:Jos=E9"}));
  EXPECT_EQ(card.formatted_name, "Jos\u00e9");
}

TEST(Parameters, CaretEscapesInParameterValues) {
  const ContactCard card = read_one(vcard("4.0", {"EMAIL;TYPE=\"ho^'me\":a@example.org"}));
  ASSERT_EQ(card.handles.size(), 1u);
  EXPECT_EQ(card.handles[0].name, "ho\"me");
}

TEST(Parameters, Base64TextIsDecodedAndPhotosAreNeverRead) {
  const ContactCard card = read_one(vcard("3.0", {"NOTE;ENCODING=b:SGVsbG8gd29ybGQ=", "PHOTO;ENCODING=b;TYPE=JPEG:QUJD",
                                                  "FN;ENCODING=b:not base64!"}));
  EXPECT_EQ(card.note, "Hello world");
  EXPECT_EQ(card.formatted_name, "");
}

TEST(Charsets, Unlabelled8BitTextBecomesValidUtf8) {
  // Windows-1252 bytes without a CHARSET, as old 2.1 writers leave them.
  const ContactCard card = read_one(vcard("2.1", {"FN:Ren\xE9 M\xFCller", "NOTE:caf\xC3\xA9"}));
  EXPECT_EQ(card.formatted_name, "Ren\u00e9 M\u00fcller");
  EXPECT_EQ(card.note, "caf\u00e9");  // valid UTF-8 stays as it is
}

TEST(Charsets, UnknownCharsetFallsBackToUtf8OrWindows1252) {
  const ContactCard card = read_one(vcard("2.1", {"FN;CHARSET=x-klingon:Ren\xE9"}));
  EXPECT_EQ(card.formatted_name, "Ren\u00e9");
}

TEST(Escaping, Version3And4) {
  const ContactCard card = read_one(vcard("3.0", {"NOTE:a\\nb\\Nc\\,d\\;e\\\\f\\:g\\xh",
                                                  "N:O\\;Brien;Pat\\,rick;;;", "CATEGORIES:a\\,b,c"}));
  EXPECT_EQ(card.note, "a b c,d;e\\f:g\\xh");
  EXPECT_EQ(card.family_name, "O;Brien");
  EXPECT_EQ(card.given_name, "Pat,rick");
  EXPECT_EQ(card.categories, (std::vector<std::string>{"a,b", "c"}));
}

TEST(Escaping, Version21HasNoNewlineEscape) {
  const ContactCard card = read_one(vcard("2.1", {"NOTE:C:\\new\\docs", "N:Smith\\;Jones;Al"}));
  EXPECT_EQ(card.note, "C:\\new\\docs");
  EXPECT_EQ(card.family_name, "Smith;Jones");
  EXPECT_EQ(card.given_name, "Al");
}

TEST(Groups, AppleLabelNamesTheGroupsHandle) {
  const ContactCard card = read_one(vcard("3.0", {"item1.EMAIL;type=INTERNET:a@example.org", "ITEM1.X-ABLabel:Gym",
                                                  "item2.TEL:+1 555", "item2.X-ABLabel:_$!<Mobile>!$_",
                                                  "item3.URL:https://example.org"}));
  ASSERT_EQ(card.handles.size(), 3u);
  EXPECT_EQ(card.handles[0].name, "Gym");
  EXPECT_EQ(card.handles[1].name, "mobile");
  EXPECT_EQ(card.handles[2].name, "");  // a group without a label
}

TEST(Handles, SchemesAreStrippedFromEmailAndTel) {
  const ContactCard card = read_one(vcard("4.0", {"EMAIL:mailto:ann@example.org", "TEL;VALUE=uri:tel:+1-555-0100;ext=2",
                                                  "EMAIL:  ", "IMPP:sip:ann@example.org", "X-JABBER:ann@jabber.example"}));
  ASSERT_EQ(card.handles.size(), 4u);
  EXPECT_EQ(card.handles[0].value, "ann@example.org");
  EXPECT_EQ(card.handles[1].kind, HandleKind::Phone);
  EXPECT_EQ(card.handles[1].value, "+1-555-0100;ext=2");
  EXPECT_EQ(card.handles[2].value, "sip:ann@example.org");
  EXPECT_EQ(card.handles[3].value, "xmpp:ann@jabber.example");
}

TEST(Handles, SocialProfileByUserOnly) {
  const ContactCard card = read_one(vcard("3.0", {"X-SOCIALPROFILE;type=linkedin;x-user=ann-lee:",
                                                  "X-SOCIALPROFILE;type=myspace;x-user=ann:x-apple:ann"}));
  ASSERT_EQ(card.handles.size(), 2u);
  EXPECT_EQ(card.handles[0].value, "https://www.linkedin.com/in/ann-lee");
  EXPECT_EQ(card.handles[0].name, "linkedin");
  EXPECT_EQ(card.handles[1].value, "x-apple:ann");  // an unknown service: as written
}

TEST(Fields, OrganizationUnitsAreParsedAndDropped) {
  EXPECT_EQ(read_one(vcard("3.0", {"ORG:ACME\\; Inc.;Sales;EMEA"})).organization, "ACME; Inc.");
}

TEST(Fields, NoteIsOneLineAndBounded) {
  const std::string long_note(3 * kMaxNoteBytes, 'x');
  const ContactCard card = read_one(vcard("3.0", {"NOTE:" + long_note}));
  EXPECT_EQ(card.note.size(), kMaxNoteBytes);
  // A cut never splits a character.
  std::string accents;
  for (std::size_t i = 0; i < kMaxNoteBytes; ++i) accents += "\u00e9";
  const ContactCard accented = read_one(vcard("3.0", {"NOTE:x" + accents}));
  EXPECT_EQ(accented.note.size(), kMaxNoteBytes - 1);
}

TEST(Fields, FirstFormattedNameWinsAndNicknamesAreAList) {
  const ContactCard card = read_one(vcard("4.0", {"FN:Ann", "FN:Annie", "NICKNAME:A,Nan", "NICKNAME:Nan,Bee"}));
  EXPECT_EQ(card.formatted_name, "Ann");
  EXPECT_EQ(card.nicknames, (std::vector<std::string>{"A", "Nan", "Bee"}));
}

TEST(Fields, UnknownPropertiesAreIgnored) {
  const ContactCard card = read_one(vcard("3.0", {"X-FOO;BAR=baz:whatever", "ADR:;;1 Main St;;;;", "FN:Ann"}));
  EXPECT_EQ(card.formatted_name, "Ann");
  EXPECT_TRUE(card.handles.empty());
}

TEST(Resources, SeveralCardsAreNamedByUidOrPosition) {
  const std::string text = vcard("3.0", {"UID:first"}) + vcard("3.0", {"UID:u-2"}) + vcard("3.0", {"FN:no uid"}) +
                           vcard("3.0", {"UID:u-2"});
  auto cards = read_vcards(text, "friends", "all.vcf");
  ASSERT_TRUE(cards.has_value());
  ASSERT_EQ(cards->size(), 4u);
  EXPECT_EQ((*cards)[0].resource, "all.vcf");
  EXPECT_EQ((*cards)[1].resource, "all.vcf#u-2");
  EXPECT_EQ((*cards)[2].resource, "all.vcf#3");
  EXPECT_EQ((*cards)[3].resource, "all.vcf#4");  // a repeated UID must not replace the other card
  for (const auto& c : *cards) EXPECT_EQ(c.collection, "friends");
}

TEST(Resources, TextBetweenCardsIsIgnored) {
  const auto cards = read_ok("Exported by Foo\r\n" + vcard("3.0", {"FN:A"}) + "\r\n\r\n" + vcard("3.0", {"FN:B"}));
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[1].formatted_name, "B");
}

TEST(Resources, EmbeddedAgentCardIsSkipped) {
  const ContactCard card = read_one(crlf({"BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD",
                                          "VERSION:2.1", "FN:Assistant", "EMAIL:assistant@example.org", "END:VCARD",
                                          "EMAIL:boss@example.org", "END:VCARD"}));
  EXPECT_EQ(card.formatted_name, "Boss");
  ASSERT_EQ(card.handles.size(), 1u);
  EXPECT_EQ(card.handles[0].value, "boss@example.org");
}

}  // namespace
}  // namespace kith::contacts::testing

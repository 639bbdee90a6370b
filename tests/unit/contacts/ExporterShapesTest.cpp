// Whole files in the shapes real exporters write (tests/data/contacts):
// every field the reader fills, from each of them.
#include "VCardTestSupport.h"

namespace kith::contacts::testing {
namespace {

struct ExpectedHandle {
  HandleKind kind;
  std::string value;
  std::string name;
  bool operator==(const ExpectedHandle&) const = default;
};

std::vector<ExpectedHandle> handles_of(const ContactCard& card) {
  std::vector<ExpectedHandle> out;
  for (const Handle& h : card.handles) out.push_back({h.kind, h.value, h.name});
  return out;
}

void PrintTo(const ExpectedHandle& h, std::ostream* os) {
  *os << to_string(h.kind) << " '" << h.value << "' (" << h.name << ")";
}

void expect_date(const std::optional<PartialDate>& date, int year, int month, int day) {
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year, year);
  EXPECT_EQ(date->month, month);
  EXPECT_EQ(date->day, day);
}

TEST(ExporterShapes, AppleICloud30) {
  const auto cards = read_ok(data_file("apple_icloud_3.0.vcf"));
  ASSERT_EQ(cards.size(), 2u);
  const ContactCard& anna = cards[0];
  EXPECT_EQ(anna.collection, "book");
  EXPECT_EQ(anna.resource, "card.vcf");
  EXPECT_EQ(anna.uid, "5F1A2B3C-0000-4000-8000-ABCDEF012345");
  EXPECT_EQ(anna.formatted_name, "Dr. Anna Maria Lindqvist PhD");
  EXPECT_EQ(anna.family_name, "Lindqvist");
  EXPECT_EQ(anna.given_name, "Anna");
  EXPECT_EQ(anna.additional_names, "Maria");
  EXPECT_EQ(anna.honorific_prefix, "Dr.");
  EXPECT_EQ(anna.honorific_suffix, "PhD");
  EXPECT_EQ(anna.nicknames, std::vector<std::string>{"Annie"});
  EXPECT_EQ(anna.organization, "Nordlicht AB");  // the unit "Research, Stockholm" has no field
  EXPECT_EQ(anna.title, "Head of Research");
  EXPECT_EQ(handles_of(anna), (std::vector<ExpectedHandle>{
                                  {HandleKind::Email, "anna@nordlicht.example", "other"},
                                  {HandleKind::Email, "anna.lindqvist@example.org", "home"},
                                  {HandleKind::Email, "anna@lab.example", "Lab"},
                                  {HandleKind::Phone, "+46 70 123 45 67", "cell"},
                                  {HandleKind::Phone, "+46 8 555 010 20", "work"},
                                  {HandleKind::Uri, "https://nordlicht.example/anna", "homepage"},
                                  {HandleKind::Uri, "http://www.linkedin.com/in/anna-lindqvist", "linkedin"},
                                  {HandleKind::Uri, "https://twitter.com/annalq", "twitter"},
                                  {HandleKind::Uri, "xmpp:anna@jabber.example", "home"},
                              }));
  expect_date(anna.birthday, 0, 4, 15);  // X-APPLE-OMIT-YEAR=1604
  expect_date(anna.anniversary, 2009, 6, 20);  // X-ABDATE labelled _$!<Anniversary>!$_
  EXPECT_EQ(anna.note, "Met at the Lund conference. Likes sailing, jazz.");
  EXPECT_EQ(anna.categories, (std::vector<std::string>{"Research", "Friends"}));
  EXPECT_EQ(anna.revision, utc(2024, 1, 15, 10, 15, 0));

  const ContactCard& jonas = cards[1];
  EXPECT_EQ(jonas.resource, "card.vcf#0C9E7A21-4D3B-4F1E-9A2C-7B6D5E4F3A21");
  EXPECT_EQ(jonas.formatted_name, "Jonas Brandt");
  EXPECT_EQ(jonas.organization, "Brandt Tischlerei");
  EXPECT_EQ(handles_of(jonas), (std::vector<ExpectedHandle>{
                                   {HandleKind::Email, "jonas@brandt.example", "Workshop"},
                                   {HandleKind::Phone, "+49 151 2345 6789", "iphone,cell"},
                               }));
  expect_date(jonas.birthday, 1979, 12, 1);
}

TEST(ExporterShapes, GoogleContacts30) {
  const auto cards = read_ok(data_file("google_contacts_3.0.vcf"));
  ASSERT_EQ(cards.size(), 2u);
  const ContactCard& ben = cards[0];
  EXPECT_EQ(ben.formatted_name, "Ben Okafor");
  EXPECT_EQ(ben.family_name, "Okafor");
  EXPECT_EQ(ben.given_name, "Ben");
  EXPECT_EQ(ben.nicknames, (std::vector<std::string>{"Benny", "BO"}));
  EXPECT_EQ(handles_of(ben), (std::vector<ExpectedHandle>{
                                 {HandleKind::Email, "ben.okafor@work.example", "work"},
                                 {HandleKind::Email, "ben@example.net", "home"},
                                 {HandleKind::Phone, "+44 7700 900123", "cell"},
                                 {HandleKind::Phone, "+44 20 7946 0018", "Studio"},
                                 {HandleKind::Uri, "https://github.com/benokafor", "PROFILE"},
                             }));
  EXPECT_EQ(ben.organization, "Okafor & Sons");
  EXPECT_EQ(ben.title, "Founder");
  expect_date(ben.birthday, 0, 4, 15);
  expect_date(ben.anniversary, 2016, 9, 12);
  EXPECT_EQ(ben.categories, (std::vector<std::string>{"myContacts", "Friends"}));
  EXPECT_EQ(ben.note, "Introduced by Anna.");
  EXPECT_FALSE(ben.revision.has_value());
  EXPECT_TRUE(ben.uid.empty());

  // Google writes no UID: the second card is named by its position.
  const ContactCard& carmen = cards[1];
  EXPECT_EQ(carmen.resource, "card.vcf#2");
  expect_date(carmen.birthday, 1987, 2, 28);
}

TEST(ExporterShapes, Outlook21QuotedPrintableWindows1252) {
  const ContactCard card = read_one(data_file("outlook_2.1.vcf"));
  EXPECT_EQ(card.formatted_name, "Dr. J\u00fcrgen M\u00fcller");
  EXPECT_EQ(card.family_name, "M\u00fcller");
  EXPECT_EQ(card.given_name, "J\u00fcrgen");
  EXPECT_EQ(card.honorific_prefix, "Dr.");
  EXPECT_EQ(card.organization, "Br\u00e4uhaus K\u00f6ln GmbH");
  EXPECT_EQ(card.title, "Leiter Vertrieb");
  // A soft line break inside the note, =80 is the euro sign in Windows-1252
  // (not a C1 control as in ISO-8859-1), and the 2.1 ';' is text.
  EXPECT_EQ(card.note,
            "Erstes Treffen auf der Messe in K\u00f6ln (Budget 5.000 \u20ac). R\u00fcckruf bis Freitag; Angebot folgt.");
  EXPECT_EQ(handles_of(card), (std::vector<ExpectedHandle>{
                                  {HandleKind::Phone, "+49 221 555 0100", "work"},
                                  {HandleKind::Phone, "+49 170 555 0199", "cell"},
                                  {HandleKind::Phone, "+49 221 555 0101", "work,fax"},
                                  {HandleKind::Uri, "http://www.brauhaus.example", "work"},
                                  {HandleKind::Email, "juergen.mueller@brauhaus.example", ""},
                              }));
  expect_date(card.birthday, 1975, 3, 2);
  expect_date(card.anniversary, 2001, 5, 18);
  EXPECT_EQ(card.revision, utc(2024, 1, 15, 10, 15, 0));
}

TEST(ExporterShapes, Nextcloud40) {
  const ContactCard card = read_one(data_file("nextcloud_4.0.vcf"));
  EXPECT_EQ(card.uid, "b3a5c9e2-6f1d-4b8a-9c3e-1d2f3a4b5c6d");
  EXPECT_EQ(card.formatted_name, "Chlo\u00e9 Durand");
  EXPECT_EQ(card.given_name, "Chlo\u00e9");
  EXPECT_EQ(handles_of(card), (std::vector<ExpectedHandle>{
                                  {HandleKind::Email, "chloe.durand@example.fr", "work"},
                                  {HandleKind::Phone, "+33-6-12-34-56-78", "cell"},
                                  {HandleKind::Uri, "xmpp:chloe@example.fr", ""},
                                  {HandleKind::Uri, "https://chloe.example.fr/", ""},
                              }));
  expect_date(card.birthday, 0, 9, 23);
  expect_date(card.anniversary, 2012, 7, 7);
  EXPECT_EQ(card.categories, (std::vector<std::string>{"Famille", "Amis"}));
  EXPECT_EQ(card.note, "Premi\u00e8re ligne Seconde ligne");
  EXPECT_EQ(card.revision, utc(2024, 2, 3, 8, 9, 10));
}

TEST(ExporterShapes, Nextcloud30) {
  const ContactCard card = read_one(data_file("nextcloud_3.0.vcf"));
  EXPECT_EQ(card.formatted_name, "Dmitri Volkov");
  EXPECT_EQ(handles_of(card), (std::vector<ExpectedHandle>{
                                  {HandleKind::Email, "dmitri@example.ru", "home"},
                                  {HandleKind::Phone, "+7 912 345-67-89", "cell"},
                              }));
  EXPECT_EQ(card.organization, "Volkov Consulting");
  expect_date(card.birthday, 1981, 11, 2);
  EXPECT_EQ(card.categories, std::vector<std::string>{"Work"});
  EXPECT_EQ(card.revision, utc(2024, 3, 1, 12, 0, 0));
}

TEST(ExporterShapes, Android21QuotedPrintableUtf8) {
  const auto cards = read_ok(data_file("android_2.1.vcf"));
  ASSERT_EQ(cards.size(), 2u);
  const ContactCard& taro = cards[0];
  EXPECT_EQ(taro.family_name, "\u5c71\u7530");
  EXPECT_EQ(taro.given_name, "\u592a\u90ce");
  EXPECT_EQ(taro.formatted_name, "\u5c71\u7530\u592a\u90ce");
  // The soft line break falls inside a three-byte character.
  EXPECT_EQ(taro.note, "\u5927\u5b66\u306e\u540c\u7d1a\u751f\u3067\u3059");
  EXPECT_EQ(handles_of(taro), (std::vector<ExpectedHandle>{
                                  {HandleKind::Phone, "090-1234-5678", "cell"},
                                  {HandleKind::Phone, "03-1234-5678", "home"},
                                  {HandleKind::Email, "taro@example.jp", "home"},
                              }));
  expect_date(taro.birthday, 1990, 7, 1);
  EXPECT_EQ(cards[1].resource, "card.vcf#2");
  EXPECT_EQ(handles_of(cards[1]), (std::vector<ExpectedHandle>{
                                      {HandleKind::Phone, "+1 555 0100", "cell"},
                                      {HandleKind::Email, "sam.park@example.com", ""},
                                  }));
}

TEST(ExporterShapes, LineEndingsDoNotMatter) {
  // The same Apple file with LF only reads the same.
  std::string lf = data_file("apple_icloud_3.0.vcf");
  for (std::size_t at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at)) lf.erase(at, 1);
  const auto crlf_cards = read_ok(data_file("apple_icloud_3.0.vcf"));
  const auto lf_cards = read_ok(lf);
  ASSERT_EQ(lf_cards.size(), crlf_cards.size());
  EXPECT_EQ(lf_cards[0].note, crlf_cards[0].note);
  EXPECT_EQ(lf_cards[0].handles.size(), crlf_cards[0].handles.size());
}

}  // namespace
}  // namespace kith::contacts::testing

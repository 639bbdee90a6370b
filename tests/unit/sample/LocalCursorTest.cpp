// The cursor format: round trips, compactness, and garbage rejected.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "LocalCursor.h"

namespace kith::local {
namespace {

TEST(LocalCursor, EmptyCursorIsEmptyString) {
  EXPECT_EQ(encode_cursor(CollectionCursor{}), "");
  auto decoded = decode_cursor("");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, CollectionCursor{});
}

TEST(LocalCursor, MaildirRoundTrip) {
  CollectionCursor cursor;
  cursor.mail = MaildirCursor{1780272000123456789LL, {"1780272000.M1P2.host", "1780272000.M3P4.host,U=17"}};
  const std::string text = encode_cursor(cursor);
  EXPECT_EQ(text, "v1/m/1780272000123456789/2/1780272000.M1P2.host/1780272000.M3P4.host,U=17");
  EXPECT_EQ(decode_cursor(text), cursor);
}

TEST(LocalCursor, MaildirNamesMayHoldSpacesAndColonsButNotSlashes) {
  CollectionCursor cursor;
  cursor.mail = MaildirCursor{-5, {"odd name with spaces", "", "x;y"}};
  EXPECT_EQ(decode_cursor(encode_cursor(cursor)), cursor);
}

TEST(LocalCursor, VdirRoundTripIsFrontCodedAndBase36) {
  CollectionCursor cursor;
  cursor.calendar = VdirListing{
      {"event-0001.ics", {1780272000000000000LL, 1234}},
      {"event-0002.ics", {1780272000000000000LL + 36, 35}},
      {"zz.ics", {1780272000000000000LL + 1, 0}},
  };
  const std::string text = encode_cursor(cursor);
  EXPECT_EQ(text, "v1/v/1780272000000000000/3/0/event-0001.ics/0/ya/9/2.ics/10/z/0/zz.ics/1/0");
  EXPECT_EQ(decode_cursor(text), cursor);
}

TEST(LocalCursor, EmptyVdirListingRoundTrips) {
  CollectionCursor cursor;
  cursor.calendar = VdirListing{};
  EXPECT_EQ(encode_cursor(cursor), "v1/v/0/0");
  EXPECT_EQ(decode_cursor("v1/v/0/0"), cursor);
}

TEST(LocalCursor, BothSectionsRoundTrip) {
  CollectionCursor cursor;
  cursor.mail = MaildirCursor{42, {"a"}};
  cursor.calendar = VdirListing{{"b.ics", {-7, 1}}, {"c.ics", {std::numeric_limits<std::int64_t>::max(), 2}}};
  const std::string text = encode_cursor(cursor);
  EXPECT_EQ(decode_cursor(text), cursor);
}

TEST(LocalCursor, RandomListingsRoundTrip) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 200; ++round) {
    CollectionCursor cursor;
    if (round % 3 != 1) {
      MaildirCursor mail{static_cast<std::int64_t>(random()), {}};
      for (int i = 0; i < static_cast<int>(random() % 4); ++i) mail.names_at_mtime.insert(std::to_string(random()));
      cursor.mail = mail;
    }
    if (round % 3 != 0) {
      VdirListing listing;
      const int n = static_cast<int>(random() % 20);
      for (int i = 0; i < n; ++i) {
        std::string name = "uid-" + std::to_string(random() % 1000) + (random() % 2 ? "@example.org" : "") + ".ics";
        listing[name] = FileVersion{static_cast<std::int64_t>(random()), random()};
      }
      cursor.calendar = listing;
    }
    const std::string text = encode_cursor(cursor);
    auto decoded = decode_cursor(text);
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, cursor) << text;
  }
}

TEST(LocalCursor, GarbageIsRejected) {
  for (const char* garbage : {
           "garbage",
           "v1",
           "v1/",
           "v2/m/1/0",
           "v1/m",
           "v1/m/abc/0",
           "v1/m/1/2/only-one",
           "v1/m/1/1/a/b",               // trailing token
           "v1/m/1/2/a/a",               // duplicate names
           "v1/v/0/1/0/a.ics/0",         // entry cut short
           "v1/v/0/1/1/a.ics/0/0",       // prefix longer than the previous name
           "v1/v/0/2/0/b.ics/0/0/0/a.ics/0/0",  // names out of order
           "v1/v/0/1/0/a.ics/-1/0",      // negative delta
           "v1/v/0/1/0/a.ics/!/0",       // not base 36
           "v1/v/9223372036854775807/1/0/a.ics/1/0",  // mtime overflows
           "v1/v/0/0/m/1/0",             // sections in the wrong order
           "v1/m/1/0/m/1/0",             // a section twice
           "{\"mtime\": 5}",
       }) {
    EXPECT_FALSE(decode_cursor(garbage).has_value()) << garbage;
  }
}

TEST(LocalCursor, ThousandResourcesStayCompact) {
  CollectionCursor cursor;
  cursor.calendar.emplace();
  for (int i = 0; i < 1000; ++i) {
    (*cursor.calendar)["4f7c2a10-93be-4d1e-8a7b-" + std::to_string(100000000000LL + i) + ".ics"] =
        FileVersion{1780272000000000000LL + i * 1'000'000'000LL, 900u + static_cast<unsigned>(i)};
  }
  const std::string text = encode_cursor(cursor);
  // Front coding keeps each entry well below the 52-character name.
  EXPECT_LT(text.size(), 1000u * 25u);
  EXPECT_EQ(decode_cursor(text), cursor);
}

TEST(LocalCursor, AddressBookRoundTripKeepsTheExtraCardsOfEachFile) {
  CollectionCursor cursor;
  cursor.contacts.emplace();
  cursor.contacts->files = {{"all.vcf", {1780272000000000000LL, 900}}, {"ann.vcf", {1780272000000000005LL, 200}}};
  // UIDs may hold '/' and '%' (a URL); they are escaped in the token.
  cursor.contacts->extra_cards["all.vcf"] = {"all.vcf#2", "all.vcf#http://x.example/u%201"};
  const std::string text = encode_cursor(cursor);
  EXPECT_EQ(text, "v1/c/1780272000000000000/2/0/all.vcf/0/p0/1/nn.vcf/5/5k/2/0/2/0/http:%2F%2Fx.example%2Fu%25201");
  EXPECT_EQ(decode_cursor(text), cursor);
}

TEST(LocalCursor, AllThreeSectionsRoundTrip) {
  CollectionCursor cursor;
  cursor.mail = MaildirCursor{42, {"a"}};
  cursor.calendar = VdirListing{{"b.ics", {7, 1}}};
  cursor.contacts = AddressBookCursor{{{"c.vcf", {8, 2}}}, {}};
  EXPECT_EQ(decode_cursor(encode_cursor(cursor)), cursor);
  cursor.calendar.reset();
  EXPECT_EQ(decode_cursor(encode_cursor(cursor)), cursor);
}

TEST(LocalCursor, BrokenAddressBookSectionsAreRefused) {
  for (std::string_view garbage : {
           "v1/c/0/0",                        // no count of extra cards
           "v1/c/0/1/0/a.vcf/0/0/1/1/x",      // extra card of a file index past the listing
           "v1/c/0/1/0/a.vcf/0/0/1/0/",       // empty card name
           "v1/c/0/1/0/a.vcf/0/0/1/0/a%2",    // escape cut short
           "v1/c/0/1/0/a.vcf/0/0/1/0/a%41",   // an escape this version never writes
           "v1/c/0/1/0/a.vcf/0/0/2/0/x",      // fewer extra cards than counted
           "v1/c/0/0/0/v/0/0",                // sections in the wrong order
       }) {
    EXPECT_FALSE(decode_cursor(garbage).has_value()) << garbage;
  }
}

}  // namespace
}  // namespace kith::local

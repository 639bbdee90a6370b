#include <gtest/gtest.h>

#include "protocol/ImapTag.h"

namespace {

using kith::imap::TagGenerator;

TEST(ImapTag, CountsUpFromOneWithThePrefix) {
  TagGenerator tags;
  EXPECT_EQ(tags.next(), "K1");
  EXPECT_EQ(tags.next(), "K2");
  EXPECT_EQ(tags.issued(), 2u);
  TagGenerator custom("Kith");
  EXPECT_EQ(custom.next(), "Kith1");
}

TEST(ImapTag, InvalidPrefixFallsBackToDefault) {
  for (const char* prefix : {"", "K+", "a b", "*", "K\"", "X]", "ÄÖ", "ABCDEFGHIJKLMNOPQ"}) {
    EXPECT_FALSE(TagGenerator::valid_prefix(prefix)) << prefix;
    EXPECT_EQ(TagGenerator(prefix).prefix(), "K") << prefix;
  }
  EXPECT_TRUE(TagGenerator::valid_prefix("A1"));
}

TEST(ImapTag, RecognizesOnlyTagsItIssued) {
  TagGenerator tags;
  for (int i = 0; i < 12; ++i) tags.next();
  EXPECT_EQ(tags.sequence_of("K12"), 12u);
  EXPECT_EQ(tags.sequence_of("K1"), 1u);
  EXPECT_TRUE(tags.is_ours("K7"));
  EXPECT_FALSE(tags.is_ours("K13"));       // not issued yet
  EXPECT_FALSE(tags.is_ours("K0"));
  EXPECT_FALSE(tags.is_ours("K07"));       // we never write leading zeros
  EXPECT_FALSE(tags.is_ours("K"));
  EXPECT_FALSE(tags.is_ours("A1"));
  EXPECT_FALSE(tags.is_ours("K1x"));
  EXPECT_FALSE(tags.is_ours("*"));
  EXPECT_FALSE(tags.is_ours("K99999999999999999999999"));  // overflow is "not ours", not UB
}

TEST(ImapTag, MaxTagLengthBoundsEveryTag) {
  TagGenerator tags("AB");
  EXPECT_GE(tags.max_tag_length(), std::string("AB18446744073709551615").size());
  EXPECT_LE(tags.next().size(), tags.max_tag_length());
}

}  // namespace

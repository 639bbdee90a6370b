// SEARCH, ESEARCH and VANISHED.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ImapTestSupport.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;
using kith::imap::testing::parse_as;
using kith::imap::testing::parse_error;

TEST(ImapParserSearch, Search) {
  EXPECT_EQ(parse_as<SearchResponse>("* SEARCH 1 2 3\r\n").numbers, (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_TRUE(parse_as<SearchResponse>("* SEARCH\r\n").numbers.empty());
  EXPECT_EQ(parse_as<SearchResponse>("* SEARCH 9 4 \r\n").numbers, (std::vector<std::uint32_t>{9, 4}));
  const auto with_modseq = parse_as<SearchResponse>("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n");
  EXPECT_EQ(with_modseq.numbers.size(), 10u);
  EXPECT_EQ(with_modseq.modseq, 917162500u);
  for (const char* unit : {"* SEARCH 1 x\r\n", "* SEARCH 1,2\r\n", "* SEARCH 4294967296\r\n",
                           "* SEARCH 1 (MODSEQ)\r\n", "* SEARCH (MODSEQ 1) 2\r\n", "* SEARCH 1 (FOO 1)\r\n"}) {
    parse_error(unit);
  }
}

TEST(ImapParserSearch, Esearch) {
  const auto full = parse_as<EsearchResponse>("* ESEARCH (TAG \"K3\") UID ALL 1:10,12 COUNT 11 MIN 1 MAX 12\r\n");
  EXPECT_EQ(full.tag, "K3");
  EXPECT_TRUE(full.uid);
  ASSERT_TRUE(full.all);
  EXPECT_EQ(full.all->to_string(), "1:10,12");
  EXPECT_EQ(full.all->size(), 11u);
  EXPECT_EQ(full.count, 11u);
  EXPECT_EQ(full.min, 1u);
  EXPECT_EQ(full.max, 12u);
  EXPECT_FALSE(full.modseq);

  const auto empty = parse_as<EsearchResponse>("* ESEARCH (TAG \"K4\") UID\r\n");
  EXPECT_EQ(empty.tag, "K4");
  EXPECT_TRUE(empty.uid);
  EXPECT_FALSE(empty.all);
  EXPECT_FALSE(empty.count);

  const auto bare = parse_as<EsearchResponse>("* ESEARCH COUNT 5 MODSEQ 12345678901 PARTIAL (1:10 1,3) XFOO 7\r\n");
  EXPECT_EQ(bare.tag, "");
  EXPECT_FALSE(bare.uid);
  EXPECT_EQ(bare.count, 5u);
  EXPECT_EQ(bare.modseq, 12345678901u);

  EXPECT_EQ(parse_as<EsearchResponse>("* ESEARCH (tag {2}\r\nK5) uid all 3:1\r\n").all->to_string(), "1:3");

  for (const char* unit : {"* ESEARCH (TAG K3) UID\r\n", "* ESEARCH (TAG \"K3\"\r\n", "* ESEARCH UID ALL\r\n",
                           "* ESEARCH UID ALL 1:*\r\n", "* ESEARCH UID ALL 0\r\n", "* ESEARCH COUNT x\r\n",
                           "* ESEARCH UID ALL 1:4294967296\r\n", "* ESEARCH (FOO \"K3\")\r\n"}) {
    parse_error(unit);
  }
}

TEST(ImapParserSearch, Vanished) {
  const auto earlier = parse_as<VanishedResponse>("* VANISHED (EARLIER) 1:3,5\r\n");
  EXPECT_TRUE(earlier.earlier);
  EXPECT_EQ(earlier.uids.to_string(), "1:3,5");
  const auto live = parse_as<VanishedResponse>("* VANISHED 7\r\n");
  EXPECT_FALSE(live.earlier);
  EXPECT_EQ(live.uids.expand(10), (std::vector<Uid>{7}));
  EXPECT_TRUE(parse_as<VanishedResponse>("* vanished (earlier) 300:310,405,411\r\n").earlier);

  // A hostile range stays a range: size is known without expanding it.
  const auto huge = parse_as<VanishedResponse>("* VANISHED (EARLIER) 1:4294967295\r\n");
  EXPECT_EQ(huge.uids.size(), 4294967295u);
  EXPECT_FALSE(huge.uids.expand(100000));

  for (const char* unit : {"* VANISHED\r\n", "* VANISHED (EARLIER)\r\n", "* VANISHED (LATER) 1\r\n",
                           "* VANISHED 1 2\r\n", "* VANISHED *\r\n", "* VANISHED (EARLIER 1\r\n"}) {
    parse_error(unit);
  }
}

}  // namespace

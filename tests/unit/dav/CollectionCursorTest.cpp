// What the DAV providers store per collection, and that it reads back.
#include <gtest/gtest.h>

#include "dav/sync/CollectionCursor.h"

namespace kith::dav {
namespace {

TEST(CollectionCursor, SyncTokenRoundTrips) {
  CollectionCursor c;
  c.token = "http://radicale.org/ns/sync/abc123";
  const auto back = CollectionCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, CollectionCursor::Kind::SyncToken);
  EXPECT_EQ(back->token, c.token);
}

TEST(CollectionCursor, EtagListingRoundTrips) {
  CollectionCursor c;
  c.kind = CollectionCursor::Kind::Etags;
  c.token = "\"ctag-7\"";
  c.etags = {{"/alex/work/a b.ics", "\"e1\""}, {"/alex/work/b.ics", "W/\"e2\""}};
  const auto back = CollectionCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, CollectionCursor::Kind::Etags);
  EXPECT_EQ(back->token, "\"ctag-7\"");
  EXPECT_EQ(back->etags, c.etags);
  CollectionCursor empty;
  empty.kind = CollectionCursor::Kind::Etags;  // an empty calendar without a ctag
  ASSERT_TRUE(CollectionCursor::decode(empty.encode()));
  EXPECT_TRUE(CollectionCursor::decode(empty.encode())->etags.empty());
}

TEST(CollectionCursor, RejectsAnythingElse) {
  for (const char* bad : {"", "v1", "v1 token ", "v2 token x", "v1 etags x\nno-tab", "v1 etags x\n\"e\"\t", "garbage"})
    EXPECT_FALSE(CollectionCursor::decode(bad)) << bad;
}

TEST(CollectionCursor, TokenWithMembersRoundTrips) {
  // carddav keeps its members in a token cursor (CollectionCursor.h); an
  // etag sync-collection did not give is empty.
  CollectionCursor c;
  c.token = "http://radicale.org/ns/sync/abc123";
  c.etags = {{"/alex/contacts/a.vcf", "\"e1\""}, {"/alex/contacts/b c.vcf", ""}};
  const auto back = CollectionCursor::decode(c.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, CollectionCursor::Kind::SyncToken);
  EXPECT_EQ(back->token, c.token);
  EXPECT_EQ(back->etags, c.etags);
}

}  // namespace
}  // namespace kith::dav

// DAV:error bodies, and recognising the RFC 6578 invalid-token answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "DavXmlTestSupport.h"
#include "ServerFixtures.h"
#include "dav/xml/DavError.h"

namespace kith::dav {
namespace {

using ::testing::ElementsAre;

TEST(DavError, ListsConditions) {
  const Expected<std::vector<DavName>> conditions = parse_dav_error(fixtures::kSabreInvalidSyncToken);
  ASSERT_TRUE(conditions) << conditions.error().message;
  EXPECT_THAT(*conditions, ElementsAre(DavName{"http://sabredav.org/ns", "sabredav-version"},
                                       DavName{"DAV:", "valid-sync-token"},
                                       DavName{"http://sabredav.org/ns", "exception"},
                                       DavName{"http://sabredav.org/ns", "message"}));
}

TEST(DavError, InvalidSyncTokenInEachStyle) {
  EXPECT_TRUE(is_invalid_sync_token_error(fixtures::kSabreInvalidSyncToken));
  // Radicale / Xandikos style: default namespace, nothing else.
  EXPECT_TRUE(is_invalid_sync_token_error(
      "<?xml version='1.0' encoding='utf-8'?>\n<error xmlns=\"DAV:\"><valid-sync-token /></error>"));
  EXPECT_TRUE(is_invalid_sync_token_error("<D:error xmlns:D=\"DAV:\">\n  <D:valid-sync-token/>\n</D:error>"));
  // Apple style: a description next to the condition.
  EXPECT_TRUE(is_invalid_sync_token_error(
      "<error xmlns=\"DAV:\"><valid-sync-token/><responsedescription>Sync token invalid</responsedescription></error>"));
}

TEST(DavError, OtherBodiesAreNotInvalidSyncToken) {
  for (std::string_view body : {
           std::string_view(""),
           std::string_view("Forbidden"),
           std::string_view("<html><body>403 Forbidden</body></html>"),
           std::string_view("<D:error xmlns:D=\"DAV:\"><D:need-privileges/></D:error>"),
           std::string_view("<D:error xmlns:D=\"DAV:\"/>"),
           // Right local name, wrong namespace.
           std::string_view("<D:error xmlns:D=\"DAV:\" xmlns:x=\"urn:x\"><x:valid-sync-token/></D:error>"),
           // Right condition, but not inside a DAV:error.
           std::string_view("<x:error xmlns:x=\"urn:x\" xmlns:D=\"DAV:\"><D:valid-sync-token/></x:error>"),
           std::string_view("<D:multistatus xmlns:D=\"DAV:\"><D:valid-sync-token/></D:multistatus>"),
           // Nested one level too deep.
           std::string_view("<D:error xmlns:D=\"DAV:\"><D:x><D:valid-sync-token/></D:x></D:error>"),
           std::string_view("<D:error xmlns:D=\"DAV:\"><D:valid-sync-token/>"),  // truncated
       }) {
    EXPECT_FALSE(is_invalid_sync_token_error(body)) << body;
  }
}

TEST(DavError, WrongRootIsAnError) {
  const Expected<std::vector<DavName>> parsed = parse_dav_error(fixtures::kXandikosSync);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::UnexpectedRoot);
}

}  // namespace
}  // namespace kith::dav

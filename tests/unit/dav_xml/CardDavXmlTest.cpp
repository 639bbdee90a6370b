// CardDAV through the shared XML layer: the request bodies of the carddav
// provider (exact text, and their meaning parsed back), and the answers it
// reads (addressbook-home-set, the addressbook resourcetype, address-data
// in multiget and sync-collection answers).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "DavXmlTestSupport.h"
#include "dav/xml/AddressBookRequests.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Multistatus.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace {

using ::testing::ElementsAre;
using testing::parse_ok;

DavName dav(std::string local) { return DavName{"DAV:", std::move(local)}; }
DavName card(std::string local) { return DavName{"urn:ietf:params:xml:ns:carddav", std::move(local)}; }

std::vector<DavName> requested_properties(const XmlDocument& doc) {
  std::vector<DavName> names;
  const xmlNode* prop = xml::find_child(doc.root(), ns::kDav, "prop");
  for (const xmlNode* p = xml::first_element(prop); p != nullptr; p = xml::next_element(p))
    names.push_back(xml::name_of(p));
  return names;
}

XmlDocument parse_back(const DavRequest& request) {
  Expected<XmlDocument> doc = XmlDocument::parse(request.body);
  EXPECT_TRUE(doc) << (doc ? "" : doc.error().message) << "\n" << request.body;
  if (!doc) return std::move(XmlDocument::parse("<failed/>").value());
  return std::move(doc).value();
}

TEST(CardDavRequests, AddressbookHomeSet) {
  const Expected<DavRequest> request = propfind_home_set(kCardDavProtocol);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "PROPFIND");
  EXPECT_EQ(request->depth, "0");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">\n"
            "  <d:prop>\n"
            "    <card:addressbook-home-set/>\n"
            "  </d:prop>\n"
            "</d:propfind>\n");
  EXPECT_THAT(requested_properties(parse_back(*request)), ElementsAre(card("addressbook-home-set")));
}

TEST(CardDavRequests, AddressbookListAsksForNoComponentSet) {
  const Expected<DavRequest> request = propfind_collection_list(kCardDavProtocol);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->depth, "1");
  EXPECT_THAT(requested_properties(parse_back(*request)),
              ElementsAre(dav("resourcetype"), dav("displayname"), dav("supported-report-set")));
}

TEST(CardDavRequests, AddressbookMultiget) {
  const std::vector<std::string> hrefs = {"/alex/contacts/ann.vcf", "/alex/contacts/R&D <b>.vcf"};
  const Expected<DavRequest> request = multiget(kCardDavProtocol, hrefs);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "REPORT");
  EXPECT_FALSE(request->depth.has_value());  // RFC 6352 8.7: no Depth header
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<card:addressbook-multiget xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "    <card:address-data/>\n"
            "  </d:prop>\n"
            "  <d:href>/alex/contacts/ann.vcf</d:href>\n"
            "  <d:href>/alex/contacts/R&amp;D &lt;b&gt;.vcf</d:href>\n"
            "</card:addressbook-multiget>\n");
  const XmlDocument doc = parse_back(*request);
  EXPECT_TRUE(xml::is_element(doc.root(), ns::kCardDav, "addressbook-multiget"));
  EXPECT_THAT(requested_properties(doc), ElementsAre(dav("getetag"), card("address-data")));
}

// Every card with its data: a filter of no prop-filter that every card
// passes ("allof" none; Radicale reads the default "anyof" as none).
TEST(CardDavRequests, AddressbookQueryAsksForEveryCardWithItsData) {
  const Expected<DavRequest> request = addressbook_query();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "REPORT");
  EXPECT_EQ(request->depth, "1");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "    <card:address-data/>\n"
            "  </d:prop>\n"
            "  <card:filter test=\"allof\"/>\n"
            "</card:addressbook-query>\n");
  const XmlDocument doc = parse_back(*request);
  EXPECT_TRUE(xml::is_element(doc.root(), ns::kCardDav, "addressbook-query"));
  EXPECT_THAT(requested_properties(doc), ElementsAre(dav("getetag"), card("address-data")));
}

TEST(CardDavRequests, MultigetOfNothingNamesTheReport) {
  const Expected<DavRequest> empty = multiget(kCardDavProtocol, {});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(empty.error().message, "addressbook-multiget needs at least one href");
}

TEST(CardDavAnswers, AddressbookHomeSetIsReadAndNotTakenForACalendarHome) {
  const Multistatus parsed = parse_ok(R"(<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
    <response><href>/alex/</href><propstat><prop>
      <C:addressbook-home-set><href>/alex/books/</href></C:addressbook-home-set>
    </prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_EQ(parsed.responses[0].addressbook_home_set_href, "/alex/books/");
  EXPECT_FALSE(parsed.responses[0].calendar_home_set_href.has_value());
  EXPECT_EQ(parsed.responses[0].*kCardDavProtocol.home_set_href, "/alex/books/");
}

TEST(CardDavAnswers, AddressbookResourceType) {
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"
      xmlns:c="urn:ietf:params:xml:ns:caldav">
    <d:response><d:href>/alex/contacts/</d:href><d:propstat><d:prop>
      <d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>Contacts</d:displayname>
    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
    <d:response><d:href>/alex/work/</d:href><d:propstat><d:prop>
      <d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_TRUE(parsed.responses[0].is_addressbook);
  EXPECT_FALSE(parsed.responses[0].is_calendar);
  EXPECT_EQ(parsed.responses[0].displayname, "Contacts");
  EXPECT_FALSE(parsed.responses[1].is_addressbook);
  EXPECT_TRUE(parsed.responses[1].*kCalDavProtocol.is_collection_type);
}

// RFC 6352 8.7.1's example, one card found and one missing.
TEST(CardDavAnswers, MultigetAddressDataKeptExactly) {
  const std::string vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann & Bob\r\nUID:ann\r\nEND:VCARD\r\n";
  const Multistatus parsed = parse_ok(R"(<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
  <D:response><D:href>/home/bernard/addressbook/vcf102.vcf</D:href>
    <D:propstat><D:prop><D:getetag>"23ba4d-ff11fb"</D:getetag>
      <C:address-data>BEGIN:VCARD&#13;
VERSION:3.0&#13;
FN:Ann &amp; Bob&#13;
UID:ann&#13;
END:VCARD&#13;
</C:address-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
  <D:response><D:href>/home/bernard/addressbook/vcf1.vcf</D:href>
    <D:status>HTTP/1.1 404 Resource Not Found</D:status></D:response>
</D:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_EQ(parsed.responses[0].etag, "\"23ba4d-ff11fb\"");
  EXPECT_EQ(parsed.responses[0].address_data, vcard);
  EXPECT_EQ(parsed.responses[0].*kCardDavProtocol.member_data, vcard);
  EXPECT_FALSE(parsed.responses[0].calendar_data.has_value());
  EXPECT_EQ(parsed.responses[1].status, 404);
  EXPECT_FALSE(parsed.responses[1].address_data.has_value());
}

// A sync-collection answer that carries the cards themselves (RFC 6578
// allows any property): the same reader, removals as 404 responses.
TEST(CardDavAnswers, SyncCollectionWithAddressData) {
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
    <d:response><d:href>/alex/contacts/ann.vcf</d:href><d:propstat><d:prop>
      <d:getetag>"e1"</d:getetag><card:address-data><![CDATA[BEGIN:VCARD
VERSION:4.0
FN:Ann
END:VCARD
]]></card:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
    <d:response><d:href>/alex/contacts/gone.vcf</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
    <d:sync-token>http://radicale.org/ns/sync/abc</d:sync-token></d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_EQ(parsed.responses[0].address_data, "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEND:VCARD\n");
  EXPECT_EQ(parsed.responses[1].status, 404);
  EXPECT_EQ(parsed.sync_token, "http://radicale.org/ns/sync/abc");
}

}  // namespace
}  // namespace kith::dav

// Request bodies: exact text, and well-formedness and meaning checked by
// parsing them back with libxml2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "DavXmlTestSupport.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlEscape.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace requests_test {

using ::testing::ElementsAre;

// The children of the document element's DAV:prop, as names.
std::vector<DavName> requested_properties(const XmlDocument& doc) {
  std::vector<DavName> names;
  const xmlNode* prop = xml::find_child(doc.root(), ns::kDav, "prop");
  for (const xmlNode* p = xml::first_element(prop); p != nullptr; p = xml::next_element(p)) {
    names.push_back(xml::name_of(p));
    EXPECT_EQ(xml::first_element(p), nullptr) << "property names are empty elements";
  }
  return names;
}

XmlDocument parse_back(const DavRequest& request) {
  Expected<XmlDocument> doc = XmlDocument::parse(request.body);
  EXPECT_TRUE(doc) << (doc ? "" : doc.error().message) << "\n" << request.body;
  if (!doc) return std::move(XmlDocument::parse("<failed/>").value());
  return std::move(doc).value();
}

DavName dav(std::string local) { return DavName{"DAV:", std::move(local)}; }
DavName cal(std::string local) { return DavName{"urn:ietf:params:xml:ns:caldav", std::move(local)}; }

TEST(Requests, CurrentUserPrincipal) {
  const Expected<DavRequest> request = propfind_current_user_principal();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "PROPFIND");
  EXPECT_EQ(request->depth, "0");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:propfind xmlns:d=\"DAV:\">\n"
            "  <d:prop>\n"
            "    <d:current-user-principal/>\n"
            "  </d:prop>\n"
            "</d:propfind>\n");
  const XmlDocument doc = parse_back(*request);
  EXPECT_TRUE(xml::is_element(doc.root(), ns::kDav, "propfind"));
  EXPECT_THAT(requested_properties(doc), ElementsAre(dav("current-user-principal")));
}

TEST(Requests, CalendarHomeSet) {
  const Expected<DavRequest> request = propfind_home_set(kCalDavProtocol);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "PROPFIND");
  EXPECT_EQ(request->depth, "0");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
            "  <d:prop>\n"
            "    <c:calendar-home-set/>\n"
            "  </d:prop>\n"
            "</d:propfind>\n");
  EXPECT_THAT(requested_properties(parse_back(*request)), ElementsAre(cal("calendar-home-set")));
}

TEST(Requests, CalendarList) {
  const Expected<DavRequest> request = propfind_collection_list(kCalDavProtocol);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "PROPFIND");
  EXPECT_EQ(request->depth, "1");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
            "  <d:prop>\n"
            "    <d:resourcetype/>\n"
            "    <d:displayname/>\n"
            "    <c:supported-calendar-component-set/>\n"
            "    <d:supported-report-set/>\n"
            "  </d:prop>\n"
            "</d:propfind>\n");
  // No change tags: Radicale hashes a whole calendar to answer them.
  EXPECT_THAT(requested_properties(parse_back(*request)),
              ElementsAre(dav("resourcetype"), dav("displayname"), cal("supported-calendar-component-set"),
                          dav("supported-report-set")));
}

TEST(Requests, ChangeTags) {
  const Expected<DavRequest> both = propfind_change_tags(true);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->method, "PROPFIND");
  EXPECT_EQ(both->depth, "0");
  EXPECT_THAT(requested_properties(parse_back(*both)),
              ElementsAre(DavName{"http://calendarserver.org/ns/", "getctag"}, dav("sync-token")));
  const Expected<DavRequest> ctag = propfind_change_tags(false);
  ASSERT_TRUE(ctag);
  EXPECT_EQ(ctag->depth, "0");
  EXPECT_THAT(requested_properties(parse_back(*ctag)), ElementsAre(DavName{"http://calendarserver.org/ns/", "getctag"}));
}

TEST(Requests, Etags) {
  const Expected<DavRequest> request = propfind_etags();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "PROPFIND");
  EXPECT_EQ(request->depth, "1");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:propfind xmlns:d=\"DAV:\">\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "    <d:getlastmodified/>\n"
            "  </d:prop>\n"
            "</d:propfind>\n");
  EXPECT_THAT(requested_properties(parse_back(*request)), ElementsAre(dav("getetag"), dav("getlastmodified")));
}

TEST(Requests, InitialSyncCollection) {
  const Expected<DavRequest> request = sync_collection("");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "REPORT");
  EXPECT_EQ(request->depth, "0");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<d:sync-collection xmlns:d=\"DAV:\">\n"
            "  <d:sync-token/>\n"
            "  <d:sync-level>1</d:sync-level>\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "  </d:prop>\n"
            "</d:sync-collection>\n");
  const XmlDocument doc = parse_back(*request);
  EXPECT_TRUE(xml::is_element(doc.root(), ns::kDav, "sync-collection"));
  const xmlNode* token = xml::find_child(doc.root(), ns::kDav, "sync-token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(xml::text_of(token), "");
  EXPECT_EQ(xml::text_of(xml::find_child(doc.root(), ns::kDav, "sync-level")), "1");
  EXPECT_THAT(requested_properties(doc), ElementsAre(dav("getetag")));
}

TEST(Requests, IncrementalSyncCollectionEscapesTheToken) {
  const std::string token = "http://example.org/ns/sync/42?a=1&b=<2>";
  const Expected<DavRequest> request = sync_collection(token);
  ASSERT_TRUE(request);
  EXPECT_NE(request->body.find("  <d:sync-token>http://example.org/ns/sync/42?a=1&amp;b=&lt;2&gt;</d:sync-token>\n"),
            std::string::npos)
      << request->body;
  const XmlDocument doc = parse_back(*request);
  EXPECT_EQ(xml::text_of(xml::find_child(doc.root(), ns::kDav, "sync-token")), token);
}

TEST(Requests, SyncTokenXmlCannotCarry) {
  const Expected<DavRequest> request = sync_collection(std::string("tok\0en", 6));
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, ErrorCode::InvalidArgument);
}

TEST(Requests, CalendarMultiget) {
  const std::vector<std::string> hrefs = {"/cal/a.ics", "/cal/b%20c.ics", "/cal/R&D <team> \"q\" 'x'.ics",
                                          "/cal/caf\xc3\xa9.ics"};
  const Expected<DavRequest> request = multiget(kCalDavProtocol, hrefs);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "REPORT");
  EXPECT_FALSE(request->depth.has_value());
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "    <c:calendar-data/>\n"
            "  </d:prop>\n"
            "  <d:href>/cal/a.ics</d:href>\n"
            "  <d:href>/cal/b%20c.ics</d:href>\n"
            "  <d:href>/cal/R&amp;D &lt;team&gt; &quot;q&quot; &apos;x&apos;.ics</d:href>\n"
            "  <d:href>/cal/caf\xc3\xa9.ics</d:href>\n"
            "</c:calendar-multiget>\n");
  const XmlDocument doc = parse_back(*request);
  EXPECT_TRUE(xml::is_element(doc.root(), ns::kCalDav, "calendar-multiget"));
  EXPECT_THAT(requested_properties(doc), ElementsAre(dav("getetag"), cal("calendar-data")));
  std::vector<std::string> parsed_hrefs;
  for (const xmlNode* child = xml::first_element(doc.root()); child != nullptr; child = xml::next_element(child)) {
    if (xml::is_element(child, ns::kDav, "href")) parsed_hrefs.push_back(xml::text_of(child));
  }
  EXPECT_EQ(parsed_hrefs, hrefs);
}

TEST(Requests, MultigetRefusesNothingToFetchOrUnencodableHrefs) {
  const Expected<DavRequest> empty = multiget(kCalDavProtocol, {});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);

  const std::vector<std::string> bad = {"/ok.ics", "/bad\x01.ics"};
  const Expected<DavRequest> control = multiget(kCalDavProtocol, bad);
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(control.error().message.find("href #1"), std::string::npos) << control.error().message;

  const std::vector<std::string> latin1 = {"/caf\xe9.ics"};
  EXPECT_FALSE(multiget(kCalDavProtocol, latin1));
}

TEST(XmlEscape, EscapesMarkupAndCarriageReturn) {
  const Expected<std::string> escaped = xml_escape("a&b<c>d\"e'f\r\n\tg]]>");
  ASSERT_TRUE(escaped);
  EXPECT_EQ(*escaped, "a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;\n\tg]]&gt;");
  // Parsed back, CR survives (a raw CR would become LF).
  const Expected<XmlDocument> doc = XmlDocument::parse("<a>" + *escaped + "</a>");
  ASSERT_TRUE(doc);
  EXPECT_EQ(xml::text_of(doc->root()), "a&b<c>d\"e'f\r\n\tg]]>");
}

TEST(XmlEscape, KeepsValidUtf8) {
  const std::string text = "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x85 \xef\xbf\xbd";  // é € 📅 U+FFFD
  const Expected<std::string> escaped = xml_escape(text);
  ASSERT_TRUE(escaped);
  EXPECT_EQ(*escaped, text);
  EXPECT_EQ(*xml_escape(""), "");
}

TEST(XmlEscape, RefusesWhatXmlCannotCarry) {
  for (const std::string& text : {
           std::string("\0", 1),       // NUL
           std::string("\x1f"),        // C0 control
           std::string("\xc3"),        // truncated sequence
           std::string("\xc0\xaf"),    // overlong '/'
           std::string("\xed\xa0\x80"),  // UTF-16 surrogate
           std::string("\xef\xbf\xbe"),  // U+FFFE
           std::string("\xef\xbf\xbf"),  // U+FFFF
           std::string("\xf4\x90\x80\x80"),  // above U+10FFFF
           std::string("\xff"),
       }) {
    const Expected<std::string> escaped = xml_escape(text);
    ASSERT_FALSE(escaped) << ::testing::PrintToString(text);
    EXPECT_EQ(escaped.error().code, ErrorCode::InvalidArgument);
  }
}

}  // namespace requests_test
}  // namespace kith::dav

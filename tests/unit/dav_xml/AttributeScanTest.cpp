// The attribute pre-scan that keeps libxml2's quadratic attribute and
// namespace handling bounded.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "DavXmlTestSupport.h"
#include "dav/xml/AttributeScan.h"
#include "dav/xml/Multistatus.h"
#include "dav/xml/XmlDocument.h"

namespace kith::dav {
namespace {

using detail::find_overfull_tag;
using testing::StderrCapture;
using testing::time_budget;

std::string attributes(int count, std::string_view name = "a") {
  std::string text;
  for (int i = 0; i < count; ++i) text += " " + std::string(name) + std::to_string(i) + "=\"v\"";
  return text;
}

TEST(AttributeScan, CountsAttributesOfEachStartTag) {
  EXPECT_FALSE(find_overfull_tag("<a x=\"1\" y='2'/>", 2));
  EXPECT_EQ(find_overfull_tag("<a x=\"1\" y='2'/>", 1), 0u);
  EXPECT_EQ(find_overfull_tag("<r><a x = \"1\"\n\ty\t=\t'2'></a></r>", 1), 3u);
  // Namespace declarations count too.
  EXPECT_EQ(find_overfull_tag("<d:m xmlns:d=\"DAV:\" xmlns:c=\"urn:c\"/>", 1), 0u);
  // '>' and '<' inside quotes: '>' is allowed in a value, '<' ends the tag.
  EXPECT_EQ(find_overfull_tag("<a x=\">\" y=\"2\"/>", 1), 0u);
  EXPECT_FALSE(find_overfull_tag("<a x=\"<\" y=\"2\" z=\"3\"/>", 1));
}

TEST(AttributeScan, EndTagsDeclarationsAndCdataOpenersAreNotStartTags) {
  EXPECT_FALSE(find_overfull_tag("</a x=\"1\" y=\"2\">", 1));
  EXPECT_FALSE(find_overfull_tag("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>", 1));
  EXPECT_FALSE(find_overfull_tag("<![CDATA[DTSTART;TZID=Europe/Paris:1;X=2;Y=3]]>", 1));
  EXPECT_FALSE(find_overfull_tag("<!-- a=\"1\" b=\"2\" -->", 1));
}

TEST(AttributeScan, StartTagsInsideCommentsAndCdataAreCounted) {
  // libxml2 may resume parsing there after an error, so they count.
  EXPECT_EQ(find_overfull_tag("<r><!-- <a x=\"1\" y=\"2\"> --></r>", 1), 8u);
  EXPECT_EQ(find_overfull_tag("<r><![CDATA[<a x=\"1\" y=\"2\">]]></r>", 1), 12u);
}

TEST(AttributeScan, StopsWhereTheGrammarBreaks) {
  // iCalendar text in CDATA: "<at>" is a "tag" without attributes, and the
  // parameters after a stray '<' are not attributes (no quoted value).
  EXPECT_FALSE(find_overfull_tag("<![CDATA[SUMMARY:Dinner <at> x\nATTENDEE;CN=A;ROLE=B;PARTSTAT=C;RSVP=TRUE]]>", 0));
  EXPECT_FALSE(find_overfull_tag("<![CDATA[a<b then DTSTART;TZID=Europe/Paris:1 X=2 Y=3]]>", 0));
  // Unquoted value: libxml2 stops there (the '=' before it counts, harmlessly).
  EXPECT_FALSE(find_overfull_tag("<a x=1 y=\"2\" z=\"3\"/>", 1));
  EXPECT_FALSE(find_overfull_tag("<a \"x\"=\"1\"/>", 0));
  EXPECT_FALSE(find_overfull_tag("<a x\"=\"1\"/>", 0));
}

TEST(AttributeScan, DocumentAtTheLimitParses) {
  XmlLimits limits;
  EXPECT_EQ(limits.max_attributes, 64u);
  const std::string ok = "<d:multistatus xmlns:d=\"DAV:\"" + attributes(63) + "/>";
  EXPECT_TRUE(parse_multistatus(ok));
  const std::string over = "<d:multistatus xmlns:d=\"DAV:\"" + attributes(64) + "/>";
  const Expected<Multistatus> refused = parse_multistatus(over);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::TooManyAttributes);
  EXPECT_EQ(refused.error().line, 1);
  limits.max_attributes = 100;
  EXPECT_TRUE(parse_multistatus(over, limits));
}

TEST(AttributeScan, BigInvitationInCdataIsNotMistakenForAttributes) {
  std::string ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Planning <all hands> & more\n";
  for (int i = 0; i < 300; ++i) {
    ics += "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"P" +
           std::to_string(i) + "\":mailto:p" + std::to_string(i) + "@example.org\n";
  }
  ics += "END:VEVENT\nEND:VCALENDAR\n";
  const std::string body = "<multistatus xmlns=\"DAV:\"><response><href>/c/e.ics</href><propstat><prop>"
                           "<calendar-data xmlns=\"urn:ietf:params:xml:ns:caldav\"><![CDATA[" + ics +
                           "]]></calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>"
                           "</multistatus>";
  const Expected<Multistatus> parsed = parse_multistatus(body);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->responses.at(0).calendar_data, ics);
}

TEST(AttributeScan, AttributeFloodIsRefusedFast) {
  const std::string flood = attributes(200000);
  StderrCapture err;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& body : {
           "<d:multistatus xmlns:d=\"DAV:\"" + flood + "/>",
           "<r><![CDATA[\x01]]><a" + flood + "/></r>",  // after an error, which libxml2 parses past
           "<r><!-- \x01 <a" + flood + "/> --></r>",
           "<r" + attributes(200000, "xmlns:p") + "/>",
       }) {
    const Expected<XmlDocument> parsed = XmlDocument::parse(body);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::TooManyAttributes);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(1000));
  EXPECT_EQ(err.finish(), "");
}

TEST(AttributeScan, NamespaceScopeWorstCaseStaysBounded) {
  // Every level declares the maximum of namespaces, the prefix used below is
  // declared first (libxml2 searches from the newest), then many leaves.
  std::string body;
  for (int level = 0; level < 63; ++level) {
    body += "<d:e xmlns:d=\"DAV:\"" + attributes(63, "xmlns:p" + std::to_string(level) + "x") + ">";
  }
  for (int i = 0; i < 100000; ++i) body += "<d:x/>";
  for (int level = 0; level < 63; ++level) body += "</d:e>";
  StderrCapture err;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(XmlDocument::parse(body));
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(3000));
  EXPECT_EQ(err.finish(), "");
}

}  // namespace
}  // namespace kith::dav

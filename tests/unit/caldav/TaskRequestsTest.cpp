// The request bodies of the task list: exact text, and meaning checked by
// parsing them back with libxml2.
#include <gtest/gtest.h>

#include <array>

#include "dav/xml/CalendarRequests.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace {

constexpr std::array<std::string_view, 1> kTasks = {"VTODO"};

TEST(TaskRequests, MkcalendarNamesTheCalendarAndAsksForTasks) {
  const auto request = mkcalendar("Kith", kTasks);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "MKCALENDAR");
  EXPECT_EQ(request->depth, std::nullopt);
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
            "  <d:set>\n"
            "    <d:prop>\n"
            "      <d:displayname>Kith</d:displayname>\n"
            "      <c:supported-calendar-component-set>\n"
            "        <c:comp name=\"VTODO\"/>\n"
            "      </c:supported-calendar-component-set>\n"
            "    </d:prop>\n"
            "  </d:set>\n"
            "</c:mkcalendar>\n");
}

// A name is text, never markup: whatever it holds comes back as it was.
TEST(TaskRequests, MkcalendarCarriesAnyNameAsText) {
  const std::string name = "Tom & Jerry's <b>\"list\"</b>\r\n\xc3\xa9";
  const auto request = mkcalendar(name, kTasks);
  ASSERT_TRUE(request) << request.error().message;
  auto doc = XmlDocument::parse(request->body);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_TRUE(xml::is_element(doc->root(), ns::kCalDav, "mkcalendar"));
  const xmlNode* set = xml::find_child(doc->root(), ns::kDav, "set");
  const xmlNode* prop = xml::find_child(set, ns::kDav, "prop");
  const xmlNode* displayname = xml::find_child(prop, ns::kDav, name::kDisplayName);
  ASSERT_NE(displayname, nullptr);
  EXPECT_EQ(xml::text_of(displayname), name);
  const xmlNode* comps = xml::find_child(prop, ns::kCalDav, name::kSupportedCalendarComponentSet);
  ASSERT_NE(comps, nullptr);
  const xmlNode* comp = xml::first_element(comps);
  ASSERT_NE(comp, nullptr);
  EXPECT_EQ(xml::next_element(comp), nullptr);
}

TEST(TaskRequests, MkcalendarRefusesWhatXmlCannotCarry) {
  EXPECT_FALSE(mkcalendar(std::string("a\0b", 3), kTasks));
  EXPECT_FALSE(mkcalendar("bad \xff utf-8", kTasks));
  constexpr std::array<std::string_view, 1> kInjected = {"VTODO\"/><x y=\""};
  const auto injected = mkcalendar("Kith", kInjected);
  ASSERT_FALSE(injected);
  EXPECT_EQ(injected.error().code, ErrorCode::InvalidArgument);
  // No component set: the server's default.
  const auto plain = mkcalendar("Kith", {});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body.find("supported-calendar-component-set"), std::string::npos);
}

TEST(TaskRequests, CalendarQueryAsksForEveryTaskWithItsData) {
  const auto request = calendar_query("VTODO");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "REPORT");
  EXPECT_EQ(request->depth, "1");
  EXPECT_EQ(request->body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
            "  <d:prop>\n"
            "    <d:getetag/>\n"
            "    <c:calendar-data/>\n"
            "  </d:prop>\n"
            "  <c:filter>\n"
            "    <c:comp-filter name=\"VCALENDAR\">\n"
            "      <c:comp-filter name=\"VTODO\"/>\n"
            "    </c:comp-filter>\n"
            "  </c:filter>\n"
            "</c:calendar-query>\n");
  ASSERT_TRUE(XmlDocument::parse(request->body));
  EXPECT_FALSE(calendar_query(""));
  EXPECT_FALSE(calendar_query("VTODO\"/>"));
}

}  // namespace
}  // namespace kith::dav

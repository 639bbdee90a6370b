// The multistatus model from each server family's answers, and the mapping
// rules of xml/Multistatus.h on hand-made edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "DavXmlTestSupport.h"
#include "ServerFixtures.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {
namespace multistatus_test {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::parse_ok;
namespace fx = fixtures;

DavName dav(std::string local) { return DavName{"DAV:", std::move(local)}; }
DavName cal(std::string local) { return DavName{"urn:ietf:params:xml:ns:caldav", std::move(local)}; }
DavName cs(std::string local) { return DavName{"http://calendarserver.org/ns/", std::move(local)}; }

// --- Discovery ---

TEST(Multistatus, CurrentUserPrincipalFromEachServerStyle) {
  const Multistatus radicale = parse_ok(fx::kRadicalePrincipal);
  ASSERT_EQ(radicale.responses.size(), 1u);
  EXPECT_EQ(radicale.responses[0].href, "/");
  EXPECT_EQ(radicale.responses[0].current_user_principal_href, "/alice/");

  const Multistatus google = parse_ok(fx::kGooglePrincipal);
  ASSERT_EQ(google.responses.size(), 1u);
  EXPECT_EQ(google.responses[0].current_user_principal_href, "/caldav/v2/dana%40example.com/user");

  const Multistatus icloud = parse_ok(fx::kICloudPrincipal);
  ASSERT_EQ(icloud.responses.size(), 1u);
  EXPECT_EQ(icloud.responses[0].current_user_principal_href, "/1234567890/principal/");
  EXPECT_FALSE(icloud.responses[0].status.has_value());
  ASSERT_EQ(icloud.responses[0].propstats.size(), 1u);
  EXPECT_EQ(icloud.responses[0].propstats[0].status, 200);
  EXPECT_THAT(icloud.responses[0].propstats[0].properties, ElementsAre(dav("current-user-principal")));
}

TEST(Multistatus, UnauthenticatedPrincipalHasNoHref) {
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:"><d:response><d:href>/</d:href>
    <d:propstat><d:prop><d:current-user-principal><d:unauthenticated/></d:current-user-principal></d:prop>
    <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_FALSE(parsed.responses[0].current_user_principal_href.has_value());
}

TEST(Multistatus, CalendarHomeSetRelativeAndAbsolute) {
  const Multistatus radicale = parse_ok(fx::kRadicaleHomeSet);
  ASSERT_EQ(radicale.responses.size(), 1u);
  EXPECT_EQ(radicale.responses[0].calendar_home_set_href, "/alice/");

  const Multistatus icloud = parse_ok(fx::kICloudHomeSet);
  ASSERT_EQ(icloud.responses.size(), 1u);
  EXPECT_EQ(icloud.responses[0].calendar_home_set_href, "https://p42-caldav.icloud.com:443/1234567890/calendars/");
}

// --- Calendar listing ---

TEST(Multistatus, RadicaleCalendarList) {
  const Multistatus parsed = parse_ok(fx::kRadicaleCalendarList);
  ASSERT_EQ(parsed.responses.size(), 3u);

  const DavResponse& home = parsed.responses[0];
  EXPECT_EQ(home.href, "/alice/");
  EXPECT_TRUE(home.is_collection);
  EXPECT_FALSE(home.is_calendar);
  EXPECT_THAT(home.resource_types, ElementsAre(dav("principal"), dav("collection")));
  EXPECT_FALSE(home.displayname.has_value());
  EXPECT_THAT(home.missing,
              ElementsAre(dav("displayname"), cal("supported-calendar-component-set"), cs("getctag"), dav("sync-token")));
  EXPECT_TRUE(home.is_missing(ns::kCalendarServer, "getctag"));
  EXPECT_FALSE(home.is_missing(ns::kDav, "getctag"));  // same local name, other namespace

  const DavResponse& work = parsed.responses[1];
  EXPECT_EQ(work.href, "/alice/work%20calendar/");  // percent-encoding kept
  EXPECT_TRUE(work.is_collection);
  EXPECT_TRUE(work.is_calendar);
  EXPECT_EQ(work.displayname, "Work & Travel");
  EXPECT_THAT(work.supported_components, ElementsAre("VEVENT", "VJOURNAL", "VTODO"));
  EXPECT_EQ(work.ctag, "\"2f8cd7c2b1e0a9b3\"");
  EXPECT_EQ(work.sync_token_prop, "http://radicale.org/ns/sync/2f8cd7c2b1e0a9b3d5e6f7a8");
  EXPECT_THAT(work.missing, IsEmpty());

  const DavResponse& contacts = parsed.responses[2];
  EXPECT_TRUE(contacts.is_collection);
  EXPECT_FALSE(contacts.is_calendar);
  EXPECT_THAT(contacts.resource_types,
              ElementsAre(DavName{"urn:ietf:params:xml:ns:carddav", "addressbook"}, dav("collection")));
  EXPECT_THAT(contacts.supported_components, IsEmpty());
  EXPECT_TRUE(contacts.is_missing(ns::kCalDav, "supported-calendar-component-set"));
}

// Whether a calendar can be synced by token comes from here, so both shapes
// servers really send must name sync-collection.
TEST(Multistatus, SupportedReportSetInBothServerShapes) {
  const Multistatus radicale = parse_ok(fx::kRadicaleReportSet);
  ASSERT_EQ(radicale.responses.size(), 2u);
  ASSERT_TRUE(radicale.responses[1].supported_reports.has_value());
  EXPECT_THAT(*radicale.responses[1].supported_reports,
              ElementsAre(dav("expand-property"), dav("principal-search-property-set"), dav("principal-property-search"),
                          dav("sync-collection"), cal("calendar-multiget"), cal("calendar-query")));
  EXPECT_THAT(*radicale.responses[0].supported_reports, Not(Contains(dav("sync-collection"))));

  const Multistatus xandikos = parse_ok(fx::kXandikosReportSet);
  ASSERT_EQ(xandikos.responses.size(), 2u);
  EXPECT_TRUE(xandikos.responses[1].is_calendar);
  ASSERT_TRUE(xandikos.responses[1].supported_reports.has_value());
  EXPECT_THAT(*xandikos.responses[1].supported_reports,
              ElementsAre(cal("calendar-multiget"), cal("calendar-query"), dav("expand-property"),
                          dav("sync-collection"), cal("free-busy-query")));

  // Not reported at all: unknown, not "none".
  const Multistatus without = parse_ok(fx::kRadicaleCalendarList);
  EXPECT_FALSE(without.responses[1].supported_reports.has_value());
  // Reported empty: known to offer none.
  const Multistatus empty = parse_ok(
      "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/c/</d:href><d:propstat><d:prop>"
      "<d:supported-report-set/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
      "</d:multistatus>");
  ASSERT_TRUE(empty.responses[0].supported_reports.has_value());
  EXPECT_THAT(*empty.responses[0].supported_reports, IsEmpty());
}

TEST(Multistatus, XandikosHomeWithStatusBeforeProp) {
  const Multistatus parsed = parse_ok(fx::kXandikosHome);
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_FALSE(parsed.responses[0].is_calendar);
  EXPECT_EQ(parsed.responses[0].missing.size(), 4u);
  const DavResponse& calendar = parsed.responses[1];
  EXPECT_TRUE(calendar.is_calendar);
  EXPECT_EQ(calendar.displayname, "calendar");
  EXPECT_THAT(calendar.supported_components, ElementsAre("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"));
  EXPECT_EQ(calendar.ctag, "8d7c6b5a4f3e2d1c");
  EXPECT_EQ(calendar.sync_token_prop, "http://xandikos.org/ns/sync/8d7c6b5a4f3e2d1c");
}

TEST(Multistatus, NextcloudPrettyPrintedCalendarList) {
  const Multistatus parsed = parse_ok(fx::kNextcloudCalendarList);
  ASSERT_EQ(parsed.responses.size(), 5u);

  const DavResponse& personal = parsed.responses[1];
  EXPECT_EQ(personal.href, "/remote.php/dav/calendars/carol/personal/");
  EXPECT_TRUE(personal.is_calendar);
  EXPECT_EQ(personal.displayname, "Personal");
  EXPECT_THAT(personal.supported_components, ElementsAre("VEVENT"));
  EXPECT_EQ(personal.ctag, "http://sabre.io/ns/sync/1342");
  EXPECT_EQ(personal.sync_token_prop, "http://sabre.io/ns/sync/1342");
  EXPECT_EQ(personal.calendar_color, "#0082C9");
  ASSERT_EQ(personal.propstats.size(), 1u);
  EXPECT_EQ(personal.propstats[0].properties.size(), 6u);

  const DavResponse& tasks = parsed.responses[2];
  EXPECT_THAT(tasks.supported_components, ElementsAre("VTODO"));

  const DavResponse& inbox = parsed.responses[3];
  EXPECT_TRUE(inbox.is_collection);
  EXPECT_FALSE(inbox.is_calendar);
  EXPECT_THAT(inbox.resource_types, ElementsAre(dav("collection"), cal("schedule-inbox")));

  const DavResponse& trash = parsed.responses[4];
  EXPECT_FALSE(trash.is_calendar);
  EXPECT_THAT(trash.resource_types, ElementsAre(dav("collection"), DavName{"http://nextcloud.org/ns", "trash-bin"}));
}

TEST(Multistatus, GoogleCalendarListWithPartialProperties) {
  const Multistatus parsed = parse_ok(fx::kGoogleCalendarList);
  ASSERT_EQ(parsed.responses.size(), 3u);
  const DavResponse& events = parsed.responses[1];
  EXPECT_TRUE(events.is_calendar);
  EXPECT_EQ(events.displayname, "dana@example.com");
  EXPECT_EQ(events.ctag, "63852307512");
  EXPECT_EQ(events.sync_token_prop,
            "https://www.google.com/calendar/dav/sync/CPjx4Z2ZqoYDEPjx4Z2ZqoYDGAUgiuz9xAI=");

  // Subscribed holidays: ctag only, sync-token reported missing -> the
  // provider falls back to ETag comparison.
  const DavResponse& holidays = parsed.responses[2];
  EXPECT_TRUE(holidays.is_calendar);
  EXPECT_EQ(holidays.ctag, "63851000000");
  EXPECT_FALSE(holidays.sync_token_prop.has_value());
  EXPECT_THAT(holidays.missing, ElementsAre(dav("sync-token")));
  ASSERT_EQ(holidays.propstats.size(), 2u);
  EXPECT_EQ(holidays.propstats[0].status, 200);
  EXPECT_EQ(holidays.propstats[1].status, 404);
}

TEST(Multistatus, ICloudDefaultNamespacePerElement) {
  const Multistatus parsed = parse_ok(fx::kICloudCalendarList);
  ASSERT_EQ(parsed.responses.size(), 4u);
  EXPECT_FALSE(parsed.responses[0].is_calendar);
  const DavResponse& home = parsed.responses[1];
  EXPECT_TRUE(home.is_calendar);
  EXPECT_EQ(home.displayname, "Home");
  EXPECT_EQ(home.calendar_color, "#1BADF8FF");
  EXPECT_EQ(home.ctag, "HwoQEgwAAFk2bzB2kwAAAAAYAhgAIhUIuLqT3tL0q9fPARDRsK/HqdyGjPMBKAA=");
  EXPECT_THAT(home.supported_components, ElementsAre("VEVENT"));
  EXPECT_EQ(parsed.responses[2].displayname, "Reminders \u26a0\ufe0f");
  EXPECT_THAT(parsed.responses[2].supported_components, ElementsAre("VTODO"));
  EXPECT_FALSE(parsed.responses[3].is_calendar);
}

// --- Sync and fetch ---

TEST(Multistatus, XandikosSyncCollectionWithDeletion) {
  const Multistatus parsed = parse_ok(fx::kXandikosSync);
  EXPECT_EQ(parsed.sync_token, "http://xandikos.org/ns/sync/8d7c6b5a4f3e2d1c");
  ASSERT_EQ(parsed.responses.size(), 3u);
  EXPECT_EQ(parsed.responses[0].href, "/bob/calendars/calendar/3f2b7a10-9c1d-4e2f-8a6b-1d2e3f4a5b6c.ics");
  EXPECT_EQ(parsed.responses[0].etag, "\"b7f1c8e2a4d6\"");
  EXPECT_FALSE(parsed.responses[0].status.has_value());
  EXPECT_EQ(parsed.responses[1].etag, "\"9a0b1c2d3e4f\"");
  const DavResponse& gone = parsed.responses[2];
  EXPECT_EQ(gone.href, "/bob/calendars/calendar/cancelled.ics");
  EXPECT_EQ(gone.status, 404);
  EXPECT_FALSE(gone.etag.has_value());
  EXPECT_THAT(gone.propstats, IsEmpty());
}

TEST(Multistatus, TruncatedSyncReports507WithCondition) {
  const Multistatus parsed = parse_ok(fx::kGoogleTruncatedSync);
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_EQ(parsed.responses[0].etag, "\"63852307512000000\"");
  EXPECT_EQ(parsed.responses[1].status, 507);
  EXPECT_THAT(parsed.responses[1].errors, ElementsAre(dav("number-of-matches-within-limits")));
  EXPECT_TRUE(parsed.sync_token.has_value());
}

TEST(Multistatus, NextcloudMultigetWithEscapedCalendarData) {
  const Multistatus parsed = parse_ok(fx::kNextcloudMultiget);
  ASSERT_EQ(parsed.responses.size(), 2u);
  const DavResponse& lunch = parsed.responses[0];
  EXPECT_EQ(lunch.etag, "\"5e1f0a3c9b2d4e6f8a7b\"");
  ASSERT_TRUE(lunch.calendar_data.has_value());
  const std::string& ics = *lunch.calendar_data;
  EXPECT_TRUE(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) << ics;
  EXPECT_TRUE(ics.ends_with("END:VCALENDAR\r\n")) << ics;
  EXPECT_NE(ics.find("SUMMARY:Lunch with Dana & Eli <3\r\n"), std::string::npos);
  EXPECT_EQ(parsed.responses[1].status, 404);
  EXPECT_FALSE(parsed.responses[1].calendar_data.has_value());
}

TEST(Multistatus, ICloudMultigetWithCdata) {
  const Multistatus parsed = parse_ok(fx::kICloudMultiget);
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_EQ(parsed.responses[0].etag, "\"lx9dk2hb\"");
  ASSERT_TRUE(parsed.responses[0].calendar_data.has_value());
  const std::string& ics = *parsed.responses[0].calendar_data;
  EXPECT_TRUE(ics.starts_with("BEGIN:VCALENDAR\nVERSION:2.0\n"));
  EXPECT_NE(ics.find("SUMMARY:Dinner <at> Frank's & Grace's\n"), std::string::npos);
  EXPECT_TRUE(ics.ends_with("END:VCALENDAR\n"));
}

TEST(Multistatus, FallbackEtagListing) {
  const Multistatus parsed = parse_ok(fx::kRadicaleEtags);
  ASSERT_EQ(parsed.responses.size(), 3u);
  EXPECT_FALSE(parsed.responses[0].etag.has_value());
  EXPECT_TRUE(parsed.responses[0].is_missing(ns::kDav, "getetag"));
  EXPECT_EQ(parsed.responses[1].etag, "\"e4d909c290d0fb1ca068ffaddf22cbd0\"");
  EXPECT_EQ(parsed.responses[1].getlastmodified, "Mon, 03 Jun 2024 17:00:01 GMT");
  EXPECT_EQ(parsed.responses[2].href, "/alice/work%20calendar/standup.ics");
  // The collection itself is found however the caller spells its URL.
  const DavResponse* self = find_response(parsed, "https://dav.example.org/alice/work calendar");
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self, &parsed.responses[0]);
  EXPECT_EQ(find_response(parsed, "/alice/other/"), nullptr);
}

// --- Mapping rules ---

TEST(Multistatus, MatchesByNamespaceNotPrefix) {
  // "C" bound to DAV: and "D" to CalDAV: the prefixes lie, the URIs decide.
  const Multistatus parsed = parse_ok(R"(<?xml version="1.0"?>
<C:multistatus xmlns:C="DAV:" xmlns:D="urn:ietf:params:xml:ns:caldav">
  <C:response>
    <C:href>/x/</C:href>
    <C:propstat>
      <C:prop><C:getetag>"dav-etag"</C:getetag><D:calendar-data>ics</D:calendar-data>
        <D:getetag>"caldav-etag-is-no-etag"</D:getetag></C:prop>
      <C:status>HTTP/1.1 200 OK</C:status>
    </C:propstat>
  </C:response>
  <D:response><C:href>/not-a-dav-response/</C:href></D:response>
  <response xmlns="DAV:"><href>/y/</href></response>
  <response><href>/no-namespace/</href></response>
</C:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 2u);
  EXPECT_EQ(parsed.responses[0].etag, "\"dav-etag\"");
  EXPECT_EQ(parsed.responses[0].calendar_data, "ics");
  EXPECT_EQ(parsed.responses[1].href, "/y/");
}

TEST(Multistatus, PropertiesMergeAcrossStatusBlocks) {
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:response><d:href>/c/</d:href>
    <d:propstat><d:prop><d:displayname>One</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><cs:getctag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
    <d:propstat><d:prop><d:getetag>"e"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><d:sync-token>forbidden</d:sync-token></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>
    <d:propstat><d:prop><d:getlastmodified>no status</d:getlastmodified></d:prop></d:propstat>
    <d:propstat><d:prop><d:getcontenttype>bad status</d:getcontenttype></d:prop><d:status>200 OK</d:status></d:propstat>
  </d:response></d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  const DavResponse& r = parsed.responses[0];
  EXPECT_EQ(r.displayname, "One");
  EXPECT_EQ(r.etag, "\"e\"");
  EXPECT_FALSE(r.ctag.has_value());
  EXPECT_FALSE(r.sync_token_prop.has_value());  // 403: neither value nor missing
  EXPECT_FALSE(r.getlastmodified.has_value());
  EXPECT_FALSE(r.content_type.has_value());
  EXPECT_THAT(r.missing, ElementsAre(cs("getctag")));
  ASSERT_EQ(r.propstats.size(), 6u);
  EXPECT_EQ(r.propstats[3].status, 403);
  EXPECT_THAT(r.propstats[3].properties, ElementsAre(dav("sync-token")));
  EXPECT_EQ(r.propstats[4].status, 0);
  EXPECT_EQ(r.propstats[5].status, 0);
}

TEST(Multistatus, WhitespaceRules) {
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:response>
    <d:href>
      /cal/a.ics
    </d:href>
    <d:propstat>
      <d:prop>
        <d:getetag>
          "abc"
        </d:getetag>
        <d:displayname>  Spaced  </d:displayname>
        <c:calendar-data>
BEGIN:VCALENDAR
</c:calendar-data>
        <c:supported-calendar-component-set><c:comp name=" vevent "/><c:comp name=""/><c:comp/></c:supported-calendar-component-set>
      </d:prop>
      <d:status>  HTTP/1.1 200 OK  </d:status>
    </d:propstat>
  </d:response>
  <d:sync-token>
    tok-1
  </d:sync-token>
</d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  const DavResponse& r = parsed.responses[0];
  EXPECT_EQ(r.href, "/cal/a.ics");
  EXPECT_EQ(r.etag, "\"abc\"");
  EXPECT_EQ(r.displayname, "  Spaced  ");
  EXPECT_EQ(r.calendar_data, "\nBEGIN:VCALENDAR\n");
  EXPECT_THAT(r.supported_components, ElementsAre("VEVENT"));
  EXPECT_EQ(parsed.sync_token, "tok-1");
}

TEST(Multistatus, EmptyPropertyIsPresentButEmpty) {
  const Multistatus parsed = parse_ok(R"(<multistatus xmlns="DAV:"><response><href>/c/</href><propstat>
    <prop><displayname/><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_EQ(parsed.responses[0].displayname, "");
  EXPECT_FALSE(parsed.responses[0].is_collection);
  EXPECT_THAT(parsed.responses[0].resource_types, IsEmpty());
}

TEST(Multistatus, SeveralHrefsInOneResponse) {
  const Multistatus parsed = parse_ok(R"(<multistatus xmlns="DAV:"><response>
    <href>/c/a.ics</href><href>/c/b.ics</href><href>/c/c.ics</href>
    <status>HTTP/1.1 404 Not Found</status></response></multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 3u);
  EXPECT_EQ(parsed.responses[0].href, "/c/a.ics");
  EXPECT_EQ(parsed.responses[1].href, "/c/b.ics");
  EXPECT_EQ(parsed.responses[2].href, "/c/c.ics");
  for (const DavResponse& r : parsed.responses) EXPECT_EQ(r.status, 404);
}

TEST(Multistatus, ResponseWithoutHrefIsDropped) {
  const Multistatus parsed = parse_ok(R"(<multistatus xmlns="DAV:"><response><status>HTTP/1.1 200 OK</status></response>
    <response><href>/kept</href></response></multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_EQ(parsed.responses[0].href, "/kept");
}

TEST(Multistatus, EmptyMultistatus) {
  const Multistatus parsed = parse_ok(R"(<D:multistatus xmlns:D="DAV:"/>)");
  EXPECT_THAT(parsed.responses, IsEmpty());
  EXPECT_FALSE(parsed.sync_token.has_value());
}

TEST(Multistatus, UnboundPrefixMatchesNothing) {
  // libxml2 reports a namespace error but keeps the tree; the element is in
  // no namespace, so it is simply not recognised.
  const Multistatus parsed = parse_ok(R"(<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:propstat>
    <d:prop><x:getetag>"e"</x:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
    </d:multistatus>)");
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_FALSE(parsed.responses[0].etag.has_value());
}

TEST(Multistatus, WrongDocumentElement) {
  const Expected<Multistatus> error_body = parse_multistatus(fixtures::kSabreInvalidSyncToken);
  ASSERT_FALSE(error_body);
  EXPECT_EQ(error_body.error().code, ErrorCode::UnexpectedRoot);
  EXPECT_NE(error_body.error().message.find("{DAV:}error"), std::string::npos) << error_body.error().message;

  const Expected<Multistatus> no_namespace = parse_multistatus("<multistatus><response/></multistatus>");
  ASSERT_FALSE(no_namespace);
  EXPECT_EQ(no_namespace.error().code, ErrorCode::UnexpectedRoot);

  const Expected<Multistatus> html = parse_multistatus("<html><body>502 Bad Gateway</body></html>");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, ErrorCode::UnexpectedRoot);
}

TEST(Multistatus, NotXml) {
  for (std::string_view body : {"", "   ", "Internal Server Error", "<d:multistatus xmlns:d=\"DAV:\">",
                                "<?xml version=\"1.0\"?>", "<a></b>"}) {
    const Expected<Multistatus> parsed = parse_multistatus(body);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, ErrorCode::Malformed) << body;
    EXPECT_FALSE(parsed.error().message.empty());
  }
}

TEST(Multistatus, MalformedReportsLibxmlMessageAndLine) {
  const Expected<Multistatus> parsed = parse_multistatus("<d:multistatus xmlns:d=\"DAV:\">\n<d:response>\n</d:respons>");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::Malformed);
  EXPECT_EQ(parsed.error().line, 3);
  EXPECT_TRUE(parsed.error().message.starts_with("malformed XML: ")) << parsed.error().message;
  EXPECT_FALSE(parsed.error().message.ends_with("\n"));
}

TEST(Multistatus, LimitsApply) {
  XmlLimits small;
  small.max_bytes = 100;
  const Expected<Multistatus> parsed = parse_multistatus(fixtures::kRadicaleCalendarList, small);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::TooLarge);
}

}  // namespace multistatus_test
}  // namespace kith::dav

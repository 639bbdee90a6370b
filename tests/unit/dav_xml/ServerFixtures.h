// Multistatus and error bodies in the styles real CalDAV servers answer
// with. Written for these tests after the shapes each server family uses:
// prefixes, namespace declarations, element order, escaping and CDATA differ,
// the meaning does not.
#pragma once

#include <string_view>
#include <vector>

namespace kith::dav::fixtures {

// --- Radicale: DAV: as the default namespace, prefixes for the others. ---

inline constexpr std::string_view kRadicalePrincipal = R"xml(<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal><href>/alice/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

inline constexpr std::string_view kRadicaleHomeSet = R"xml(<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alice/</href><propstat><prop><C:calendar-home-set><href>/alice/</href></C:calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

inline constexpr std::string_view kRadicaleCalendarList = R"xml(<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CR="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/"><response><href>/alice/</href><propstat><prop><resourcetype><principal /><collection /></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><displayname /><C:supported-calendar-component-set /><CS:getctag /><sync-token /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response><response><href>/alice/work%20calendar/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><displayname>Work &amp; Travel</displayname><C:supported-calendar-component-set><C:comp name="VEVENT" /><C:comp name="VJOURNAL" /><C:comp name="VTODO" /></C:supported-calendar-component-set><CS:getctag>"2f8cd7c2b1e0a9b3"</CS:getctag><sync-token>http://radicale.org/ns/sync/2f8cd7c2b1e0a9b3d5e6f7a8</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/alice/contacts/</href><propstat><prop><resourcetype><CR:addressbook /><collection /></resourcetype><displayname>Contacts</displayname><CS:getctag>"77aa"</CS:getctag><sync-token>http://radicale.org/ns/sync/77aa</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><C:supported-calendar-component-set /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>)xml";

// Fallback listing (PROPFIND Depth 1 getetag + getlastmodified).
inline constexpr std::string_view kRadicaleEtags = R"xml(<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:"><response><href>/alice/work%20calendar/</href><propstat><prop><getlastmodified>Tue, 04 Jun 2024 09:12:44 GMT</getlastmodified></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><getetag /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response><response><href>/alice/work%20calendar/6c1a2b3c-0d4e.ics</href><propstat><prop><getetag>"e4d909c290d0fb1ca068ffaddf22cbd0"</getetag><getlastmodified>Mon, 03 Jun 2024 17:00:01 GMT</getlastmodified></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/alice/work%20calendar/standup.ics</href><propstat><prop><getetag>"0cc175b9c0f1b6a831c399e269772661"</getetag><getlastmodified>Tue, 04 Jun 2024 09:12:44 GMT</getlastmodified></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

// DAV:supported-report-set of a home and its calendar, as Radicale 3.1
// answered it (RFC 3253 shape, <report> around each name).
inline constexpr std::string_view kRadicaleReportSet = R"xml(<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alex/</href><propstat><prop><supported-report-set><supported-report><report><expand-property /></report></supported-report><supported-report><report><principal-search-property-set /></report></supported-report><supported-report><report><principal-property-search /></report></supported-report></supported-report-set></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/alex/bench/</href><propstat><prop><supported-report-set><supported-report><report><expand-property /></report></supported-report><supported-report><report><principal-search-property-set /></report></supported-report><supported-report><report><principal-property-search /></report></supported-report><supported-report><report><sync-collection /></report></supported-report><supported-report><report><C:calendar-multiget /></report></supported-report><supported-report><report><C:calendar-query /></report></supported-report></supported-report-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

// --- Xandikos: ElementTree's generated ns0/ns1 prefixes, status first. ---

// The home listing Kith sends, as Xandikos 0.2 answered it: no <report>
// wrapper inside supported-report (unlike RFC 3253).
inline constexpr std::string_view kXandikosReportSet = R"xml(<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/user/calendars/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /></ns0:resourcetype><ns0:displayname>calendars</ns0:displayname><ns0:supported-report-set><ns0:supported-report><ns0:expand-property /></ns0:supported-report><ns0:supported-report><ns0:sync-collection /></ns0:supported-report></ns0:supported-report-set></ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns1:supported-calendar-component-set /></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/user/calendars/calendar/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /><ns1:calendar /></ns0:resourcetype><ns0:displayname>calendar</ns0:displayname><ns1:supported-calendar-component-set><ns1:comp name="VEVENT" /><ns1:comp name="VTODO" /><ns1:comp name="VJOURNAL" /><ns1:comp name="VFREEBUSY" /></ns1:supported-calendar-component-set><ns0:supported-report-set><ns0:supported-report><ns1:calendar-multiget /></ns0:supported-report><ns0:supported-report><ns1:calendar-query /></ns0:supported-report><ns0:supported-report><ns0:expand-property /></ns0:supported-report><ns0:supported-report><ns0:sync-collection /></ns0:supported-report><ns0:supported-report><ns1:free-busy-query /></ns0:supported-report></ns0:supported-report-set></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>)xml";

inline constexpr std::string_view kXandikosSync = R"xml(<?xml version='1.0' encoding='utf-8'?>
<ns0:multistatus xmlns:ns0="DAV:"><ns0:response><ns0:href>/bob/calendars/calendar/3f2b7a10-9c1d-4e2f-8a6b-1d2e3f4a5b6c.ics</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"b7f1c8e2a4d6"</ns0:getetag></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/bob/calendars/calendar/dinner.ics</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"9a0b1c2d3e4f"</ns0:getetag></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/bob/calendars/calendar/cancelled.ics</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response><ns0:sync-token>http://xandikos.org/ns/sync/8d7c6b5a4f3e2d1c</ns0:sync-token></ns0:multistatus>)xml";

inline constexpr std::string_view kXandikosHome = R"xml(<?xml version='1.0' encoding='utf-8'?>
<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav" xmlns:ns2="http://calendarserver.org/ns/"><ns0:response><ns0:href>/bob/calendars/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /></ns0:resourcetype></ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns0:displayname /><ns1:supported-calendar-component-set /><ns2:getctag /><ns0:sync-token /></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/bob/calendars/calendar/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /><ns1:calendar /></ns0:resourcetype><ns0:displayname>calendar</ns0:displayname><ns1:supported-calendar-component-set><ns1:comp name="VEVENT" /><ns1:comp name="VTODO" /><ns1:comp name="VJOURNAL" /><ns1:comp name="VFREEBUSY" /><ns1:comp name="VAVAILABILITY" /></ns1:supported-calendar-component-set><ns2:getctag>8d7c6b5a4f3e2d1c</ns2:getctag><ns0:sync-token>http://xandikos.org/ns/sync/8d7c6b5a4f3e2d1c</ns0:sync-token></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>)xml";

// --- Nextcloud (SabreDAV): lower-case d:/cal:/cs:, vendor namespaces,
// pretty-printed, CR escaped as &#13; in calendar data. ---

inline constexpr std::string_view kNextcloudCalendarList = R"xml(<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns" xmlns:x1="http://apple.com/ns/ical/">
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype>
     <d:collection/>
    </d:resourcetype>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:displayname/>
    <cal:supported-calendar-component-set/>
    <cs:getctag/>
    <d:sync-token/>
   </d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/personal/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype>
     <d:collection/>
     <cal:calendar/>
    </d:resourcetype>
    <d:displayname>Personal</d:displayname>
    <cal:supported-calendar-component-set>
     <cal:comp name="VEVENT"/>
    </cal:supported-calendar-component-set>
    <cs:getctag>http://sabre.io/ns/sync/1342</cs:getctag>
    <d:sync-token>http://sabre.io/ns/sync/1342</d:sync-token>
    <x1:calendar-color>#0082C9</x1:calendar-color>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/tasks/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype>
     <d:collection/>
     <cal:calendar/>
    </d:resourcetype>
    <d:displayname>Tasks</d:displayname>
    <cal:supported-calendar-component-set>
     <cal:comp name="VTODO"/>
    </cal:supported-calendar-component-set>
    <cs:getctag>http://sabre.io/ns/sync/77</cs:getctag>
    <d:sync-token>http://sabre.io/ns/sync/77</d:sync-token>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/inbox/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype>
     <d:collection/>
     <cal:schedule-inbox/>
    </d:resourcetype>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:displayname/>
    <cal:supported-calendar-component-set/>
    <cs:getctag/>
    <d:sync-token/>
   </d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/trashbin/</d:href>
  <d:propstat>
   <d:prop>
    <d:resourcetype>
     <d:collection/>
     <nc:trash-bin/>
    </d:resourcetype>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:displayname/>
    <cal:supported-calendar-component-set/>
    <cs:getctag/>
    <d:sync-token/>
   </d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
 </d:response>
</d:multistatus>)xml";

inline constexpr std::string_view kNextcloudMultiget = R"xml(<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/personal/B0A1C2D3-lunch.ics</d:href>
  <d:propstat>
   <d:prop>
    <d:getetag>&quot;5e1f0a3c9b2d4e6f8a7b&quot;</d:getetag>
    <cal:calendar-data>BEGIN:VCALENDAR&#13;
VERSION:2.0&#13;
PRODID:-//Sabre//Sabre VObject 4.5.4//EN&#13;
BEGIN:VEVENT&#13;
UID:B0A1C2D3-lunch&#13;
DTSTAMP:20240603T101500Z&#13;
DTSTART:20240605T120000Z&#13;
DTEND:20240605T130000Z&#13;
SUMMARY:Lunch with Dana &amp; Eli &lt;3&#13;
ORGANIZER;CN=Carol:mailto:carol@example.org&#13;
ATTENDEE;CN=Dana:mailto:dana@example.org&#13;
END:VEVENT&#13;
END:VCALENDAR&#13;
</cal:calendar-data>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/calendars/carol/personal/deleted-meanwhile.ics</d:href>
  <d:status>HTTP/1.1 404 Not Found</d:status>
 </d:response>
</d:multistatus>)xml";

// SabreDAV's answer (403) to a sync-collection with an expired token.
inline constexpr std::string_view kSabreInvalidSyncToken = R"xml(<?xml version="1.0" encoding="utf-8"?>
<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
  <s:sabredav-version>4.6.0</s:sabredav-version>
  <d:valid-sync-token/>
  <s:exception>Sabre\DAV\Exception\InvalidSyncToken</s:exception>
  <s:message>Invalid or unknown sync token</s:message>
</d:error>)xml";

// --- Google: upper-case D:, "caldav:" prefix, @ percent-encoded in hrefs. ---

inline constexpr std::string_view kGooglePrincipal = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:caldav="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:ical="http://apple.com/ns/ical/"><D:response><D:href>/caldav/v2/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:current-user-principal><D:href>/caldav/v2/dana%40example.com/user</D:href></D:current-user-principal></D:prop></D:propstat></D:response></D:multistatus>)xml";

inline constexpr std::string_view kGoogleCalendarList = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:caldav="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:ical="http://apple.com/ns/ical/"><D:response><D:href>/caldav/v2/dana%40example.com/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:resourcetype><D:collection/></D:resourcetype><D:displayname>Dana Example</D:displayname></D:prop></D:propstat><D:propstat><D:status>HTTP/1.1 404 Not Found</D:status><D:prop><caldav:supported-calendar-component-set/><cs:getctag/><D:sync-token/></D:prop></D:propstat></D:response><D:response><D:href>/caldav/v2/dana%40example.com/events/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:resourcetype><D:collection/><caldav:calendar/></D:resourcetype><D:displayname>dana@example.com</D:displayname><caldav:supported-calendar-component-set><caldav:comp name="VEVENT"/></caldav:supported-calendar-component-set><cs:getctag>63852307512</cs:getctag><D:sync-token>https://www.google.com/calendar/dav/sync/CPjx4Z2ZqoYDEPjx4Z2ZqoYDGAUgiuz9xAI=</D:sync-token></D:prop></D:propstat></D:response><D:response><D:href>/caldav/v2/en.usa%23holiday%40group.v.calendar.google.com/events/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:resourcetype><D:collection/><caldav:calendar/></D:resourcetype><D:displayname>Holidays in United States</D:displayname><caldav:supported-calendar-component-set><caldav:comp name="VEVENT"/></caldav:supported-calendar-component-set><cs:getctag>63851000000</cs:getctag></D:prop></D:propstat><D:propstat><D:status>HTTP/1.1 404 Not Found</D:status><D:prop><D:sync-token/></D:prop></D:propstat></D:response></D:multistatus>)xml";

// A sync answer truncated by the server (RFC 6578 3.6): 507 on the collection.
inline constexpr std::string_view kGoogleTruncatedSync = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/caldav/v2/dana%40example.com/events/6bq3rfkd0k9s3.ics</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status><D:prop><D:getetag>"63852307512000000"</D:getetag></D:prop></D:propstat></D:response><D:response><D:href>/caldav/v2/dana%40example.com/events/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status><D:error><D:number-of-matches-within-limits/></D:error></D:response><D:sync-token>https://www.google.com/calendar/dav/sync/CNbnsrCZqoYDENbnsrCZqoYDGAUg2OLDgQM=</D:sync-token></D:multistatus>)xml";

// --- iCloud: the default namespace redeclared on each element, absolute
// home URL with an explicit port, CDATA calendar data. ---

inline constexpr std::string_view kICloudPrincipal = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/</href><propstat><prop><current-user-principal xmlns="DAV:"><href xmlns="DAV:">/1234567890/principal/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

inline constexpr std::string_view kICloudHomeSet = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/1234567890/principal/</href><propstat><prop><calendar-home-set xmlns="urn:ietf:params:xml:ns:caldav"><href xmlns="DAV:">https://p42-caldav.icloud.com:443/1234567890/calendars/</href></calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

inline constexpr std::string_view kICloudCalendarList = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/1234567890/calendars/</href><propstat><prop><resourcetype xmlns="DAV:"><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><displayname xmlns="DAV:"/><supported-calendar-component-set xmlns="urn:ietf:params:xml:ns:caldav"/><getctag xmlns="http://calendarserver.org/ns/"/><sync-token xmlns="DAV:"/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response><response xmlns="DAV:"><href>/1234567890/calendars/home/</href><propstat><prop><resourcetype xmlns="DAV:"><collection/><calendar xmlns="urn:ietf:params:xml:ns:caldav"/></resourcetype><displayname xmlns="DAV:">Home</displayname><supported-calendar-component-set xmlns="urn:ietf:params:xml:ns:caldav"><comp name="VEVENT"/></supported-calendar-component-set><getctag xmlns="http://calendarserver.org/ns/">HwoQEgwAAFk2bzB2kwAAAAAYAhgAIhUIuLqT3tL0q9fPARDRsK/HqdyGjPMBKAA=</getctag><sync-token xmlns="DAV:">HwoQEgwAAFk2bzB2kwAAAAAYAhgAIhUIuLqT3tL0q9fPARDRsK/HqdyGjPMBKAA=</sync-token><calendar-color xmlns="http://apple.com/ns/ical/" symbolic-color="blue">#1BADF8FF</calendar-color></prop><status>HTTP/1.1 200 OK</status></propstat></response><response xmlns="DAV:"><href>/1234567890/calendars/tasks/</href><propstat><prop><resourcetype xmlns="DAV:"><collection/><calendar xmlns="urn:ietf:params:xml:ns:caldav"/></resourcetype><displayname xmlns="DAV:">Reminders ⚠️</displayname><supported-calendar-component-set xmlns="urn:ietf:params:xml:ns:caldav"><comp name="VTODO"/></supported-calendar-component-set><getctag xmlns="http://calendarserver.org/ns/">HwoQEgwAAFk2bzB2kwAAAAAYARgAIhYI</getctag><sync-token xmlns="DAV:">HwoQEgwAAFk2bzB2kwAAAAAYARgAIhYI</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat></response><response xmlns="DAV:"><href>/1234567890/calendars/inbox/</href><propstat><prop><resourcetype xmlns="DAV:"><collection/><schedule-inbox xmlns="urn:ietf:params:xml:ns:caldav"/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

inline constexpr std::string_view kICloudMultiget = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/1234567890/calendars/home/8E1C4D2A-5B6F-4C3D-9E8F-0A1B2C3D4E5F.ics</href><propstat><prop><getetag xmlns="DAV:">"lx9dk2hb"</getetag><calendar-data xmlns="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//iOS 17.5//EN
BEGIN:VEVENT
UID:8E1C4D2A-5B6F-4C3D-9E8F-0A1B2C3D4E5F
DTSTAMP:20240601T080000Z
DTSTART;TZID=Europe/Paris:20240607T190000
DURATION:PT2H
SUMMARY:Dinner <at> Frank's & Grace's
END:VEVENT
END:VCALENDAR
]]></calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)xml";

// All well-formed fixtures, for the robustness tests.
inline const std::vector<std::string_view>& all_multistatus() {
  static const std::vector<std::string_view> all = {
      kRadicalePrincipal,   kRadicaleHomeSet,  kRadicaleCalendarList, kRadicaleEtags,
      kXandikosSync,        kXandikosHome,     kNextcloudCalendarList, kNextcloudMultiget,
      kGooglePrincipal,     kGoogleCalendarList, kGoogleTruncatedSync, kICloudPrincipal,
      kICloudHomeSet,       kICloudCalendarList, kICloudMultiget,
  };
  return all;
}

}  // namespace kith::dav::fixtures

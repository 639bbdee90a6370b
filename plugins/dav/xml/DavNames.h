// Namespace URIs and element names of WebDAV, CalDAV, CardDAV and the
// vendor extensions their servers use. Elements are always matched by (namespace
// URI, local name): prefixes are chosen freely by each server ("D:", "d:",
// "ns0:", or a default xmlns) and carry no meaning.
#pragma once

#include <string_view>

namespace kith::dav::ns {

inline constexpr std::string_view kDav = "DAV:";                             // RFC 4918
inline constexpr std::string_view kCalDav = "urn:ietf:params:xml:ns:caldav";  // RFC 4791
inline constexpr std::string_view kCardDav = "urn:ietf:params:xml:ns:carddav";  // RFC 6352
// Apple CalendarServer extensions; getctag is the pre-RFC 6578 change tag.
inline constexpr std::string_view kCalendarServer = "http://calendarserver.org/ns/";
// Apple iCal properties (calendar-color, calendar-order).
inline constexpr std::string_view kAppleIcal = "http://apple.com/ns/ical/";

}  // namespace kith::dav::ns

namespace kith::dav::name {

// DAV:
inline constexpr std::string_view kMultistatus = "multistatus";
inline constexpr std::string_view kResponse = "response";
inline constexpr std::string_view kHref = "href";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kPropstat = "propstat";
inline constexpr std::string_view kProp = "prop";
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kSyncToken = "sync-token";
inline constexpr std::string_view kValidSyncToken = "valid-sync-token";
inline constexpr std::string_view kGetEtag = "getetag";
inline constexpr std::string_view kGetLastModified = "getlastmodified";
inline constexpr std::string_view kGetContentType = "getcontenttype";
inline constexpr std::string_view kDisplayName = "displayname";
inline constexpr std::string_view kResourceType = "resourcetype";
inline constexpr std::string_view kCollection = "collection";
inline constexpr std::string_view kCurrentUserPrincipal = "current-user-principal";
inline constexpr std::string_view kSupportedReportSet = "supported-report-set";  // RFC 3253 3.1.5
inline constexpr std::string_view kSupportedReport = "supported-report";
inline constexpr std::string_view kReport = "report";
inline constexpr std::string_view kSyncCollection = "sync-collection";

// CalDAV
inline constexpr std::string_view kCalendar = "calendar";
inline constexpr std::string_view kCalendarData = "calendar-data";
inline constexpr std::string_view kCalendarMultiget = "calendar-multiget";
inline constexpr std::string_view kCalendarHomeSet = "calendar-home-set";
inline constexpr std::string_view kSupportedCalendarComponentSet = "supported-calendar-component-set";
inline constexpr std::string_view kComp = "comp";

// CardDAV
inline constexpr std::string_view kAddressbook = "addressbook";
inline constexpr std::string_view kAddressData = "address-data";
inline constexpr std::string_view kAddressbookHomeSet = "addressbook-home-set";
inline constexpr std::string_view kAddressbookMultiget = "addressbook-multiget";

// CalendarServer
inline constexpr std::string_view kGetCtag = "getctag";

// Apple iCal
inline constexpr std::string_view kCalendarColor = "calendar-color";

}  // namespace kith::dav::name

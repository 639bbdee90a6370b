// Request bodies of the CalDAV sync, with the method and Depth header each
// must be sent with. Bodies are UTF-8 XML, to be sent as
// kDavContentType. Prefixes: d = DAV:, c = CalDAV, cs = CalendarServer.
//
// The sequence they serve:
//   discovery  PROPFIND current-user-principal  (on the context path / well-known URL)
//              PROPFIND calendar-home-set       (on the principal)
//              PROPFIND Depth 1 on the home     (list calendars: type, name, components, ctag, token)
//   sync       REPORT sync-collection           (RFC 6578; when the calendar has a sync-token)
//              or PROPFIND Depth 1 getetag      (fallback: compare ETags when there is none)
//              REPORT calendar-multiget         (fetch the changed events)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "xml/CalDavError.h"

namespace kith::caldav {

inline constexpr std::string_view kDavContentType = "application/xml; charset=utf-8";

struct DavRequest {
  std::string_view method;               // "PROPFIND" or "REPORT"; static storage
  std::optional<std::string_view> depth;  // Depth header value; nullopt: send no Depth header
  std::string body;
};

// All builders never throw; the fixed ones fail only when out of memory.

// PROPFIND, Depth 0: DAV:current-user-principal (RFC 5397).
Expected<DavRequest> propfind_current_user_principal() noexcept;

// PROPFIND, Depth 0 on the principal: C:calendar-home-set (RFC 4791 6.2.1).
Expected<DavRequest> propfind_calendar_home_set() noexcept;

// PROPFIND, Depth 1 on the calendar home: DAV:resourcetype, DAV:displayname,
// C:supported-calendar-component-set, DAV:supported-report-set. Deliberately
// no change tags: see propfind_change_tags.
Expected<DavRequest> propfind_calendar_list() noexcept;

// PROPFIND, Depth 0 on one calendar: CS:getctag, and DAV:sync-token when
// `with_sync_token`. For calendars that do not announce sync-collection.
Expected<DavRequest> propfind_change_tags(bool with_sync_token) noexcept;

// REPORT DAV:sync-collection (RFC 6578), Depth 0 as that RFC requires,
// sync-level 1, asking for DAV:getetag. `sync_token` is the token of the
// previous answer, empty for the initial sync. InvalidArgument when the token
// cannot be carried by XML (see xml_escape).
Expected<DavRequest> sync_collection(std::string_view sync_token) noexcept;

// PROPFIND, Depth 1 on a calendar: DAV:getetag and DAV:getlastmodified, for
// servers without sync-collection (compare against the stored ETags).
Expected<DavRequest> propfind_etags() noexcept;

// REPORT C:calendar-multiget (RFC 4791 7.9) for `hrefs`, asking for
// DAV:getetag and C:calendar-data. No Depth header: the RFC says the client
// should not send one. Hrefs are sent as given (as the server listed them),
// XML-escaped. InvalidArgument when `hrefs` is empty (the RFC requires one)
// or an href cannot be carried by XML. Batching large lists is the caller's
// job.
Expected<DavRequest> calendar_multiget(std::span<const std::string> hrefs) noexcept;

}  // namespace kith::caldav

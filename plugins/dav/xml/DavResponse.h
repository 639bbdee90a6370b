// One response of a DAV:multistatus, reduced to what the CalDAV and CardDAV
// providers read (see Multistatus.h for how it is read). Its own header so that the
// property reader (DavProperties.h) and the multistatus reader that uses it
// do not include each other.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dav/xml/DavName.h"

namespace kith::dav {

struct DavPropstat {
  // 200, 404, 403... parsed from "HTTP/1.1 200 OK"; 0 when the status is
  // missing or unreadable (such a block contributes no properties).
  int status = 0;
  std::vector<DavName> properties;  // the property elements of the block, in document order
};

struct DavResponse {
  // As sent: percent-encoding kept, possibly absolute. Compare with
  // same_href() (xml/Href.h), resolve with resolve_href().
  std::string href;
  // A response-level <status>: 404 for a member deleted since the last
  // sync-collection, 507 for a truncated sync answer, or a multiget href the
  // server could not return. 0 when present but unreadable.
  std::optional<int> status;
  // Preconditions named in a response-level DAV:error, e.g.
  // {DAV:}number-of-matches-within-limits next to a 507.
  std::vector<DavName> errors;
  std::vector<DavPropstat> propstats;

  // --- Properties from status-200 propstat blocks ---
  std::optional<std::string> etag;             // DAV:getetag, quotes kept: "\"abc\"" or W/"abc"
  std::optional<std::string> ctag;             // CS:getctag
  std::optional<std::string> sync_token_prop;  // DAV:sync-token as a property (RFC 6578 4)
  std::optional<std::string> displayname;      // DAV:displayname
  std::optional<std::string> calendar_data;    // C:calendar-data, the iCalendar text
  std::optional<std::string> address_data;     // CARD:address-data, the vCard text
  std::optional<std::string> getlastmodified;  // DAV:getlastmodified, an HTTP date as sent
  std::optional<std::string> content_type;     // DAV:getcontenttype
  std::optional<std::string> calendar_color;   // ICAL:calendar-color, e.g. "#FF2968FF"
  // DAV:resourcetype: every child element, and the ones the providers need.
  bool is_collection = false;              // has DAV:collection
  bool is_calendar = false;                // has C:calendar
  bool is_addressbook = false;             // has CARD:addressbook
  std::vector<DavName> resource_types;     // also C:schedule-inbox, CS:subscribed, DAV:principal...
  // C:supported-calendar-component-set: the comp names, upper-cased
  // (iCalendar names are case-insensitive), e.g. {"VEVENT", "VTODO"}.
  std::vector<std::string> supported_components;
  // DAV:supported-report-set: the report names, e.g. {DAV:}sync-collection.
  // nullopt when the server did not report the property.
  std::optional<std::vector<DavName>> supported_reports;
  // The DAV:href inside DAV:current-user-principal (absent when the server
  // answers <DAV:unauthenticated/>) and inside C:calendar-home-set (the
  // first one, should a server list several), and likewise inside
  // CARD:addressbook-home-set.
  std::optional<std::string> current_user_principal_href;
  std::optional<std::string> calendar_home_set_href;
  std::optional<std::string> addressbook_home_set_href;

  // Properties reported with status 404.
  std::vector<DavName> missing;

  bool is_missing(std::string_view ns, std::string_view local) const noexcept;
};

}  // namespace kith::dav

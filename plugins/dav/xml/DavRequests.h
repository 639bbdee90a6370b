// Request bodies of the CalDAV and CardDAV syncs, with the method and Depth
// header each must be sent with. Bodies are UTF-8 XML, to be sent as
// kDavContentType. Prefixes: d = DAV:, cs = CalendarServer, and the
// protocol's own (DavProtocol::prefix: c = CalDAV, card = CardDAV).
//
// The sequence they serve:
//   discovery  PROPFIND current-user-principal  (on the context path / well-known URL)
//              PROPFIND calendar-home-set       (on the principal; addressbook-home-set)
//              PROPFIND Depth 1 on the home     (list collections: type, name, components, reports)
//   sync       REPORT sync-collection           (RFC 6578; when the collection has a sync-token;
//                                                 with the members' data, the listing is the fetch)
//              or PROPFIND Depth 1 getetag      (fallback: compare ETags when there is none)
//              REPORT calendar-multiget         (fetch the changed members the listing did not
//                                                 bring; addressbook-multiget)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavXmlError.h"

namespace kith::dav {

inline constexpr std::string_view kDavContentType = "application/xml; charset=utf-8";

struct DavRequest {
  std::string_view method;               // "PROPFIND" or "REPORT"; static storage
  std::optional<std::string_view> depth;  // Depth header value; nullopt: send no Depth header
  std::string body;
};

// All builders never throw; the fixed ones fail only when out of memory.

// PROPFIND, Depth 0: DAV:current-user-principal (RFC 5397).
Expected<DavRequest> propfind_current_user_principal() noexcept;

// PROPFIND, Depth 0 on the principal: the protocol's home set,
// C:calendar-home-set (RFC 4791 6.2.1) or CARD:addressbook-home-set
// (RFC 6352 7.1.1).
Expected<DavRequest> propfind_home_set(const DavProtocol& protocol) noexcept;

// PROPFIND, Depth 1 on the home: DAV:resourcetype, DAV:displayname, the
// protocol's listed_property (C:supported-calendar-component-set) when it
// has one, DAV:supported-report-set. Deliberately no change tags: see
// propfind_change_tags.
Expected<DavRequest> propfind_collection_list(const DavProtocol& protocol) noexcept;

// PROPFIND, Depth 0 on one collection: CS:getctag, and DAV:sync-token when
// `with_sync_token`. For collections that do not announce sync-collection.
Expected<DavRequest> propfind_change_tags(bool with_sync_token) noexcept;

// REPORT DAV:sync-collection (RFC 6578), Depth 0 as that RFC requires,
// sync-level 1, asking for DAV:getetag, and with `with_data` for the
// protocol's data property too (C:calendar-data, CARD:address-data: RFC
// 6578 3.2 allows any property), so that the answer is the fetch.
// `sync_token` is the token of the previous answer, empty for the initial
// sync. InvalidArgument when the token cannot be carried by XML (see
// xml_escape).
Expected<DavRequest> sync_collection(std::string_view sync_token, const DavProtocol* with_data = nullptr) noexcept;

// PROPFIND, Depth 1 on a collection: DAV:getetag and DAV:getlastmodified, for
// servers without sync-collection (compare against the stored ETags).
Expected<DavRequest> propfind_etags() noexcept;

// REPORT C:calendar-multiget (RFC 4791 7.9) or CARD:addressbook-multiget
// (RFC 6352 8.7) for `hrefs`, asking for DAV:getetag and the protocol's
// data property (C:calendar-data, CARD:address-data). No Depth header: both
// RFCs say the client should not send one. Hrefs are sent as given (as the server listed them),
// XML-escaped. InvalidArgument when `hrefs` is empty (the RFC requires one)
// or an href cannot be carried by XML. Batching large lists is the caller's
// job.
Expected<DavRequest> multiget(const DavProtocol& protocol, std::span<const std::string> hrefs) noexcept;

}  // namespace kith::dav

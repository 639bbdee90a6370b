// Request bodies only CardDAV has: asking an address book for every card
// at once. Same conventions as DavRequests.h (prefixes d = DAV:, card =
// CardDAV; UTF-8 XML sent as kDavContentType).
#pragma once

#include "dav/xml/DavRequests.h"

namespace kith::dav {

// REPORT CARD:addressbook-query (RFC 6352 8.6), Depth 1, asking for
// DAV:getetag and CARD:address-data of every card: a filter of no
// prop-filter with test="allof", which every one passes (a server that
// reads "anyof", the default, as "any of none" would return none).
Expected<DavRequest> addressbook_query() noexcept;

}  // namespace kith::dav

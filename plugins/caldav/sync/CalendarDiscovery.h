// The account's event calendars: the shared DAV discovery
// (dav/sync/Discovery.h) with CalDAV's names, keeping calendars that hold
// events, and the account's calendars / exclude_calendars applied.
#pragma once

#include <vector>

#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Status.h"
#include "sync/CalDavSettings.h"

namespace kith::caldav {

// Errors: Account for a refused login or a URL that leads to no CalDAV
// principal; Transient for server trouble.
Result<std::vector<dav::DavCollection>> discover_calendars(dav::HttpClient& http, const CalDavSettings& settings);

// `calendars` / `exclude_calendars` applied: each entry matches a calendar's
// display name, its path, or its last path segment.
std::vector<dav::DavCollection> select_calendars(const std::vector<dav::DavCollection>& all,
                                                 const CalDavSettings& settings);

}  // namespace kith::caldav

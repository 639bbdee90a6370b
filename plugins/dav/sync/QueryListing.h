// A listing from scratch that did not bring the members' data (Xandikos
// answers calendar-data and address-data 404 in a sync-collection): every
// member in one query REPORT (calendar-query, addressbook-query) rather than
// a multiget of each, which costs Xandikos a pass over the collection per
// href (2,000 events: 1 s against 110 s).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "dav/sync/CollectionChanges.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "kith/Host.h"
#include "kith/Status.h"

namespace kith::dav {

// Reads one member that came with its data; may commit. `done`: resources
// delivered so far (this one included), for progress.
using QueriedMember = std::function<Status(DavResponse&& member, std::size_t done)>;

// Sends `query` (named `query_name` in messages) to `collection` and hands
// each member it returns with its data to `on_member`, once each and at
// most `slack` more than the listing named (whatever the server sends).
// What it handed over leaves `changes.changed` and counts in
// `changes.delivered`; the rest (a broken resource the query skipped, a
// member without data) stays for the multiget, and so does everything when
// the server refuses the query or its answer is over the size cap (logged).
// Members added since the listing may come too: the next sync fetches them
// again, harmlessly. Errors: the transport's, an unreadable answer
// (Transient), or what `on_member` returned.
Status fetch_listed_by_query(HttpClient& http, const DavProtocol& protocol, const DavCollection& collection,
                             const DavRequest& query, std::string_view query_name, CollectionChanges& changes,
                             std::size_t slack, Logger& log, const QueriedMember& on_member);

}  // namespace kith::dav

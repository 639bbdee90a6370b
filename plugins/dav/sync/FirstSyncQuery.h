// A collection's first sync (no cursor stored): every member with its data
// by one query REPORT (calendar-query, addressbook-query), read and stored
// on a second thread while this one lists the collection as any sync does
// (sync-collection for the token, or the etag listing). The server's work
// for the listing (Radicale builds its sync history then: 0.4 s at 2,000
// events) overlaps Kith's for reading and storing the members instead of
// adding to it.
//
// The listing is asked second, so it is the newer and decides: a member
// whose etag changed in between, one added, and one the query did not bring
// (a resource the server cannot parse itself) stay in `changed` for the
// provider's multiget, which reports what it cannot read; one the query
// brought and the listing no longer names is in `removed`.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "dav/sync/CollectionChanges.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "kith/Host.h"
#include "kith/Status.h"

namespace kith::dav {

// Reads one member that came with its data, on the second thread; may
// commit. `done`: members handed over so far, this one included.
using FirstSyncMember = std::function<Status(DavResponse&& member, std::size_t done)>;

struct FirstSyncQuery {
  const DavProtocol& protocol;
  const DavRequest& query;
  std::string_view query_name;   // "calendar-query", in messages
  const ChangeOptions& listing;  // the provider's; asked without data here
  std::size_t max_members;       // what the query may hand over at most
};

// Nothing when the server refuses the query or its answer is over the size
// cap (logged): the provider lists as usual. Otherwise the listing's
// changes as above, `full_listing`, with `delivered` counting what went to
// `on_member`. Errors: the transport's, a 401, an unreadable answer
// (Transient), Cancelled, the listing's, or what `on_member` returned.
Result<std::optional<CollectionChanges>> first_sync_by_query(HttpClient& http, const DavCollection& collection,
                                                             const FirstSyncQuery& how, Logger& log,
                                                             const Cancellation& cancellation,
                                                             const FirstSyncMember& on_member);

}  // namespace kith::dav

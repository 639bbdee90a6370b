// The account's address books: the shared DAV discovery
// (dav/sync/Discovery.h) with CardDAV's names (/.well-known/carddav,
// addressbook-home-set, the addressbook resourcetype), and the account's
// addressbooks / exclude_addressbooks applied.
#pragma once

#include <vector>

#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Status.h"
#include "sync/CardDavSettings.h"

namespace kith::carddav {

// Errors: Account for a refused login or a URL that leads to no CardDAV
// principal; Transient for server trouble.
Result<std::vector<dav::DavCollection>> discover_addressbooks(dav::HttpClient& http, const CardDavSettings& settings);

// `addressbooks` / `exclude_addressbooks` applied: each entry matches an
// address book's display name, its path, or its last path segment.
std::vector<dav::DavCollection> select_addressbooks(const std::vector<dav::DavCollection>& all,
                                                    const CardDavSettings& settings);

}  // namespace kith::carddav

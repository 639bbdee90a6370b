// Sending a request body (dav/xml/DavRequests.h) to one collection, and
// what a refused answer means for the sync of that collection.
#pragma once

#include <string>

#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "dav/xml/DavRequests.h"
#include "kith/Status.h"

namespace kith::dav {

// The request to `url`, following redirects (inside the credential scope).
HttpRequest to_http(const DavRequest& request, const std::string& url);

// "<what> '<path>' failed: HTTP <status>": Account for 401 (the login was
// refused), Transient for 5xx, Collection otherwise (one collection the
// server will not serve must not stop the others).
Status collection_failed(const std::string& what, const DavCollection& collection, long status);

// The normalized form of `href` (see normalize_href), or `href` itself when
// it does not normalize: the key members are stored and removed by.
std::string normalized(const std::string& href);

}  // namespace kith::dav

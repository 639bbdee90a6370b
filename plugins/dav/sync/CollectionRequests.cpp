#include "dav/sync/CollectionRequests.h"

#include "dav/xml/Href.h"

namespace kith::dav {

HttpRequest to_http(const DavRequest& request, const std::string& url) {
  HttpRequest http;
  http.method = std::string(request.method);
  http.url = url;
  http.body = request.body;
  if (request.depth) http.depth = std::string(*request.depth);
  http.follow_redirects = true;
  return http;
}

Status collection_failed(const std::string& what, const DavCollection& collection, long status) {
  const std::string message = what + " '" + collection.path + "' failed: HTTP " + std::to_string(status);
  if (status == 401) return Status::account(message + " (login refused)");
  return status >= 500 ? Status::transient(message) : Status::collection(message);
}

std::string normalized(const std::string& href) {
  auto n = normalize_href(href);
  return n ? *n : href;
}

}  // namespace kith::dav

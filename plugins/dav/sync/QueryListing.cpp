#include "dav/sync/QueryListing.h"

#include <set>
#include <string>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {

Status fetch_listed_by_query(HttpClient& http, const DavProtocol& protocol, const DavCollection& collection,
                             const DavRequest& query, std::string_view query_name, CollectionChanges& changes,
                             std::size_t slack, Logger& log, const QueriedMember& on_member) {
  auto response = http.perform(to_http(query, collection.url));
  if (!response || response->status != 207) {
    // Over the size cap, or refused: the multiget of each is the fallback.
    if (!response && response.status().kind() != ErrorKind::Collection) return response.status();
    log.log(LogLevel::Info, std::string(query_name) + " of '" + collection.path + "' " +
                                (response ? "answered HTTP " + std::to_string(response->status)
                                          : "failed (" + response.status().message() + ")") +
                                "; fetching its members by " + std::string(protocol.multiget));
    return {};
  }
  std::set<std::string> got;
  std::size_t done = changes.delivered;
  Status failed;
  struct Stop {};
  auto ms = for_each_response(response->body, [&](DavResponse&& r) {
    // The collection itself, or nothing to read: left to the multiget.
    if (r.is_collection || !(r.*protocol.member_data)) return;
    // Bounded, whatever the server sends; `got` holds only what was handed
    // over, so a wanted member refused here stays for the multiget.
    if (got.size() >= changes.changed.size() + slack) return;
    if (!got.insert(normalized(r.href)).second) return;  // once each
    failed = on_member(std::move(r), ++done);
    if (!failed) throw Stop{};
  });
  if (!failed) return failed;
  if (!ms) return Status::transient("unreadable " + std::string(query_name) + " answer for '" + collection.path +
                                    "': " + ms.error().message);
  std::erase_if(changes.changed, [&](const std::string& href) { return got.count(normalized(href)) > 0; });
  changes.delivered = done;
  return {};
}

}  // namespace kith::dav

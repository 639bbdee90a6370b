#include "dav/sync/FirstSyncQuery.h"

#include <future>
#include <map>
#include <string>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {

Result<std::optional<CollectionChanges>> first_sync_by_query(HttpClient& http, const DavCollection& collection,
                                                             const FirstSyncQuery& how, Logger& log,
                                                             const Cancellation& cancellation,
                                                             const FirstSyncMember& on_member) {
  using Listed = std::optional<CollectionChanges>;
  auto response = http.perform(to_http(how.query, collection.url));
  if (!response || response->status != 207) {
    // Over the size cap or refused: the listing first, as for a later sync.
    if (!response && response.status().kind() != ErrorKind::Collection) return response.status();
    if (response && response->status == 401)
      return collection_failed(std::string(how.query_name) + " of", collection, response->status);
    log.log(LogLevel::Info, std::string(how.query_name) + " of '" + collection.path + "' " +
                                (response ? "answered HTTP " + std::to_string(response->status)
                                          : "failed (" + response.status().message() + ")") +
                                "; listing it first");
    return Listed();
  }

  // The query's members, read on the second thread; their etags, to match
  // against the listing's. Declared before the thread's future, so that
  // they outlive it whichever way this returns.
  std::map<std::string, std::string> delivered;
  auto read = std::async(std::launch::async, [&]() -> Status {
    Status failed;
    struct Stop {};
    auto ms = for_each_response(response->body, [&](DavResponse&& r) {
      // A member without data: the listing names it, the multiget fetches it.
      if (r.is_collection || !(r.*how.protocol.member_data)) return;
      if (cancellation.requested()) {
        failed = Status::cancelled();
        throw Stop{};
      }
      // Bounded whatever the server sends; each member once.
      if (delivered.size() >= how.max_members) return;
      if (!delivered.try_emplace(normalized(r.href), r.etag.value_or("")).second) return;
      failed = on_member(std::move(r), delivered.size());
      if (!failed) throw Stop{};
    });
    if (!failed) return failed;
    if (!ms)
      return Status::transient("unreadable " + std::string(how.query_name) + " answer for '" + collection.path +
                               "': " + ms.error().message);
    return {};
  });

  // Meanwhile the listing, without the data, keeping every member's etag.
  ChangeOptions options = how.listing;
  options.with_data = nullptr;
  options.on_member = nullptr;
  options.keep_members = true;
  ChangeFinder finder(http, options, log);
  auto changes = finder.find(collection, std::nullopt);
  if (auto s = read.get(); !s) return s;
  if (!changes) return changes.status();

  const auto& listed = changes->next.etags;
  std::erase_if(changes->changed, [&](const std::string& href) {
    const std::string key = normalized(href);
    const auto got = delivered.find(key);
    const auto now = listed.find(key);
    return got != delivered.end() && now != listed.end() && !got->second.empty() && got->second == now->second;
  });
  for (const auto& [href, etag] : delivered)
    if (!listed.count(href)) changes->removed.push_back(href);
  // A token cursor keeps the members only where the provider asked for it.
  if (!how.listing.keep_members && changes->next.kind == CollectionCursor::Kind::SyncToken)
    changes->next.etags.clear();
  changes->full_listing = true;
  changes->delivered = delivered.size();
  return Listed(std::move(*changes));
}

}  // namespace kith::dav

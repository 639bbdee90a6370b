// What changed in one collection since its stored cursor: by RFC 6578
// sync-collection when the server offers it (with the members' text, when
// asked: the listing is then the fetch), else by the ctag and a listing of
// every member's etag. Fetching the changed members the listing did not
// bring is the provider's part (calendar-multiget, addressbook-multiget).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dav/sync/CollectionCursor.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "dav/xml/DavProtocol.h"
#include "kith/Host.h"
#include "kith/Status.h"

namespace kith::dav {

struct ChangeOptions {
  bool use_sync_token = true;  // false forces the getctag + etag listing path
  // A listing longer than this is refused: what one sync keeps in memory
  // (hrefs, etags) is bounded by it, not by what the server sends.
  std::size_t max_members = 200000;
  std::string_view max_members_setting;  // its key, named in the refusal
  // Keep the members in a token cursor too, and remove what a listing from
  // scratch no longer shows (see CollectionCursor.h). Without it a listing
  // from scratch only says so (full_listing) and the engine drops the rest.
  bool keep_members = false;
  // A sync-collection asks for each member's text too (with_data's data
  // property), so that the listing is the fetch: a member that comes with
  // its text goes to on_member as the answer is read (`from_scratch`: it
  // belongs to a listing from scratch), one without to `changed`, for the
  // provider's multiget. A server that refuses such a request, or whose
  // answer is over the size limit, is asked again without. Members already
  // handed over stay handed over when an answer proves bad later on: they
  // were the server's, and what ends a listing or moves the cursor comes
  // only after the whole answer. An error from on_member stops the sync.
  const DavProtocol* with_data = nullptr;
  std::function<Status(DavResponse&& member, bool from_scratch)> on_member;
};

struct CollectionChanges {
  std::vector<std::string> changed;  // hrefs as sent, to fetch (those the listing did not bring)
  std::size_t delivered = 0;         // members handed to on_member with their text
  std::vector<std::string> removed;  // normalized hrefs
  bool full_listing = false;         // everything current was listed
  CollectionCursor next;             // to store once everything is committed
  bool unchanged = false;            // nothing to do at all
};

class ChangeFinder {
 public:
  ChangeFinder(HttpClient& http, const ChangeOptions& options, Logger& log)
      : http_(http), options_(options), log_(log) {}

  // Collection errors for a collection the server will not list; Account
  // for a refused login; Transient/Cancelled.
  Result<CollectionChanges> find(const DavCollection& listed, const std::optional<CollectionCursor>& stored);

 private:
  Result<CollectionChanges> by_token(const DavCollection& collection, const std::optional<CollectionCursor>& stored);
  Result<CollectionChanges> by_etags(const DavCollection& collection, const std::optional<CollectionCursor>& stored);
  Status too_many_members(const DavCollection& collection) const;

  HttpClient& http_;
  const ChangeOptions& options_;
  Logger& log_;
};

}  // namespace kith::dav

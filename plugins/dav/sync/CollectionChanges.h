// What changed in one collection since its stored cursor: by RFC 6578
// sync-collection when the server offers it, else by the ctag and a
// listing of every member's etag. Fetching the changed members is the
// provider's part (calendar-multiget, addressbook-multiget).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dav/sync/CollectionCursor.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
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
};

struct CollectionChanges {
  std::vector<std::string> changed;  // hrefs as sent, to fetch
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

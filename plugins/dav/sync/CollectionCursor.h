// What the engine stores per collection. Either the server's RFC 6578 sync
// token ("v1 token <token>"), or, for servers without one, the collection's
// ctag and every member's etag ("v1 etags <ctag>\n<etag>\t<href>\n..."),
// which is what it takes to see changes and deletions by listing.
//
// A token cursor may list the members too ("v1 token <token>\n<etag>\t<href>
// ...", the etag possibly empty): a provider whose items the engine cannot
// drop by a full listing (Batch::listing_* covers events only) needs to know
// what it delivered before, so that a listing from scratch (a refused token)
// can remove what is gone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kith::dav {

struct CollectionCursor {
  enum class Kind { SyncToken, Etags };
  Kind kind = Kind::SyncToken;
  std::string token;                        // SyncToken: the sync token; Etags: the ctag (may be empty)
  // Etags: href -> etag (or last-modified). SyncToken: the members, when the
  // provider keeps them (see above), with the etag sync-collection gave.
  std::map<std::string, std::string> etags;

  std::string encode() const;
  static std::optional<CollectionCursor> decode(std::string_view text);
};

}  // namespace kith::dav

// One address book's pass: find what changed (dav/sync/CollectionChanges.h,
// keeping the members in the cursor), fetch it with addressbook-multiget,
// read each vCard, and commit ContactCards and ContactRemovals.
//
// The engine's full-listing mechanism (Batch::listing_*) drops only events,
// so this pass removes cards itself: the cursor lists every member it
// delivered, and a listing from scratch (first sync, a refused sync token,
// the etag path) removes what it no longer shows.
#pragma once

#include <optional>

#include "dav/sync/CollectionChanges.h"
#include "dav/sync/CollectionCursor.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "sync/CardDavSettings.h"

namespace kith::carddav {

class AddressBookSync {
 public:
  AddressBookSync(dav::HttpClient& http, const CardDavSettings& settings, const ProviderContext& context,
                  BatchSink& sink);

  // Collection errors for an address book the server will not list or
  // serve; Account for a refused login; Transient/Cancelled; or the sink's
  // error.
  Status run(const dav::DavCollection& book, const std::optional<dav::CollectionCursor>& stored);

 private:
  Status fetch_and_commit(const dav::DavCollection& book, dav::CollectionChanges& changes);

  dav::HttpClient& http_;
  const CardDavSettings& settings_;
  const ProviderContext& context_;
  BatchSink& sink_;
  dav::ChangeOptions change_options_;
};

}  // namespace kith::carddav

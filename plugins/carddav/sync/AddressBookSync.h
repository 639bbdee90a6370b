// One address book's pass: find what changed (dav/sync/CollectionChanges.h,
// keeping the members in the cursor; with each card's data where the server
// sends it, so that the listing is the fetch), fetch the rest (a listing
// from scratch by one addressbook-query, what is left by
// addressbook-multiget), read each vCard, and commit ContactCards and
// ContactRemovals.
//
// The engine's full-listing mechanism (Batch::listing_*) drops only events,
// so this pass removes cards itself: the cursor lists every member it
// delivered, and a listing from scratch (first sync, a refused sync token,
// the etag path) removes what it no longer shows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dav/sync/CollectionChanges.h"
#include "dav/sync/CollectionCursor.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "kith/kit/BatchWriter.h"
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
  // Members read and not committed yet.
  struct Pending {
    std::vector<ContactCard> cards;
    std::vector<ContactRemoval> removals;
    std::vector<std::pair<std::string, Status>> failures;
    std::size_t resources = 0;  // members read
  };

  // A first sync (no stored cursor; AddressBookFirstSync.cpp): every card
  // by one addressbook-query, stored while the address book is listed
  // (dav/sync/FirstSyncQuery.h). False when the server refuses the query:
  // the usual listing then.
  Result<bool> first_sync_by_query(const dav::DavCollection& book);
  Status fetch_and_commit(const dav::DavCollection& book, dav::CollectionChanges& changes);
  // A listing from scratch without the cards: one addressbook-query for them.
  Status query_listed(const dav::DavCollection& book, dav::CollectionChanges& changes);
  // `cursor`: the one to forget a member gone (404) in, if any.
  void read_member(const dav::DavCollection& book, dav::DavResponse&& member, Pending& into,
                   dav::CollectionCursor* cursor) const;
  kit::BatchWriter& writer(const dav::DavCollection& book);
  // Commits `pending` (then empty); `done`: resources so far, for progress.
  Status commit(const dav::DavCollection& book, Pending& pending, std::uint64_t done);

  dav::HttpClient& http_;
  const CardDavSettings& settings_;
  const ProviderContext& context_;
  BatchSink& sink_;
  dav::ChangeOptions change_options_;
  // One run's state.
  std::optional<kit::BatchWriter> out_;
  std::optional<std::string> cursor_;  // set only for the last commit
  Pending listed_;                     // what the listing brought
  bool queried_ = false;               // every card was asked for by one addressbook-query already
};

}  // namespace kith::carddav

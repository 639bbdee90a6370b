// One calendar's pass: find what changed (dav/sync/CollectionChanges.h;
// with each event's data where the server sends it, so that the listing is
// the fetch), fetch the rest with calendar-multiget, expand it, and commit.
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
#include "sync/CalDavSettings.h"

namespace kith::caldav {

using dav::CollectionChanges;
using dav::CollectionCursor;
using dav::DavCollection;
using dav::HttpClient;

class CalendarSync {
 public:
  CalendarSync(HttpClient& http, const CalDavSettings& settings, const ProviderContext& context, BatchSink& sink);

  // Collection errors for a calendar the server will not list or serve;
  // Account for a refused login; Transient/Cancelled; or the sink's error.
  Status run(const DavCollection& calendar, const std::optional<CollectionCursor>& stored);

 private:
  // Members read and not committed yet.
  struct Pending {
    std::vector<CalendarEvent> events;
    std::vector<EventRemoval> removals;
    std::vector<std::pair<std::string, Status>> failures;
    std::size_t resources = 0;  // members read
    std::size_t fetched = 0;    // of them, not gone (404)
  };

  // A first sync (no stored cursor; CalendarFirstSync.cpp): every event by
  // one calendar-query, stored while the calendar is listed
  // (dav/sync/FirstSyncQuery.h). False when the server refuses the query:
  // the usual listing then.
  Result<bool> first_sync_by_query(const DavCollection& calendar);
  Status fetch_and_commit(const DavCollection& calendar, CollectionChanges& changes);
  Status query_listed(const DavCollection& calendar, CollectionChanges& changes);
  void read_member(const DavCollection& calendar, dav::DavResponse&& member, Pending& into) const;
  kit::BatchWriter& writer(const DavCollection& calendar, bool listing);
  // Commits `pending` (then empty); `done`: resources so far, for progress.
  Status commit(const DavCollection& calendar, bool listing, Pending& pending, std::uint64_t done);

  HttpClient& http_;
  const CalDavSettings& settings_;
  const ProviderContext& context_;
  BatchSink& sink_;
  dav::ChangeOptions change_options_;
  // One run's state.
  std::optional<kit::BatchWriter> out_;
  std::optional<std::string> cursor_;  // set only for the last commit
  bool listing_ = false;               // out_ began a listing
  std::size_t fetched_ = 0, unreadable_ = 0;
  Pending listed_;  // what the listing brought
  bool queried_ = false;  // every event was asked for by one calendar-query already
};

}  // namespace kith::caldav

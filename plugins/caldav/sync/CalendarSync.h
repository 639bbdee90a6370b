// One calendar's pass: find what changed (dav/sync/CollectionChanges.h),
// fetch it with calendar-multiget, expand it, and commit.
#pragma once

#include <optional>

#include "dav/sync/CollectionChanges.h"
#include "dav/sync/CollectionCursor.h"
#include "dav/sync/Discovery.h"
#include "dav/transport/HttpClient.h"
#include "kith/Host.h"
#include "kith/Provider.h"
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
  Status fetch_and_commit(const DavCollection& calendar, CollectionChanges& changes);

  HttpClient& http_;
  const CalDavSettings& settings_;
  const ProviderContext& context_;
  BatchSink& sink_;
  dav::ChangeOptions change_options_;
};

}  // namespace kith::caldav

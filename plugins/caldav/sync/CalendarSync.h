// One calendar's pass: find what changed (sync-collection, or a ctag/etag
// listing), fetch it with calendar-multiget, expand it, and commit.
#pragma once

#include <optional>

#include "kith/Host.h"
#include "kith/Provider.h"
#include "sync/CalDavSettings.h"
#include "sync/CalendarCursor.h"
#include "sync/Discovery.h"
#include "transport/HttpClient.h"

namespace kith::caldav {

class CalendarSync {
 public:
  CalendarSync(HttpClient& http, const CalDavSettings& settings, const ProviderContext& context, BatchSink& sink)
      : http_(http), settings_(settings), context_(context), sink_(sink) {}

  // Collection errors for a calendar the server will not list or serve;
  // Account for a refused login; Transient/Cancelled; or the sink's error.
  Status run(const CalendarInfo& calendar, const std::optional<CalendarCursor>& stored);

 private:
  struct Changes {
    std::vector<std::string> changed;  // hrefs as sent, to fetch
    std::vector<std::string> removed;  // normalized hrefs
    bool full_listing = false;         // everything current was listed
    CalendarCursor next;               // to store once everything is committed
    bool unchanged = false;            // nothing to do at all
  };

  Result<Changes> changes_by_token(const CalendarInfo& calendar, const std::optional<CalendarCursor>& stored);
  Result<Changes> changes_by_etags(const CalendarInfo& calendar, const std::optional<CalendarCursor>& stored);
  Status fetch_and_commit(const CalendarInfo& calendar, Changes& changes);

  HttpClient& http_;
  const CalDavSettings& settings_;
  const ProviderContext& context_;
  BatchSink& sink_;
};

}  // namespace kith::caldav

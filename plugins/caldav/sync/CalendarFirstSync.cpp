// A calendar's first sync: its events by one calendar-query, stored while
// the server lists the calendar (dav/sync/FirstSyncQuery.h).
#include "dav/sync/FirstSyncQuery.h"
#include "dav/xml/CalendarRequests.h"
#include "sync/CalendarSync.h"

namespace kith::caldav {

Result<bool> CalendarSync::first_sync_by_query(const DavCollection& calendar) {
  auto request = dav::calendar_query("VEVENT");
  if (!request) return Status::internal(request.error().message);
  Pending pending;  // filled on the query's thread, read here once it is done
  auto changes = dav::first_sync_by_query(
      http_, calendar, {dav::kCalDavProtocol, *request, "calendar-query", change_options_, settings_.max_calendar_members},
      context_.logger(), context_.cancellation(), [&](dav::DavResponse&& r, std::size_t done) -> Status {
        read_member(calendar, std::move(r), pending);
        if (pending.resources < settings_.batch_size) return {};
        return commit(calendar, true, pending, done);
      });
  if (!changes) return changes.status();
  if (!*changes) return false;
  if (pending.resources > 0)
    if (auto s = commit(calendar, true, pending, (*changes)->delivered); !s) return s;
  queried_ = true;
  if (auto s = fetch_and_commit(calendar, **changes); !s) return s;
  return true;
}

}  // namespace kith::caldav

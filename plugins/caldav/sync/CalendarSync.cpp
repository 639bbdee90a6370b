#include "sync/CalendarSync.h"

#include <algorithm>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Multistatus.h"
#include "kith/calendar/EventExpander.h"
#include "kith/kit/BatchWriter.h"

namespace kith::caldav {

CalendarSync::CalendarSync(HttpClient& http, const CalDavSettings& settings, const ProviderContext& context,
                           BatchSink& sink)
    : http_(http), settings_(settings), context_(context), sink_(sink) {
  change_options_.use_sync_token = settings.use_sync_token;
  change_options_.max_members = settings.max_calendar_members;
  change_options_.max_members_setting = "max_calendar_members";
  // A listing from scratch ends a Batch listing: the engine drops the events
  // it did not deliver, so the cursor need not keep the members.
  change_options_.keep_members = false;
}

Status CalendarSync::fetch_and_commit(const DavCollection& calendar, CollectionChanges& changes) {
  kith::calendar::ExpandOptions options;
  options.now = context_.now();
  options.horizon_days = settings_.horizon_days;

  std::size_t fetched = 0, unreadable = 0;
  // The kit's batch writer: one commit per multiget answer, without a
  // cursor (a crash re-reads the calendar from the stored one); the last
  // commit carries the removals and the new cursor, and ends a listing.
  kit::BatchWriter out(sink_, calendar.path, {.batch_size = SIZE_MAX, .total = changes.changed.size()});
  std::optional<std::string> cursor;  // set only for the last commit
  out.cursor_after([&cursor] { return cursor; });
  if (changes.full_listing) out.begin_listing();

  for (std::size_t start = 0; start < changes.changed.size(); start += settings_.multiget_size) {
    if (context_.cancellation().requested()) return Status::cancelled();
    const std::size_t end = std::min(changes.changed.size(), start + settings_.multiget_size);
    std::vector<std::string> hrefs(changes.changed.begin() + static_cast<std::ptrdiff_t>(start),
                                   changes.changed.begin() + static_cast<std::ptrdiff_t>(end));
    auto request = dav::multiget(dav::kCalDavProtocol, hrefs);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(dav::to_http(*request, calendar.url));
    if (!response) return response.status();
    if (response->status != 207) return dav::collection_failed("calendar-multiget of", calendar, response->status);
    // Each resource is read as it arrives, so one answer costs the events
    // it holds, not its XML. Failures are reported only once the whole
    // answer has proved readable, and at most one answer per href asked:
    // a server that sends more gets the rest ignored.
    std::vector<CalendarEvent> events;
    std::vector<EventRemoval> removals;
    std::vector<std::pair<std::string, Status>> failures;
    std::size_t answered = 0, batch_fetched = 0;
    auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
      if (++answered > hrefs.size()) return;
      std::string resource = dav::normalized(r.href);
      if (r.status == 404) {  // deleted between the listing and now
        removals.push_back({calendar.path, std::move(resource)});
        return;
      }
      ++batch_fetched;
      if (!r.calendar_data) {
        failures.emplace_back(std::move(resource), Status::item("the server sent no calendar data"));
        return;
      }
      auto parsed = kith::calendar::parse_calendar_resource(*r.calendar_data, calendar.path, resource, options);
      if (parsed && parsed->empty()) {
        // A task or a journal entry, not an event (any more: whatever it
        // held before goes). Xandikos lists VEVENT among every calendar's
        // components, the reminders list too.
        removals.push_back({calendar.path, std::move(resource)});
        return;
      }
      if (!parsed) {
        failures.emplace_back(std::move(resource), parsed.status());
        return;
      }
      for (auto& e : *parsed) {
        e.collection_name = calendar.displayname;  // for [events] calendars = ["Conferences"]
        events.push_back(std::move(e));
      }
    });
    if (!ms) return Status::transient("unreadable multiget answer for '" + calendar.path + "': " + ms.error().message);
    if (answered > hrefs.size()) {
      context_.logger().log(LogLevel::Warn, "calendar-multiget of '" + calendar.path + "' answered " +
                                                std::to_string(answered) + " resources for " +
                                                std::to_string(hrefs.size()) + " asked; the rest were ignored");
    }
    fetched += batch_fetched;
    unreadable += failures.size();
    for (const auto& [resource, status] : failures) out.item_failed(resource, status);
    if (auto s = out.add_group(std::move(events)); !s) return s;
    if (auto s = out.add_group(std::move(removals)); !s) return s;
    out.progress_at(end);  // resources, not events
    if (auto s = out.commit(); !s) return s;
  }
  // A listing whose every member failed to arrive must not end: ending it
  // would remove the calendar's whole history.
  if (changes.full_listing && fetched > 0 && unreadable == fetched)
    return Status::collection("no event of '" + calendar.path + "' could be read; keeping its history");

  std::vector<EventRemoval> removed;
  for (const auto& href : changes.removed) removed.push_back({calendar.path, href});
  if (auto s = out.add_group(std::move(removed)); !s) return s;
  cursor = changes.next.encode();
  return out.finish();
}

Status CalendarSync::run(const DavCollection& calendar, const std::optional<CollectionCursor>& stored) {
  dav::ChangeFinder finder(http_, change_options_, context_.logger());
  auto changes = finder.find(calendar, stored);
  if (!changes) return changes.status();
  if (changes->unchanged) return {};
  return fetch_and_commit(calendar, *changes);
}

}  // namespace kith::caldav

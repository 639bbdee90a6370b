#include "sync/CalendarSync.h"

#include <algorithm>

#include "dav/sync/CollectionRequests.h"
#include "dav/sync/QueryListing.h"
#include "dav/xml/CalendarRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Multistatus.h"
#include "kith/calendar/EventExpander.h"

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

// What one member of an answer (a listing with data, or a multiget) holds
// for the calendar: its events, its removal, or why it cannot be read.
void CalendarSync::read_member(const DavCollection& calendar, dav::DavResponse&& r, Pending& into) const {
  ++into.resources;
  std::string resource = dav::normalized(r.href);
  if (r.status == 404) {  // deleted between the listing and now
    into.removals.push_back({calendar.path, std::move(resource)});
    return;
  }
  ++into.fetched;
  if (!r.calendar_data) {
    into.failures.emplace_back(std::move(resource), Status::item("the server sent no calendar data"));
    return;
  }
  kith::calendar::ExpandOptions options;
  options.now = context_.now();
  options.horizon_days = settings_.horizon_days;
  auto parsed = kith::calendar::parse_calendar_resource(*r.calendar_data, calendar.path, resource, options);
  if (parsed && parsed->empty()) {
    // A task or a journal entry, not an event (any more: whatever it held
    // before goes). Xandikos lists VEVENT among every calendar's
    // components, the reminders list too.
    into.removals.push_back({calendar.path, std::move(resource)});
    return;
  }
  if (!parsed) {
    into.failures.emplace_back(std::move(resource), parsed.status());
    return;
  }
  for (auto& e : *parsed) {
    e.collection_name = calendar.displayname;  // for [events] calendars = ["Conferences"]
    into.events.push_back(std::move(e));
  }
}

// The kit's batch writer, made at the first commit of the pass: one commit
// per multiget answer or per batch_size members of a listing, without a
// cursor (a crash re-reads the calendar from the stored one); the last
// commit carries the removals and the new cursor, and ends a listing.
kit::BatchWriter& CalendarSync::writer(const DavCollection& calendar, bool listing) {
  if (!out_) {
    out_.emplace(sink_, calendar.path, kit::BatchOptions{.batch_size = SIZE_MAX, .total = 0});
    out_->cursor_after([this] { return cursor_; });
  }
  if (listing && !listing_) {
    out_->begin_listing();
    listing_ = true;
  }
  return *out_;
}

Status CalendarSync::commit(const DavCollection& calendar, bool listing, Pending& pending, std::uint64_t done) {
  kit::BatchWriter& out = writer(calendar, listing);
  fetched_ += pending.fetched;
  unreadable_ += pending.failures.size();
  for (const auto& [resource, status] : pending.failures) out.item_failed(resource, status);
  if (auto s = out.add_group(std::move(pending.events)); !s) return s;
  if (auto s = out.add_group(std::move(pending.removals)); !s) return s;
  pending = Pending{};
  out.progress_at(done);  // resources, not events
  return out.commit();
}

// A listing from scratch that did not bring the events: every event in one
// calendar-query (dav/sync/QueryListing.h); what it did not return (a
// broken resource, a task) stays in `changes.changed` for the multiget.
Status CalendarSync::query_listed(const DavCollection& calendar, CollectionChanges& changes) {
  auto request = dav::calendar_query("VEVENT");
  if (!request) return Status::internal(request.error().message);
  Pending pending;
  auto read = dav::fetch_listed_by_query(
      http_, dav::kCalDavProtocol, calendar, *request, "calendar-query", changes, settings_.multiget_size,
      context_.logger(), [&](dav::DavResponse&& r, std::size_t done) -> Status {
        read_member(calendar, std::move(r), pending);
        if (pending.resources < settings_.batch_size) return {};
        return commit(calendar, changes.full_listing, pending, done);
      });
  if (!read) return read;
  if (pending.resources > 0) return commit(calendar, changes.full_listing, pending, changes.delivered);
  return {};
}

Status CalendarSync::fetch_and_commit(const DavCollection& calendar, CollectionChanges& changes) {
  // What the listing brought and is not committed yet goes first.
  if (listed_.resources > 0)
    if (auto s = commit(calendar, changes.full_listing, listed_, changes.delivered); !s) return s;
  writer(calendar, changes.full_listing);
  if (changes.full_listing && !queried_ && changes.changed.size() > settings_.multiget_size)
    if (auto s = query_listed(calendar, changes); !s) return s;
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
    Pending answer;
    std::size_t answered = 0;
    auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
      if (++answered > hrefs.size()) return;
      read_member(calendar, std::move(r), answer);
    });
    if (!ms) return Status::transient("unreadable multiget answer for '" + calendar.path + "': " + ms.error().message);
    if (answered > hrefs.size()) {
      context_.logger().log(LogLevel::Warn, "calendar-multiget of '" + calendar.path + "' answered " +
                                                std::to_string(answered) + " resources for " +
                                                std::to_string(hrefs.size()) + " asked; the rest were ignored");
    }
    if (auto s = commit(calendar, changes.full_listing, answer, changes.delivered + end); !s) return s;
  }
  // A listing whose every member failed to arrive must not end: ending it
  // would remove the calendar's whole history.
  if (changes.full_listing && fetched_ > 0 && unreadable_ == fetched_)
    return Status::collection("no event of '" + calendar.path + "' could be read; keeping its history");

  std::vector<EventRemoval> removed;
  for (const auto& href : changes.removed) removed.push_back({calendar.path, href});
  kit::BatchWriter& out = writer(calendar, changes.full_listing);
  if (auto s = out.add_group(std::move(removed)); !s) return s;
  cursor_ = changes.next.encode();
  return out.finish();
}

Status CalendarSync::run(const DavCollection& calendar, const std::optional<CollectionCursor>& stored) {
  out_.reset();
  cursor_.reset();
  listing_ = false;
  fetched_ = unreadable_ = 0;
  listed_ = Pending{};
  queried_ = false;
  if (!stored && settings_.first_sync_query) {
    auto done = first_sync_by_query(calendar);
    if (!done) return done.status();
    if (*done) return {};
  }
  // The listing is the fetch where the server sends each event with it:
  // those are read and committed as they come, batch_size at a time.
  std::size_t delivered = 0;
  if (settings_.listing_data) {
    change_options_.with_data = &dav::kCalDavProtocol;
    change_options_.on_member = [&](dav::DavResponse&& member, bool from_scratch) -> Status {
      if (context_.cancellation().requested()) return Status::cancelled();
      read_member(calendar, std::move(member), listed_);
      ++delivered;
      if (listed_.resources < settings_.batch_size) return {};
      return commit(calendar, from_scratch, listed_, delivered);
    };
  }
  dav::ChangeFinder finder(http_, change_options_, context_.logger());
  auto changes = finder.find(calendar, stored);
  change_options_.on_member = nullptr;
  if (!changes) return changes.status();
  if (changes->unchanged) return {};
  return fetch_and_commit(calendar, *changes);
}

}  // namespace kith::caldav

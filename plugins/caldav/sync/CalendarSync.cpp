#include "sync/CalendarSync.h"

#include <chrono>
#include <set>

#include "kith/calendar/EventExpander.h"
#include "kith/kit/BatchWriter.h"
#include "xml/CalDavRequests.h"
#include "xml/DavError.h"
#include "xml/Href.h"
#include "xml/Multistatus.h"

namespace kith::caldav {
namespace {

HttpRequest to_http(const DavRequest& request, const std::string& url) {
  return {std::string(request.method), url, request.body,
          request.depth ? std::optional<std::string>(std::string(*request.depth)) : std::nullopt, true, true};
}

Status failed(const std::string& what, const CalendarInfo& calendar, long status) {
  const std::string message = what + " '" + calendar.path + "' failed: HTTP " + std::to_string(status);
  if (status == 401) return Status::account(message + " (login refused)");
  return status >= 500 ? Status::transient(message) : Status::collection(message);
}

std::string normalized(const std::string& href) {
  auto n = normalize_href(href);
  return n ? *n : href;
}

// Thrown from a response visitor to stop reading a listing over the cap.
struct TooManyMembers {};

Status too_many_members(const CalendarInfo& calendar, const CalDavSettings& settings) {
  return Status::collection("'" + calendar.path + "' lists more than " + std::to_string(settings.max_calendar_members) +
                            " members; raise max_calendar_members to sync it");
}

}  // namespace

Result<CalendarSync::Changes> CalendarSync::changes_by_token(const CalendarInfo& calendar,
                                                            const std::optional<CalendarCursor>& stored) {
  std::string token = stored && stored->kind == CalendarCursor::Kind::SyncToken ? stored->token : "";
  Changes changes;
  // A truncated answer (507) comes with a token to continue from.
  for (int round = 0; round < 1000; ++round) {
    auto request = sync_collection(token);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(to_http(*request, calendar.url));
    if (!response) return response.status();
    if (response->status != 207) {
      // RFC 6578: an unknown or expired token is a 403/409 with
      // DAV:valid-sync-token; some servers answer 412 or even 500. Any
      // refusal of a token we sent means: list from scratch.
      const bool token_refused =
          !token.empty() && (response->status == 403 || response->status == 409 || response->status == 412 ||
                             response->status == 500 || is_invalid_sync_token_error(response->body));
      if (token_refused) {
        context_.logger().log(LogLevel::Info, "sync token of '" + calendar.path + "' no longer valid; listing it again");
        token.clear();
        changes = Changes{};
        continue;
      }
      return failed("sync-collection of", calendar, response->status);
    }
    // An answer that proves bad halfway fails the whole pass, so what it
    // added is dropped with `changes`.
    bool truncated = false;
    auto ms = for_each_response(response->body, [&](DavResponse&& r) {
      if (same_href(r.href, calendar.path)) {
        if (r.status == 507) truncated = true;
        return;
      }
      if (r.status == 404)
        changes.removed.push_back(normalized(r.href));
      else if (r.status == 507)
        truncated = true;
      else if (!r.status || *r.status == 200)
        changes.changed.push_back(std::move(r.href));
      if (changes.changed.size() + changes.removed.size() > settings_.max_calendar_members)
        throw TooManyMembers{};
    });
    if (changes.changed.size() + changes.removed.size() > settings_.max_calendar_members)
      return too_many_members(calendar, settings_);
    if (!ms) return Status::transient("unreadable sync-collection answer for '" + calendar.path + "': " + ms.error().message);
    if (token.empty()) changes.full_listing = true;
    if (!ms->sync_token || ms->sync_token->empty())
      return Status::collection("sync-collection of '" + calendar.path + "' returned no sync-token");
    changes.next.kind = CalendarCursor::Kind::SyncToken;
    changes.next.token = *ms->sync_token;
    if (!truncated || *ms->sync_token == token) break;
    token = *ms->sync_token;
  }
  changes.unchanged = !changes.full_listing && changes.changed.empty() && changes.removed.empty() && stored &&
                      stored->token == changes.next.token;
  return changes;
}

Result<CalendarSync::Changes> CalendarSync::changes_by_etags(const CalendarInfo& calendar,
                                                            const std::optional<CalendarCursor>& stored) {
  Changes changes;
  const bool have_listing = stored && stored->kind == CalendarCursor::Kind::Etags;
  // Same ctag: nothing changed, not even a deletion.
  if (have_listing && calendar.ctag && !calendar.ctag->empty() && *calendar.ctag == stored->token) {
    changes.unchanged = true;
    return changes;
  }
  auto request = propfind_etags();
  if (!request) return Status::internal(request.error().message);
  auto response = http_.perform(to_http(*request, calendar.url));
  if (!response) return response.status();
  if (response->status != 207) return failed("listing", calendar, response->status);
  changes.next.kind = CalendarCursor::Kind::Etags;
  changes.next.token = calendar.ctag.value_or("");
  std::size_t members = 0, readable = 0;
  auto ms = for_each_response(response->body, [&](DavResponse&& r) {
    if (same_href(r.href, calendar.path) || r.is_collection) return;
    if (++members > settings_.max_calendar_members) throw TooManyMembers{};
    const auto version = r.etag ? r.etag : r.getlastmodified;
    if (!version) return;
    ++readable;
    const std::string key = normalized(r.href);
    changes.next.etags[key] = *version;
    if (!have_listing) {
      changes.changed.push_back(std::move(r.href));
    } else if (auto it = stored->etags.find(key); it == stored->etags.end() || it->second != *version) {
      changes.changed.push_back(std::move(r.href));
    }
  });
  if (members > settings_.max_calendar_members) return too_many_members(calendar, settings_);
  if (!ms) return Status::transient("unreadable listing of '" + calendar.path + "': " + ms.error().message);

  // Members we cannot read are not an empty calendar: deleting the history
  // of a calendar because the server hid its etags would be wrong.
  if (members > 0 && readable == 0)
    return Status::collection("every member of '" + calendar.path + "' came back without an etag or date");
  if (have_listing) {
    for (const auto& [href, etag] : stored->etags)
      if (!changes.next.etags.count(href)) changes.removed.push_back(href);
  } else {
    changes.full_listing = true;
  }
  return changes;
}

Status CalendarSync::fetch_and_commit(const CalendarInfo& calendar, Changes& changes) {
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
    auto request = calendar_multiget(hrefs);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(to_http(*request, calendar.url));
    if (!response) return response.status();
    if (response->status != 207) return failed("calendar-multiget of", calendar, response->status);
    // Each resource is read as it arrives, so one answer costs the events
    // it holds, not its XML. Failures are reported only once the whole
    // answer has proved readable, and at most one answer per href asked:
    // a server that sends more gets the rest ignored.
    std::vector<CalendarEvent> events;
    std::vector<EventRemoval> removals;
    std::vector<std::pair<std::string, Status>> failures;
    std::size_t answered = 0, batch_fetched = 0;
    auto ms = for_each_response(response->body, [&](DavResponse&& r) {
      if (++answered > hrefs.size()) return;
      std::string resource = normalized(r.href);
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
      if (!parsed) {
        failures.emplace_back(std::move(resource), parsed.status());
        return;
      }
      for (auto& e : *parsed) events.push_back(std::move(e));
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

Status CalendarSync::run(const CalendarInfo& listed, const std::optional<CalendarCursor>& stored) {
  CalendarInfo calendar = listed;
  bool by_token = settings_.use_sync_token && calendar.sync_collection.value_or(false);
  if (!by_token) {
    // Ask the calendar itself for its ctag, and for a sync-token when the
    // server did not say whether it has sync-collection (as before RFC 6578
    // servers reported supported-report-set, a token is the sign).
    const bool ask_token = settings_.use_sync_token && !calendar.sync_collection.has_value();
    auto request = propfind_change_tags(ask_token);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(to_http(*request, calendar.url));
    if (!response) return response.status();
    if (response->status == 401) return failed("reading the change tag of", calendar, response->status);
    // Anything else unreadable only costs a full etag listing.
    if (response->status == 207) {
      if (auto ms = parse_multistatus(response->body)) {
        if (const DavResponse* r = find_response(*ms, calendar.path)) {
          calendar.ctag = r->ctag;
          by_token = ask_token && r->sync_token_prop && !r->sync_token_prop->empty();
        }
      }
    }
  }
  auto changes = by_token ? changes_by_token(calendar, stored) : changes_by_etags(calendar, stored);
  if (!changes) return changes.status();
  if (changes->unchanged) return {};
  return fetch_and_commit(calendar, *changes);
}

}  // namespace kith::caldav

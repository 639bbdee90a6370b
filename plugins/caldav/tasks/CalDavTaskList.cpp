#include "tasks/CalDavTaskList.h"

#include <algorithm>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/CalendarRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Href.h"
#include "dav/xml/Multistatus.h"
#include "kith/Boundary.h"
#include "tasks/TaskAnswers.h"
#include "tasks/TaskCalendar.h"
#include "tasks/TaskResource.h"

namespace kith::caldav {
namespace {

// Thrown from a response visitor to stop reading a listing over the cap.
struct TooManyMembers {};

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

}  // namespace

struct CalDavTaskList::Found {
  std::string name;
  std::string etag;
  std::string text;
};

CalDavTaskList::CalDavTaskList(std::string list, dav::DavCollection calendar, std::unique_ptr<dav::HttpClient> http,
                               const CalDavSettings& settings, const ProviderContext& context)
    : list_(std::move(list)),
      context_(task_list_context(list_)),
      calendar_(std::move(calendar)),
      http_(std::move(http)),
      settings_(settings),
      provider_context_(context) {}

void CalDavTaskList::retarget(dav::DavCollection calendar, std::unique_ptr<dav::HttpClient> http) {
  calendar_ = std::move(calendar);
  http_ = std::move(http);
}

Result<dav::HttpResponse> CalDavTaskList::send(dav::HttpRequest request) {
  if (provider_context_.cancellation().requested()) return Status::cancelled();
  return http_->perform(request);
}

Status CalDavTaskList::read(TaskSink& sink) noexcept {
  return at_provider_boundary("caldav", provider_context_.cancellation(), [&] { return read_all(sink); });
}

Status CalDavTaskList::read_all(TaskSink& sink) {
  auto request = dav::calendar_query("VTODO");
  if (!request) return Status::internal(request.error().message);
  auto response = send(dav::to_http(*request, calendar_.url));
  if (!response) return response.status().with_context(context_);
  if (response->status != 207)
    return dav::collection_failed("calendar-query of", calendar_, response->status).with_context(context_);

  // What the answer holds is kept until it has all proved readable; its
  // size is bounded by the client's response cap, its member count by
  // max_calendar_members, as for a sync.
  std::vector<Found> found;
  std::vector<std::string> without_data;  // hrefs as sent, for calendar-multiget
  std::size_t members = 0, outside = 0;
  auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
    if (r.status && *r.status != 200) return;
    if (r.is_collection) return;
    auto name = task_name(calendar_.url, r.href);
    if (!name) {
      if (!dav::same_href(r.href, calendar_.path)) ++outside;
      return;
    }
    if (++members > settings_.max_calendar_members) throw TooManyMembers{};
    if (r.calendar_data && r.etag && !r.etag->empty()) {
      found.push_back({std::move(*name), std::move(*r.etag), std::move(*r.calendar_data)});
    } else {
      without_data.push_back(std::move(r.href));
    }
  });
  if (members > settings_.max_calendar_members)
    return Status::collection(context_ + ": lists more than " + std::to_string(settings_.max_calendar_members) +
                              " tasks; raise max_calendar_members to read it");
  if (!ms) return Status::transient(context_ + ": unreadable calendar-query answer: " + ms.error().message);
  if (outside > 0)
    provider_context_.logger().log(LogLevel::Warn, context_ + ": ignored " + std::to_string(outside) +
                                                       " listed resource(s) outside the calendar");
  if (!without_data.empty()) {
    if (auto s = fetch_missing(without_data, found); !s) return s;
  }
  for (const auto& task : found) sink.task(task.name, task.etag, task.text);
  return {};
}

// Some servers answer a calendar-query with hrefs and etags only: the
// data comes by calendar-multiget, in batches of multiget_size.
Status CalDavTaskList::fetch_missing(const std::vector<std::string>& hrefs, std::vector<Found>& found) {
  std::size_t unanswered = 0;
  for (std::size_t start = 0; start < hrefs.size(); start += settings_.multiget_size) {
    const std::size_t end = std::min(hrefs.size(), start + settings_.multiget_size);
    const std::vector<std::string> batch(hrefs.begin() + static_cast<std::ptrdiff_t>(start),
                                         hrefs.begin() + static_cast<std::ptrdiff_t>(end));
    auto request = dav::multiget(dav::kCalDavProtocol, batch);
    if (!request) return Status::internal(request.error().message);
    auto response = send(dav::to_http(*request, calendar_.url));
    if (!response) return response.status().with_context(context_);
    if (response->status != 207)
      return dav::collection_failed("calendar-multiget of", calendar_, response->status).with_context(context_);
    std::size_t answered = 0, usable = 0;
    auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
      // At most one answer per href asked, as in a sync.
      if (++answered > batch.size()) return;
      if (r.status && *r.status != 200) return;
      auto name = task_name(calendar_.url, r.href);
      if (!name || !r.calendar_data || !r.etag || r.etag->empty()) return;
      ++usable;
      found.push_back({std::move(*name), std::move(*r.etag), std::move(*r.calendar_data)});
    });
    if (!ms) return Status::transient(context_ + ": unreadable calendar-multiget answer: " + ms.error().message);
    unanswered += batch.size() - std::min(usable, batch.size());
  }
  // A task without an etag cannot be written back safely; one without
  // data is nothing to read. Leaving them out only means Kith does not
  // know them: it never removes what it does not know.
  if (unanswered > 0)
    provider_context_.logger().log(LogLevel::Warn, context_ + ": skipped " + std::to_string(unanswered) +
                                                       " task(s) that came without their data or etag");
  return {};
}

Result<TaskWrite> CalDavTaskList::put(std::string_view name, std::string_view icalendar, std::string_view if_match,
                                      std::string& etag) noexcept {
  return at_provider_boundary("caldav", provider_context_.cancellation(),
                              [&] { return write(name, icalendar, if_match, etag); });
}

Result<TaskWrite> CalDavTaskList::write(std::string_view name, std::string_view icalendar, std::string_view if_match,
                                        std::string& etag) {
  etag.clear();
  auto url = task_resource_url(calendar_.url, name);
  if (!url) return url.status().with_context(context_);
  if (icalendar.empty()) return Status::item(context_ + ": no iCalendar text to write as " + std::string(name));
  // The etag goes back exactly as the server sent it (quotes and all);
  // only what would break the header line is refused.
  if (has_control(if_match)) return Status::item(context_ + ": the version of " + std::string(name) + " is unusable");
  const bool create = if_match.empty();
  dav::HttpRequest request;
  request.method = "PUT";
  request.url = std::move(*url);
  request.body = std::string(icalendar);
  request.xml_body = false;  // text/calendar
  request.follow_redirects = true;
  request.redirects_stay_in_scope = true;
  if (create) {
    request.headers.emplace_back("If-None-Match: *");
  } else {
    std::string header = "If-Match: ";
    header += if_match;
    request.headers.push_back(std::move(header));
  }
  auto response = send(std::move(request));
  if (!response) return response.status().with_context(context_);
  auto outcome = put_outcome(*response, create, name, etag);
  if (!outcome) return outcome.status().with_context(context_);
  return outcome;
}

Result<TaskWrite> CalDavTaskList::remove(std::string_view name, std::string_view if_match) noexcept {
  return at_provider_boundary("caldav", provider_context_.cancellation(), [&] { return erase(name, if_match); });
}

Result<TaskWrite> CalDavTaskList::erase(std::string_view name, std::string_view if_match) {
  auto url = task_resource_url(calendar_.url, name);
  if (!url) return url.status().with_context(context_);
  if (if_match.empty() || has_control(if_match))
    return Status::item(context_ + ": removing " + std::string(name) + " needs the version it replaces");
  dav::HttpRequest request;
  request.method = "DELETE";
  request.url = std::move(*url);
  request.follow_redirects = true;
  request.redirects_stay_in_scope = true;
  std::string header = "If-Match: ";
  header += if_match;
  request.headers.push_back(std::move(header));
  auto response = send(std::move(request));
  if (!response) return response.status().with_context(context_);
  auto outcome = remove_outcome(*response, name);
  if (!outcome) return outcome.status().with_context(context_);
  return outcome;
}

}  // namespace kith::caldav

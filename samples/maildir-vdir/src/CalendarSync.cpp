#include "CalendarSync.h"

#include <optional>
#include <set>
#include <system_error>
#include <vector>

#include "IcsContent.h"
#include "LocalFiles.h"
#include "VdirMetadata.h"
#include "VdirScanner.h"
#include "kith/calendar/EventExpander.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

// A task list or journal synced into the same folder (the reminders Kith
// writes, a vdirsyncer pair of a calendar with tasks): not an event, not
// an error.
bool holds_no_event(std::string_view ics) {
  return !holds_component(ics, "VEVENT") && (holds_component(ics, "VTODO") || holds_component(ics, "VJOURNAL"));
}

// The events of one resource, or nullopt when the file vanished since the
// listing (it is then left out of the cursor, so the next pass reports it
// removed if it was delivered before). An unreadable resource is reported
// and has no events. Each event carries `display_name` as its
// collection_name.
std::optional<std::vector<CalendarEvent>> read_resource(SyncPass& pass, kit::BatchWriter& out,
                                                        const VdirCollection& calendar, const std::string& name,
                                                        const std::string& display_name) {
  const fs::path path = calendar.path / name;
  auto text = read_file(path, kMaxCalendarResourceBytes);
  if (!text) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return std::nullopt;
    pass.item_failed(out, name, text.status());
    return std::vector<CalendarEvent>{};
  }
  if (holds_no_event(*text)) {
    pass.log(LogLevel::Debug, calendar.name + "/" + name + ": no VEVENT (a task or journal), skipped");
    return std::vector<CalendarEvent>{};
  }
  calendar::ExpandOptions options;
  options.now = pass.now();
  options.horizon_days = pass.settings().horizon_days;
  auto events = calendar::parse_calendar_resource(*text, calendar.name, name, options);
  if (!events) {
    pass.item_failed(out, name, events.status());
    return std::vector<CalendarEvent>{};
  }
  for (CalendarEvent& event : *events) event.collection_name = display_name;
  return std::move(*events);
}

Status sync_calendar(SyncPass& pass, const VdirScanner& scanner, const VdirCollection& calendar) {
  auto listing = scanner.list(calendar);
  if (!listing) return listing.status();
  CollectionCursor& cursor = pass.cursor(calendar.name);
  const bool first = !cursor.calendar;
  if (first) cursor.calendar.emplace();
  VdirListing& committed = *cursor.calendar;
  const VdirChanges changes = VdirScanner::diff(committed, *listing);
  if (changes.changed.empty() && changes.removed.empty()) {
    pass.log(LogLevel::Debug, calendar.name + ": no change in " + std::to_string(listing->size()) + " resources");
    if (!first) return Status::ok();
    // An empty calendar: still remember it, to notice if it goes away.
    kit::BatchWriter out(pass.sink(), calendar.name, {pass.batch_size(), 0});
    pass.track_cursor(out);
    return out.finish();
  }
  pass.log(LogLevel::Debug, calendar.name + ": " + std::to_string(changes.changed.size()) + " changed, " +
                                std::to_string(changes.removed.size()) + " removed");

  // Read with the changes: a renamed calendar whose events did not change
  // keeps its old name until one does.
  const std::string display_name = read_display_name(calendar.path);
  kit::BatchWriter out(pass.sink(), calendar.name,
                       {pass.batch_size(), changes.changed.size() + changes.removed.size()});
  pass.track_cursor(out);
  for (const auto& name : changes.removed) {
    committed.erase(name);
    if (Status status = out.add(EventRemoval{calendar.name, name}); !status) return status;
  }
  for (const auto& name : changes.changed) {
    if (pass.cancelled()) return Status::cancelled();
    auto events = read_resource(pass, out, calendar, name, display_name);
    if (!events) continue;
    // The cursor covers the resource before its events go in, and they go
    // in together: a commit never splits one resource.
    committed[name] = listing->at(name);
    if (Status status = out.add_group(std::move(*events)); !status) return status;
  }
  if (Status status = out.finish(); !status) return status;
  pass.count(out);
  pass.log(LogLevel::Info, calendar.name + ": " + std::to_string(out.committed()) + " events and removals");
  return Status::ok();
}

// A calendar whose folder is gone: every resource it had is removed.
Status remove_calendar(SyncPass& pass, const std::string& name) {
  CollectionCursor& cursor = pass.cursor(name);
  if (!cursor.calendar || cursor.calendar->empty()) return Status::ok();
  pass.log(LogLevel::Info, "calendar '" + name + "' is gone; removing its " +
                               std::to_string(cursor.calendar->size()) + " events");
  kit::BatchWriter out(pass.sink(), name, {pass.batch_size(), cursor.calendar->size()});
  pass.track_cursor(out);
  while (!cursor.calendar->empty()) {
    auto first = cursor.calendar->begin();
    EventRemoval removal{name, first->first};
    cursor.calendar->erase(first);
    if (Status status = out.add(std::move(removal)); !status) return status;
  }
  if (Status status = out.finish(); !status) return status;
  pass.count(out);
  return Status::ok();
}

}  // namespace

Status sync_vdir(SyncPass& pass, const fs::path& root) {
  VdirScanner scanner(
      root, [&pass](const std::string& name) { return pass.settings().excluded(name); },
      [&pass](const std::string& message) { pass.log(LogLevel::Warn, message); });
  auto calendars = scanner.collections();
  if (!calendars) return calendars.status();
  std::set<std::string> present;
  for (const auto& calendar : *calendars) {
    if (pass.cancelled()) return Status::cancelled();
    present.insert(calendar.name);
    Status status = sync_calendar(pass, scanner, calendar);
    if (status.kind() == ErrorKind::Collection) {
      pass.collection_failed(status.with_context("calendar '" + calendar.name + "'"));
    } else if (!status) {
      return status;
    }
  }
  // An empty vdir more likely means an unmounted disk than that every
  // calendar was deleted: then nothing is removed.
  if (present.empty()) return Status::ok();
  std::vector<std::string> stored;
  for (const auto& entry : pass.state().cursors) stored.push_back(entry.first);
  for (const auto& name : stored) {
    if (present.count(name) || pass.settings().excluded(name)) continue;
    if (pass.cancelled()) return Status::cancelled();
    if (Status status = remove_calendar(pass, name); !status) return status;
  }
  return Status::ok();
}

}  // namespace kith::local

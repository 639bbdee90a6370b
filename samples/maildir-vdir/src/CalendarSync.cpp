#include "CalendarSync.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>
#include <vector>

#include "LocalFiles.h"
#include "VdirScanner.h"
#include "kith/Ascii.h"
#include "kith/calendar/EventExpander.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

bool contains_nocase(std::string_view text, std::string_view needle) {
  auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return kith::ascii::to_upper(a) == kith::ascii::to_upper(b); });
  return it != text.end();
}

// A task list or journal synced into the same folder: not an event, not an error.
bool holds_no_event(std::string_view ics) {
  return !contains_nocase(ics, "BEGIN:VEVENT") &&
         (contains_nocase(ics, "BEGIN:VTODO") || contains_nocase(ics, "BEGIN:VJOURNAL"));
}

class CalendarBatcher {
 public:
  CalendarBatcher(SyncPass& pass, const std::string& collection, std::size_t total)
      : pass_(pass), total_(total) {
    batch_.collection = collection;
  }

  Batch& batch() { return batch_; }

  // One resource handled: commits when the batch is full.
  Status done_one() {
    ++done_;
    ++since_commit_;
    if (since_commit_ >= pass_.batch_size() ||
        batch_.events.size() + batch_.removals.size() >= pass_.batch_size()) {
      return flush();
    }
    return Status::ok();
  }

  Status flush() {
    if (since_commit_ == 0) return Status::ok();
    since_commit_ = 0;
    return pass_.commit(batch_, done_, total_);
  }

 private:
  SyncPass& pass_;
  Batch batch_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::size_t since_commit_ = 0;
};

// Reads and expands one resource into the batch. Returns false when the
// file vanished since the listing (it is then left out of the cursor, so
// the next pass reports it removed if it was delivered before).
bool read_resource(SyncPass& pass, const VdirCalendar& calendar, const std::string& name, Batch& batch) {
  const fs::path path = calendar.path / name;
  auto text = read_file(path, kMaxCalendarResourceBytes);
  if (!text) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return false;
    pass.item_failed(calendar.name, name, text.status());
    return true;
  }
  if (holds_no_event(*text)) {
    pass.log(LogLevel::Debug, calendar.name + "/" + name + ": no VEVENT (a task or journal), skipped");
    return true;
  }
  calendar::ExpandOptions options;
  options.now = pass.now();
  options.horizon_days = pass.settings().horizon_days;
  auto events = calendar::parse_calendar_resource(*text, calendar.name, name, options);
  if (!events) {
    pass.item_failed(calendar.name, name, events.status());
    return true;
  }
  for (auto& event : *events) batch.events.push_back(std::move(event));
  return true;
}

Status sync_calendar(SyncPass& pass, const VdirScanner& scanner, const VdirCalendar& calendar) {
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
    Batch batch;
    batch.collection = calendar.name;
    return pass.commit(batch, 0, 0);
  }
  pass.log(LogLevel::Debug, calendar.name + ": " + std::to_string(changes.changed.size()) + " changed, " +
                                std::to_string(changes.removed.size()) + " removed");

  const std::size_t before_events = pass.events, before_removals = pass.removals;
  CalendarBatcher batcher(pass, calendar.name, changes.changed.size() + changes.removed.size());
  for (const auto& name : changes.removed) {
    batcher.batch().removals.push_back(EventRemoval{calendar.name, name});
    committed.erase(name);
    if (Status status = batcher.done_one(); !status) return status;
  }
  for (const auto& name : changes.changed) {
    if (pass.cancelled()) return Status::cancelled();
    if (read_resource(pass, calendar, name, batcher.batch())) committed[name] = listing->at(name);
    if (Status status = batcher.done_one(); !status) return status;
  }
  if (Status status = batcher.flush(); !status) return status;
  pass.log(LogLevel::Info, calendar.name + ": " + std::to_string(pass.events - before_events) + " events, " +
                               std::to_string(pass.removals - before_removals) + " removed");
  return Status::ok();
}

// A calendar whose folder is gone: every resource it had is removed.
Status remove_calendar(SyncPass& pass, const std::string& name) {
  CollectionCursor& cursor = pass.cursor(name);
  if (!cursor.calendar || cursor.calendar->empty()) return Status::ok();
  pass.log(LogLevel::Info, "calendar '" + name + "' is gone; removing its " +
                               std::to_string(cursor.calendar->size()) + " events");
  CalendarBatcher batcher(pass, name, cursor.calendar->size());
  while (!cursor.calendar->empty()) {
    auto first = cursor.calendar->begin();
    batcher.batch().removals.push_back(EventRemoval{name, first->first});
    cursor.calendar->erase(first);
    if (Status status = batcher.done_one(); !status) return status;
  }
  return batcher.flush();
}

}  // namespace

Status sync_vdir(SyncPass& pass, const fs::path& root) {
  VdirScanner scanner(
      root, [&pass](const std::string& name) { return pass.settings().excluded(name); },
      [&pass](const std::string& message) { pass.log(LogLevel::Warn, message); });
  auto calendars = scanner.calendars();
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

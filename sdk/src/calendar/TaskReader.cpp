// read_task(): the first VTODO of an iCalendar text as a Task. Times go
// through the ZoneResolver the event expander uses, so a DUE;TZID=... is
// read the way a DTSTART;TZID=... of an event is.
#include <libical/ical.h>

#include "AsciiText.h"
#include "CivilTime.h"
#include "IcalResource.h"
#include "ZoneResolver.h"
#include "kith/calendar/Tasks.h"

namespace kith::calendar {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division: a due moment before 1970 still falls on its own day.
std::int64_t day_number(UnixSeconds seconds) noexcept {
  std::int64_t days = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay < 0) --days;
  return days;
}

const char* text_of(icalproperty* property) {
  icalvalue* value = property != nullptr ? icalproperty_get_value(property) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_TEXT_VALUE) return nullptr;
  return icalvalue_get_text(value);
}

std::string first_text(icalcomponent* component, icalproperty_kind kind) {
  const char* text = text_of(icalcomponent_get_first_property(component, kind));
  return text != nullptr ? std::string(text) : std::string();
}

struct FoundTodo {
  icalcomponent* vtodo = nullptr;
  icalcomponent* calendar = nullptr;  // where its VTIMEZONEs are
};

FoundTodo first_vtodo(const std::vector<icalcomponent*>& calendars) {
  for (icalcomponent* calendar : calendars) {
    if (icalcomponent* vtodo = icalcomponent_get_first_component(calendar, ICAL_VTODO_COMPONENT)) {
      return {vtodo, calendar};
    }
  }
  return {};
}

// DATE: that day, no moment. DATE-TIME (UTC, TZID or floating, resolved
// as for events): that moment, and the UTC day it falls on.
std::optional<TaskDue> read_due(icalcomponent* vtodo, detail::ZoneResolver& zones) {
  const std::optional<detail::ResolvedTime> due =
      zones.read(icalcomponent_get_first_property(vtodo, ICAL_DUE_PROPERTY));
  if (!due) return std::nullopt;
  TaskDue out;
  if (!due->is_date) out.at = due->utc;
  // The UTC day; for a DATE that is the day itself, normalized the way the
  // event expander counts it (20260229 is 1 March), so it can be written.
  const detail::CivilDate date = detail::civil_from_days(day_number(due->utc));
  out.year = date.year;
  out.month = date.month;
  out.day = date.day;
  return out;
}

std::optional<UnixSeconds> read_completed(icalcomponent* vtodo, detail::ZoneResolver& zones) {
  const std::optional<detail::ResolvedTime> completed =
      zones.read(icalcomponent_get_first_property(vtodo, ICAL_COMPLETED_PROPERTY));
  if (!completed) return std::nullopt;
  return completed->utc;
}

// STATUS; without one, a COMPLETED time says the task is done (older
// clients write only that). Values other than the four a VTODO may have
// read as NeedsAction.
TaskStatus read_status(icalcomponent* vtodo, bool has_completed) {
  icalproperty* p = icalcomponent_get_first_property(vtodo, ICAL_STATUS_PROPERTY);
  icalvalue* value = p != nullptr ? icalproperty_get_value(p) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_STATUS_VALUE) {
    return has_completed ? TaskStatus::Completed : TaskStatus::NeedsAction;
  }
  switch (icalvalue_get_status(value)) {
    case ICAL_STATUS_INPROCESS: return TaskStatus::InProcess;
    case ICAL_STATUS_COMPLETED: return TaskStatus::Completed;
    case ICAL_STATUS_CANCELLED: return TaskStatus::Cancelled;
    default: return TaskStatus::NeedsAction;
  }
}

// Every value of every CATEGORIES property, in order. libical's parser
// already splits "CATEGORIES:a,b" into one property per value; blanks
// around a value ("a, b") are dropped, and so are empty values.
std::vector<std::string> read_categories(icalcomponent* vtodo) {
  std::vector<std::string> out;
  for (icalproperty* p = icalcomponent_get_first_property(vtodo, ICAL_CATEGORIES_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(vtodo, ICAL_CATEGORIES_PROPERTY)) {
    const char* text = text_of(p);
    if (text == nullptr) continue;
    const std::string_view value = detail::trim_blanks(text);
    if (!value.empty()) out.emplace_back(value);
  }
  return out;
}

}  // namespace

Result<Task> read_task(std::string_view icalendar) {
  detail::IcalErrnoGuard errno_guard;
  Result<detail::ParsedResource> parsed = detail::parse_vcalendars(icalendar);
  if (!parsed) return parsed.status();
  const FoundTodo found = first_vtodo(parsed->calendars);
  if (found.vtodo == nullptr) return Status::item("no VTODO in the resource");

  Task task;
  task.uid = first_text(found.vtodo, ICAL_UID_PROPERTY);
  if (task.uid.empty()) return Status::item("the VTODO has no UID");
  task.summary = first_text(found.vtodo, ICAL_SUMMARY_PROPERTY);
  task.description = first_text(found.vtodo, ICAL_DESCRIPTION_PROPERTY);
  detail::ZoneResolver zones(found.calendar);
  task.due = read_due(found.vtodo, zones);
  task.completed = read_completed(found.vtodo, zones);
  task.status = read_status(found.vtodo, task.completed.has_value());
  task.categories = read_categories(found.vtodo);
  return task;
}

}  // namespace kith::calendar

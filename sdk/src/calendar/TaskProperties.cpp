#include "TaskProperties.h"

#include "CivilTime.h"
#include "ZoneResolver.h"

namespace kith::calendar::detail {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// A real day of the years iCalendar can write: the date survives a trip
// through day numbers unchanged (no 31 February, no month 13).
bool writable_date(int year, int month, int day) noexcept {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const CivilDate date{year, month, day};
  const CivilDate back = civil_from_days(days_from_civil(date));
  return back.year == year && back.month == month && back.day == day;
}

icalproperty_status to_ical_status(TaskStatus status) noexcept {
  switch (status) {
    case TaskStatus::NeedsAction: return ICAL_STATUS_NEEDSACTION;
    case TaskStatus::InProcess: return ICAL_STATUS_INPROCESS;
    case TaskStatus::Completed: return ICAL_STATUS_COMPLETED;
    case TaskStatus::Cancelled: return ICAL_STATUS_CANCELLED;
  }
  return ICAL_STATUS_NEEDSACTION;
}

// The instant a DUE value stands for, as ZoneResolver reads a DTSTART.
UnixSeconds instant_of(const icaltimetype& value) {
  const CivilDateTime wall = civil_from_ical(value);
  return value.is_date ? days_from_civil(wall.date) * kSecondsPerDay : wall_seconds(wall);  // UTC
}

// Removes a DTSTART that `due` would contradict: of the other value type,
// or later than it. An unreadable DTSTART is left alone.
void drop_contradicting_start(icalcomponent* vtodo, const icaltimetype& due) {
  icalproperty* dtstart = icalcomponent_get_first_property(vtodo, ICAL_DTSTART_PROPERTY);
  if (dtstart == nullptr) return;
  ZoneResolver zones(icalcomponent_get_parent(vtodo));
  const std::optional<ResolvedTime> start = zones.read(dtstart);
  if (!start) return;
  if (start->is_date != (due.is_date != 0) || start->utc > instant_of(due)) {
    remove_all(vtodo, ICAL_DTSTART_PROPERTY);
  }
}

int percent_complete(icalcomponent* vtodo) {
  icalproperty* p = icalcomponent_get_first_property(vtodo, ICAL_PERCENTCOMPLETE_PROPERTY);
  icalvalue* value = p != nullptr ? icalproperty_get_value(p) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_INTEGER_VALUE) return -1;
  return icalvalue_get_integer(value);
}

}  // namespace

std::optional<icaltimetype> utc_date_time(UnixSeconds seconds) {
  // Years 1-9999: checked on the seconds first, so the day arithmetic
  // below cannot overflow.
  constexpr UnixSeconds kYear1 = -62135596800;   // 0001-01-01T00:00:00Z
  constexpr UnixSeconds kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  if (seconds < kYear1 || seconds >= kYear10000) return std::nullopt;
  const CivilDateTime t = civil_from_wall_seconds(seconds);
  icaltimetype value = icaltime_null_time();
  value.year = t.date.year;
  value.month = t.date.month;
  value.day = t.date.day;
  value.hour = t.hour;
  value.minute = t.minute;
  value.second = t.second;
  value.is_date = 0;
  value.zone = icaltimezone_get_utc_timezone();
  return value;
}

std::optional<icaltimetype> due_value(const TaskDue& due) {
  if (due.at) return utc_date_time(*due.at);
  if (!writable_date(due.year, due.month, due.day)) return std::nullopt;
  icaltimetype value = icaltime_null_time();
  value.year = due.year;
  value.month = due.month;
  value.day = due.day;
  value.is_date = 1;
  return value;
}

void remove_all(icalcomponent* component, icalproperty_kind kind) {
  // Removing while iterating would move libical's internal iterator: take
  // the first one again each time.
  while (icalproperty* p = icalcomponent_get_first_property(component, kind)) {
    icalcomponent_remove_property(component, p);
    icalproperty_free(p);
  }
}

void set_summary(icalcomponent* vtodo, const std::string& summary) {
  remove_all(vtodo, ICAL_SUMMARY_PROPERTY);
  icalcomponent_add_property(vtodo, icalproperty_new_summary(summary.c_str()));
}

void set_description(icalcomponent* vtodo, const std::string& description) {
  remove_all(vtodo, ICAL_DESCRIPTION_PROPERTY);
  if (!description.empty()) {
    icalcomponent_add_property(vtodo, icalproperty_new_description(description.c_str()));
  }
}

void set_due(icalcomponent* vtodo, const std::optional<TaskDue>& due) {
  remove_all(vtodo, ICAL_DUE_PROPERTY);
  remove_all(vtodo, ICAL_DURATION_PROPERTY);
  const std::optional<icaltimetype> value = due ? due_value(*due) : std::nullopt;
  if (!value) return;
  drop_contradicting_start(vtodo, *value);
  // icalproperty_new_due writes VALUE=DATE itself for a date.
  icalcomponent_add_property(vtodo, icalproperty_new_due(*value));
}

void set_status(icalcomponent* vtodo, TaskStatus status, const std::optional<UnixSeconds>& completed,
                UnixSeconds now) {
  remove_all(vtodo, ICAL_STATUS_PROPERTY);
  remove_all(vtodo, ICAL_COMPLETED_PROPERTY);
  icalcomponent_add_property(vtodo, icalproperty_new_status(to_ical_status(status)));
  if (status == TaskStatus::Completed) {
    std::optional<icaltimetype> when = utc_date_time(completed.value_or(now));
    if (!when) when = utc_date_time(now);
    if (when) icalcomponent_add_property(vtodo, icalproperty_new_completed(*when));
    remove_all(vtodo, ICAL_PERCENTCOMPLETE_PROPERTY);
    icalcomponent_add_property(vtodo, icalproperty_new_percentcomplete(100));
  } else if (percent_complete(vtodo) == 100) {
    remove_all(vtodo, ICAL_PERCENTCOMPLETE_PROPERTY);
  }
}

void stamp(icalcomponent* vtodo, UnixSeconds now) {
  remove_all(vtodo, ICAL_DTSTAMP_PROPERTY);
  remove_all(vtodo, ICAL_LASTMODIFIED_PROPERTY);
  if (const std::optional<icaltimetype> value = utc_date_time(now)) {
    icalcomponent_add_property(vtodo, icalproperty_new_dtstamp(*value));
    icalcomponent_add_property(vtodo, icalproperty_new_lastmodified(*value));
  }
}

}  // namespace kith::calendar::detail

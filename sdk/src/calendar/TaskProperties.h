// The VTODO properties Kith owns, set the one way both write_task() (on a
// new VTODO) and update_task() (on a list's copy) set them. Each setter
// first removes every copy of the property it sets, so a task never ends
// up with two SUMMARYs or a COMPLETED beside STATUS:NEEDS-ACTION.
#pragma once

#include <libical/ical.h>

#include <optional>
#include <string>

#include "kith/Items.h"
#include "kith/calendar/Tasks.h"

namespace kith::calendar::detail {

// `seconds` as a UTC DATE-TIME; std::nullopt outside the years 1-9999,
// which iCalendar cannot write.
std::optional<icaltimetype> utc_date_time(UnixSeconds seconds);

// The value DUE gets for `due`: a DATE when `at` is unset, else the UTC
// DATE-TIME of `at`. std::nullopt for a date iCalendar cannot write
// (month 13, year 0, 31 February...).
std::optional<icaltimetype> due_value(const TaskDue& due);

void remove_all(icalcomponent* component, icalproperty_kind kind);

// SUMMARY, always present (empty when `summary` is).
void set_summary(icalcomponent* vtodo, const std::string& summary);

// DESCRIPTION; removed when `description` is empty.
void set_description(icalcomponent* vtodo, const std::string& description);

// DUE; removed when `due` is unset or cannot be written. DURATION goes too
// (RFC 5545 allows DUE or DURATION, never both; a DURATION left beside a
// removed DUE would still say when the task is due), and so does a DTSTART
// the new DUE would contradict (RFC 5545 3.8.2.3: DUE has DTSTART's value
// type and is not earlier than it).
void set_due(icalcomponent* vtodo, const std::optional<TaskDue>& due);

// STATUS, and with it COMPLETED (`completed`, else `now`) and
// PERCENT-COMPLETE:100 for a completed task. For any other status
// COMPLETED is removed, and PERCENT-COMPLETE too when it says 100 (a
// reopened task is not done; a partial percentage stays).
void set_status(icalcomponent* vtodo, TaskStatus status, const std::optional<UnixSeconds>& completed,
                UnixSeconds now);

// DTSTAMP and LAST-MODIFIED = `now`.
void stamp(icalcomponent* vtodo, UnixSeconds now);

}  // namespace kith::calendar::detail

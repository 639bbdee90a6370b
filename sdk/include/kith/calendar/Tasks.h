// Optional SDK helper (library kith::calendar): writes and reads the
// iCalendar text of one task (RFC 5545 VTODO), the form in which tasks
// cross the plugin boundary (kith/Tasks.h). Built on libical: no iCalendar
// is composed or parsed by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::calendar {

enum class TaskStatus : int { NeedsAction, InProcess, Completed, Cancelled };

// When a task is due. A day (DUE;VALUE=DATE:20261212) or a moment (DUE
// with a time, UTC or in a zone, converted to UTC).
struct TaskDue {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  // Set for a DUE with a time: that moment, UTC. Unset for a day.
  std::optional<UnixSeconds> at;

  friend bool operator==(const TaskDue&, const TaskDue&) = default;
};

struct Task {
  std::string uid;
  std::string summary;
  std::string description;
  std::optional<TaskDue> due;
  TaskStatus status = TaskStatus::NeedsAction;
  std::optional<UnixSeconds> completed;  // COMPLETED, UTC
  std::vector<std::string> categories;   // every CATEGORIES value, in order
};

// The VCALENDAR (VERSION:2.0, PRODID of Kith) holding one VTODO with the
// task's UID, SUMMARY, DESCRIPTION, DUE, STATUS, COMPLETED and CATEGORIES,
// and DTSTAMP/LAST-MODIFIED = `now`. Text is escaped and lines folded as
// RFC 5545 says (libical does both).
//
// What the text holds, in detail:
// - DESCRIPTION only when not empty; DUE only when set and writable (a
//   real day of the years 1-9999): DUE;VALUE=DATE for a day, a UTC
//   DATE-TIME when `at` is set (then year/month/day are not used);
// - for Completed: COMPLETED (`completed`, else `now`) and
//   PERCENT-COMPLETE:100; `completed` is not written for other statuses;
// - one CATEGORIES property per non-empty category, in order. libical
//   does not escape a comma inside a CATEGORIES value (the property is a
//   comma-separated list), so a category holding a comma reads back as
//   several.
// Round trips through read_task() keep every field, except that libical's
// parser drops blanks at either end of a text and carriage returns in it.
std::string write_task(const Task& task, UnixSeconds now);

// Which properties update_task sets; the others keep the list's copy.
struct TaskChanges {
  bool summary = false;
  bool description = false;
  bool due = false;
  bool status = false;  // STATUS and COMPLETED (set for Completed, removed otherwise)
};

// `existing` (a list's copy of a task, perhaps edited in another app) with
// the properties `changes` names set from `task`, SEQUENCE raised and
// DTSTAMP/LAST-MODIFIED = `now`. Everything else of the copy stays as it
// was: alarms, the user's own categories, notes, properties Kith does not
// know. An Item error when `existing` is no iCalendar with a VTODO.
//
// Only the first VTODO changes. Setting DUE also removes DURATION (RFC
// 5545 allows one of them) and a DTSTART the new DUE would contradict
// (another value type, or later); a status other than Completed removes
// COMPLETED, and PERCENT-COMPLETE when it says 100. What libical 3.0
// cannot carry through a parse does not survive either: values it cannot
// read, properties with names it does not know that are not X- names, the
// TASK-MODE and X-LIC-CLASS lines (kith::calendar never hands them to
// libical), and backslash escapes inside X- property values.
Result<std::string> update_task(std::string_view existing, const Task& task, const TaskChanges& changes,
                                UnixSeconds now);

// The first VTODO of `icalendar`. An Item error naming what is wrong when
// it is no iCalendar or holds no VTODO with a UID. Never throws; bounded
// by the text's size.
//
// DUE: a DATE gives that day and no `at`; a DATE-TIME (UTC, with a TZID
// resolved as the event expander resolves it, or floating, taken as UTC)
// gives `at` and the UTC day it falls on; an unreadable DUE gives none.
// A VTODO with COMPLETED but no STATUS is Completed. Categories: every
// value of every CATEGORIES property, blanks around each dropped.
Result<Task> read_task(std::string_view icalendar);

}  // namespace kith::calendar

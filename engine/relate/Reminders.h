// `kith remind`: what is due, as tasks in the user's own calendar (README
// "Reminders as tasks"). Two pure steps: the tasks wanted now, and the
// plan that makes the list match them without ever overwriting a change
// the user made elsewhere. The runner (remind/ReminderRun.h) reads the
// list, carries the plan out and keeps what it wrote in the store.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "relate/Events.h"
#include "relate/Milestones.h"
#include "relate/Relationships.h"

namespace kith::engine {

// DUE of each kind of reminder, from its moment.
inline constexpr int kFollowUpDueDays = 3;   // after the event's end
inline constexpr int kAwaitingDueDays = 2;   // after the mail received
inline constexpr int kReminderDueWindowDays = 14;  // people coming due this soon get a task (as `kith due`)
inline constexpr int kReminderMilestoneDays = 7;   // milestones this soon (as `kith due` marks them)
inline constexpr double kReminderDriftRatio = 2;   // drifting this much (as `kith drift`)

struct WantedTask {
  std::string uid;  // stable: the person's first handle and the reason
  std::int64_t person = 0;
  std::string reason;  // "due", "followup:<event key>", "milestone:<kind>:<YYYY-MM-DD>"
  std::string summary;
  std::string description;
  std::string due;  // YYYY-MM-DD
};

// The UID of a reminder: "kith-" and 16 hex digits of a hash of the
// person's first handle (kind:value) and the reason, "@kith": the same
// person and reason give the same task in any store made from the same
// history.
std::string reminder_uid(const Person& person, const std::string& reason);

// Who is due within kReminderDueWindowDays, awaiting a reply or drifting
// gets one "due" task (DUE: the earliest of due_at, the mail received +
// 2 days, and for drift the day it reached kReminderDriftRatio; the
// DESCRIPTION names dates, never a count of days that grows daily); each follow-up one (the event's end + 3
// days); each milestone within kReminderMilestoneDays one (its day).
// Nobody snoozed past as-of or ignored. `views` need the people's handles.
std::vector<WantedTask> wanted_tasks(const std::vector<PersonView>& views, const std::vector<const PersonView*>& drifting,
                                     const std::vector<FollowUp>& follow_ups, const std::vector<Milestone>& milestones,
                                     UnixSeconds as_of);

// A task as the list holds it now.
struct ListedTask {
  std::string name, etag;
  bool readable = true;  // read_task understood it
  std::string uid;
  bool done = false;  // COMPLETED or CANCELLED
  std::string due;    // its DUE day, YYYY-MM-DD, "" when none
  std::string summary, description;
};

struct ReminderStep {
  enum class Kind {
    Create,    // put a new task (if_match "")
    Update,    // rewrite the list's copy: summary, description, DUE (unless the user moved it), reopened
    Complete,  // the reason is gone: STATUS:COMPLETED
    Remove,    // no longer needed at all: the person is gone
    Adopt,     // the user changed it elsewhere: keep their version (record only)
    Forget,    // the user deleted it: drop the record
    Snooze,    // the user completed or deleted it: snooze the person for one cadence
  };
  Kind kind = Kind::Create;
  std::string uid;
  std::string name;      // the task's name in the list
  std::string if_match;  // the version the write replaces
  std::optional<WantedTask> wanted;  // Create, Update
  bool set_due = true;               // Update: false when the user moved DUE
  ReminderTask record;               // what the store keeps after the step (Create, Update, Complete, Adopt)
  std::int64_t person = 0;           // Snooze
  UnixSeconds snooze_until = 0;      // Snooze
  std::string why;                   // one line, for --dry-run and the log
};

// The steps, in order: the user's changes first (Adopt, Forget, Snooze),
// then Kith's writes. `stored`: the records of this account and list.
// `snooze_days(person)`: one cadence. `people`: everyone who still exists.
std::vector<ReminderStep> plan_reminders(const std::vector<WantedTask>& wanted, const std::vector<ReminderTask>& stored,
                                         const std::vector<ListedTask>& listed, const std::string& account,
                                         const std::string& list, UnixSeconds as_of,
                                         const std::function<int(std::int64_t)>& snooze_days,
                                         const std::set<std::int64_t>& people);

const char* to_string(ReminderStep::Kind kind);

}  // namespace kith::engine

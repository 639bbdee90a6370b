// `kith remind` and kithd after a sync pass: reads the [reminders] task
// list, plans (relate/Reminders.h) and carries the plan out: the user's
// changes are kept first, then Kith's writes, each under If-Match.
#pragma once

#include <string>
#include <vector>

#include "relate/Reminders.h"
#include "sync/WithProvider.h"

namespace kith::engine {

struct ReminderReport {
  std::string account, list;
  std::vector<ReminderStep> steps;  // planned (all of them with --dry-run)
  std::size_t done = 0;             // steps carried out
  bool list_exists = true;          // false: a dry run found no list (a run makes it)
  // One line each: a write refused (changed elsewhere meanwhile), a task
  // the list holds that cannot be read.
  std::vector<std::string> problems;
};

// With `dry_run`, plans only: reads the list, writes nothing anywhere.
// Errors: no [reminders] account, an account whose provider cannot hold
// tasks (or was built before ABI 2.4), the list unreachable.
Result<ReminderReport> run_reminders(const ProviderEnvironment& env, HistoryStore& store, UnixSeconds as_of, bool dry_run);

}  // namespace kith::engine

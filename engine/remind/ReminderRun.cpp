#include "remind/ReminderRun.h"

#include <map>
#include <mutex>

#include "kith/calendar/Tasks.h"
#include "daemon/RuleSettings.h"
#include "relate/EventQueries.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

constexpr const char* kCategory = "Kith";
// Drifting people beyond these few get no task: a task list is for acting.
constexpr std::size_t kMostDriftingTasks = 10;
constexpr int kFollowUpWindowDays = 30;   // as `kith followups`
constexpr int kSnoozeWithoutCadenceDays = 30;

// Two runs at once (kithd's workers, `kith remind` beside it) must not
// plan from the same stale records.
std::mutex& run_mutex() {
  static std::mutex m;
  return m;
}

class ListReader final : public TaskSink {
 public:
  void task(std::string_view name, std::string_view etag, std::string_view icalendar) noexcept override {
    try {
      ListedTask t;
      t.name = name;
      t.etag = etag;
      auto parsed = calendar::read_task(icalendar);
      if (parsed) {
        t.uid = parsed->uid;
        t.done = parsed->status == calendar::TaskStatus::Completed || parsed->status == calendar::TaskStatus::Cancelled;
        if (parsed->due) {
          char day[16];
          std::snprintf(day, sizeof day, "%04d-%02d-%02d", parsed->due->year, parsed->due->month, parsed->due->day);
          t.due = day;
        }
        t.summary = parsed->summary;
        t.description = parsed->description;
      } else {
        t.readable = false;
        problems.push_back("task " + std::string(name) + " cannot be read: " + parsed.status().message());
      }
      texts[t.name] = std::string(icalendar);
      tasks.push_back(std::move(t));
    } catch (...) {
      failed = true;
    }
  }
  std::vector<ListedTask> tasks;
  std::map<std::string, std::string> texts;
  std::vector<std::string> problems;
  bool failed = false;
};

calendar::Task task_of(const WantedTask& w) {
  calendar::Task t;
  t.uid = w.uid;
  t.summary = w.summary;
  t.description = w.description;
  calendar::TaskDue due;
  if (std::sscanf(w.due.c_str(), "%d-%d-%d", &due.year, &due.month, &due.day) == 3) t.due = due;
  t.categories = {kCategory};
  return t;
}

Result<std::vector<WantedTask>> wanted_now(const Config& config, HistoryStore& store, UnixSeconds as_of) {
  RelationshipSettings settings = relationship_settings(config);
  settings.handles = true;  // the UIDs come from the first handle
  auto views = person_views(store, settings, as_of);
  if (!views) return views.status();
  auto drifting = drift_list(*views, kReminderDriftRatio);
  if (drifting.size() > kMostDriftingTasks) drifting.resize(kMostDriftingTasks);

  const EventRules rules = event_rules(config);
  auto events = load_events(store, settings, rules, as_of, as_of - kFollowUpWindowDays * kSecondsPerDay, as_of);
  if (!events) return events.status();
  const auto follow = follow_ups(events->events, events->facts, events->decisions, rules, as_of, kFollowUpWindowDays,
                                 events->snoozed);
  auto soon = milestones_of(store, config.half_life_days, {as_of, 0, kReminderMilestoneDays});
  if (!soon) return soon.status();
  return wanted_tasks(*views, drifting, follow, *soon, as_of);
}

}  // namespace

Result<ReminderReport> run_reminders(const ProviderEnvironment& env, HistoryStore& store, UnixSeconds as_of,
                                     bool dry_run) {
  const Config& config = env.config;
  if (config.reminders.account.empty())
    return Status::account("no reminders account: set [reminders] account = \"ACCOUNT\" (a caldav or local account)");
  const AccountConfig* account = config.find_account(config.reminders.account);
  if (!account) return Status::account("[reminders] account '" + config.reminders.account + "' is no [[account]]");
  const std::lock_guard lock(run_mutex());

  ReminderReport report;
  report.account = account->name;
  report.list = config.reminders.calendar;
  auto wanted = wanted_now(config, store, as_of);
  if (!wanted) return wanted.status();
  auto stored = store.reminder_tasks();
  if (!stored) return stored.status();
  std::erase_if(*stored, [&](const ReminderTask& t) { return t.account != report.account || t.list != report.list; });
  auto people = store.people(std::nullopt, /*all_handles=*/false);
  if (!people) return people.status();
  std::set<std::int64_t> existing;
  std::map<std::int64_t, std::optional<int>> cadences;
  auto tag_cadences = store.tag_cadences();
  if (!tag_cadences) return tag_cadences.status();
  for (const Person& p : *people)
    if (!p.ignored) {
      existing.insert(p.id);
      cadences[p.id] = effective_cadence(p, *tag_cadences, config.default_cadence_days);
    }
  auto snooze_days = [&](std::int64_t person) {
    auto it = cadences.find(person);
    return it != cadences.end() && it->second && *it->second > 0 ? *it->second : kSnoozeWithoutCadenceDays;
  };

  auto done = with_provider<bool>(
      env, *account, 4, false, [&](Provider& provider) -> Result<bool> {
        // A dry run makes nothing, the list itself neither.
        auto list = provider.task_list(report.list, /*create=*/!dry_run);
        if (!list) return list.status().with_context("reminders calendar \"" + report.list + "\"");
        report.list_exists = *list != nullptr;
        ListReader reader;
        if (*list != nullptr)
          if (auto s = (*list)->read(reader); !s) return s.with_context("reading the reminders calendar");
        if (reader.failed) return Status::internal("out of memory reading the reminders calendar");
        report.problems = reader.problems;
        report.steps = plan_reminders(*wanted, *stored, reader.tasks, report.account, report.list, as_of, snooze_days,
                                      existing);
        if (dry_run) return true;
        bool reread = false;
        for (ReminderStep& step : report.steps) {
          using Kind = ReminderStep::Kind;
          Status stored_status;
          switch (step.kind) {
            case Kind::Adopt: stored_status = store.put_reminder_task(step.record); break;
            case Kind::Forget: stored_status = store.forget_reminder_task(step.uid); break;
            case Kind::Snooze: stored_status = store.snooze_person(step.person, step.snooze_until); break;
            case Kind::Create:
            case Kind::Update:
            case Kind::Complete: {
              std::string text;
              if (step.kind == Kind::Create) {
                text = calendar::write_task(task_of(*step.wanted), as_of);
              } else {
                calendar::Task t;
                calendar::TaskChanges changes;
                changes.status = true;
                if (step.kind == Kind::Update) {
                  t = task_of(*step.wanted);
                  changes.summary = changes.description = true;
                  changes.due = step.set_due;
                } else {
                  t.status = calendar::TaskStatus::Completed;
                  t.completed = as_of;
                }
                auto updated = calendar::update_task(reader.texts[step.name], t, changes, as_of);
                if (!updated) {
                  report.problems.push_back(step.why + ": " + updated.status().message());
                  continue;
                }
                text = std::move(*updated);
              }
              std::string etag;
              auto wrote = (*list)->put(step.name, text, step.if_match, etag);
              if (!wrote) return wrote.status().with_context(step.why);
              if (*wrote == TaskWrite::Conflict) {
                report.problems.push_back(step.why + ": changed in another app meanwhile; left as it is, looked at again next time");
                continue;
              }
              if (*wrote == TaskWrite::Missing) {
                report.problems.push_back(step.why + ": deleted in another app meanwhile");
                stored_status = store.forget_reminder_task(step.uid);
                break;
              }
              step.record.etag = etag;
              // A new task's name is the one Kith chose; the list may
              // report it otherwise (CalDAV: the href, a path): learn it.
              reread = reread || etag.empty() || step.kind == Kind::Create;
              stored_status = store.put_reminder_task(step.record);
              break;
            }
            case Kind::Remove: {
              auto removed = (*list)->remove(step.name, step.if_match);
              if (!removed) return removed.status().with_context(step.why);
              if (*removed == TaskWrite::Conflict) {
                report.problems.push_back(step.why + ": changed in another app meanwhile; left as it is");
                continue;
              }
              stored_status = store.forget_reminder_task(step.uid);
              break;
            }
          }
          if (!stored_status) return stored_status;
          ++report.done;
        }
        if (reread) {
          // The server did not say the new versions, or the names of the
          // new tasks are not those Kith put: ask the list. A task put as
          // "kith-1.ics" is listed as that name or as a path ending in
          // "/kith-1.ics". Only a record whose version is unknown or the
          // same takes the listed name: anything else changed meanwhile,
          // which the next run tells.
          ListReader again;
          if (auto s = (*list)->read(again); !s) return s.with_context("reading the reminders calendar again");
          auto records = store.reminder_tasks();
          if (!records) return records.status();
          auto listed_as = [&](const std::string& name) -> const ListedTask* {
            for (const ListedTask& t : again.tasks)
              if (t.name == name) return &t;
            const std::string tail = "/" + name;
            for (const ListedTask& t : again.tasks)
              if (t.name.size() > tail.size() && t.name.compare(t.name.size() - tail.size(), tail.size(), tail) == 0)
                return &t;
            return nullptr;
          };
          for (ReminderTask& r : *records) {
            if (r.account != report.account || r.list != report.list) continue;
            const ListedTask* t = listed_as(r.name);
            if (!t || (!r.etag.empty() && r.etag != t->etag) || (r.name == t->name && r.etag == t->etag)) continue;
            r.name = t->name;
            r.etag = t->etag;
            if (auto s = store.put_reminder_task(r); !s) return s;
          }
        }
        return true;
      });
  if (!done) return done.status();
  if (!*done)
    return Status::account("account '" + account->name + "': its plugin was built before ABI 2.4 and cannot hold tasks");
  return report;
}

}  // namespace kith::engine

// `kith remind [--dry-run]`: makes the [reminders] task list match what is
// due (remind/ReminderRun.h).
#include <iostream>

#include "cli/Commands.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "host/SignalCancellation.h"
#include "remind/ReminderRun.h"

namespace kith::engine {

int run_remind(Session& session, bool dry_run) {
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  SignalCancellation cancellation;
  const ProviderEnvironment env{**config, session.plugins(), session.logger(), cancellation};
  auto report = run_reminders(env, **store, session.now(), dry_run);
  if (!report) return report_error(report.status());
  if (session.options().json) {
    JsonWriter out;
    out.begin_object();
    out.key("account").value(report->account);
    out.key("calendar").value(report->list);
    out.key("calendar_exists").value(report->list_exists);
    out.key("dry_run").value(dry_run);
    out.key("problems").strings(report->problems);
    out.key("steps").begin_array();
    for (const ReminderStep& step : report->steps) {
      out.begin_object();
      out.key("action").value(to_string(step.kind));
      out.key("due");
      if (step.wanted)
        out.value(step.set_due ? step.wanted->due : step.record.user_due);
      else
        out.null();
      out.key("person");
      if (step.kind == ReminderStep::Kind::Snooze)
        out.value(step.person);
      else if (step.wanted)
        out.value(step.wanted->person);
      else if (step.record.person)
        out.value(*step.record.person);
      else
        out.null();
      out.key("summary").text_or_null(step.wanted ? step.wanted->summary : std::string());
      out.key("uid").text_or_null(step.uid);
      out.key("why").value(step.why);
      out.end_object();
    }
    out.end_array();
    out.end_object().finish();
    return report->problems.empty() ? 0 : 1;
  }
  if (report->steps.empty())
    std::cout << "The tasks in \"" << report->list << "\" (" << report->account << ") already match what is due.\n";
  else if (dry_run)
    std::cout << "Would change in \"" << report->list << "\" (" << report->account << ")"
              << (report->list_exists ? "" : ", which does not exist yet and would be created") << ":\n";
  for (const ReminderStep& step : report->steps) {
    std::string action = to_string(step.kind);
    action.resize(9, ' ');
    std::cout << "  " << action << step.why << "\n";
  }
  for (const std::string& problem : report->problems) std::cerr << "kith: remind: " << problem << "\n";
  if (!dry_run && !report->steps.empty())
    std::cout << report->done << " of " << report->steps.size() << " changes made in \"" << report->list << "\".\n";
  return report->problems.empty() ? 0 : 1;
}

}  // namespace kith::engine

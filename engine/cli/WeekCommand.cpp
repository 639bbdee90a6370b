// `kith week`: the five lists of whom to reach out to this week, from one
// read of everyone (cli/WeekLists.h): what the dashboard's first page
// shows, and a weekly review in a terminal.
#include <iostream>

#include "cli/Commands.h"
#include "cli/Members.h"
#include "cli/Output.h"
#include "cli/WeekLists.h"
#include "daemon/RuleSettings.h"
#include "util/Duration.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

// The milestones of the next two weeks, today included.
constexpr int kWeekMilestoneDays = 14;

struct Week {
  // Moved, never copied: the lists point into `views`.
  Week() = default;
  Week(Week&&) = default;
  Week& operator=(Week&&) = default;
  Week(const Week&) = delete;
  Week& operator=(const Week&) = delete;

  std::vector<PersonView> views;
  DueAnswer due;
  AwaitingAnswer awaiting;
  std::vector<const PersonView*> drift;
  std::vector<Milestone> milestones;
};

Result<Week> this_week(Session& session, const WeekOptions& options, std::size_t limit) {
  auto config = session.config();
  if (!config) return config.status();
  auto accounts = member_accounts(**config, options.member);
  if (!accounts) return accounts.status();
  auto store = session.store();
  if (!store) return store.status();
  HistoryStore& s = **store;
  const UnixSeconds now = session.now();
  auto due_within = parse_days(DueOptions{}.within);
  if (!due_within) return due_within.status();

  // Everyone, with the drift facts: what each of the lists below needs.
  RelationshipSettings settings = relationship_settings(**config, /*drift=*/true);
  settings.accounts = std::move(*accounts);
  settings.member = options.member;
  auto people = summarized_people(s, settings, now);
  if (!people) return people.status();
  Week week;
  // Milestones are everyone's, as `kith milestones` has no member's view.
  const MilestoneWindow window{now, 0, kWeekMilestoneDays};
  auto milestones = options.member.empty() ? milestones_of_people(s, *people, window)
                                           : milestones_of(s, (*config)->half_life_days, window);
  if (!milestones) return milestones.status();
  week.milestones = std::move(*milestones);
  auto views = person_views_of(s, std::move(*people), settings, now);
  if (!views) return views.status();
  week.views = std::move(*views);

  auto events = recent_events(s, **config, options.member, now, kRecentEventDays);
  if (!events) return events.status();
  auto due = due_answer(s, week.views, std::move(*events), now, *due_within, "");
  if (!due) return due.status();
  week.due = std::move(*due);
  auto awaiting = awaiting_answer(s, week.views, now, kDefaultAwaitingDays, limit);
  if (!awaiting) return awaiting.status();
  week.awaiting = std::move(*awaiting);
  week.drift = drift_list(week.views, kDefaultMinDriftRatio);
  return week;
}

void print_section(const std::string& title, std::size_t count, const std::string& command,
                   std::vector<std::vector<std::string>> rows, const std::string& empty_text) {
  std::cout << title << ": " << count;
  if (count == 0) {
    std::cout << ". " << empty_text << "\n\n";
    return;
  }
  if (rows.size() - 1 < count) std::cout << ", the first " << rows.size() - 1 << " (all: " << command << ")";
  std::cout << "\n";
  print_table(std::move(rows));
  std::cout << "\n";
}

}  // namespace

int run_week(Session& session, const WeekOptions& options) {
  const std::size_t limit = options.limit == 0 ? kEveryRow : options.limit;
  auto week = this_week(session, options, limit);
  if (!week) return report_error(week.status());
  const UnixSeconds now = session.now();
  const std::vector<FollowUp>& followups = week->due.follow;
  if (session.options().json) {
    JsonWriter out;
    out.begin_object();
    out.key("awaiting").begin_object().key("count").value(week->awaiting.list.size()).key("rows");
    write_awaiting_json(out, week->awaiting, limit);
    out.end_object();
    out.key("drift").begin_object().key("count").value(week->drift.size()).key("rows");
    write_drift_json(out, week->drift, limit);
    out.end_object();
    out.key("due").begin_object().key("count").value(week->due.size()).key("rows");
    write_due_json(out, week->due, now, limit);
    out.end_object();
    out.key("followups").begin_object().key("count").value(followups.size()).key("rows");
    write_followups_json(out, followups, week->due.events, limit);
    out.end_object();
    out.key("milestones").begin_object().key("count").value(week->milestones.size()).key("rows");
    write_milestones_json(out, week->milestones, limit);
    out.end_object();
    out.end_object().finish();
    return 0;
  }
  const std::string member = options.member.empty() ? std::string() : " --member " + options.member;
  print_section("Due", week->due.size(), "kith due" + member, due_table(week->due, now, limit), "No one is due.");
  print_section("Awaiting your reply", week->awaiting.list.size(), "kith awaiting" + member,
                awaiting_table(week->awaiting, now, limit), "No one is waiting for your reply.");
  print_section("Drifting", week->drift.size(), "kith drift" + member, drift_table(week->drift, limit),
                "No one is drifting away from their usual rhythm.");
  print_section("Follow-ups after events", followups.size(), "kith followups" + member,
                followups_table(followups, week->due.events, now, limit),
                "Everyone met at a recent event has heard from you.");
  print_section("Milestones in the next 14 days", week->milestones.size(), "kith milestones --within 14d --past 0d",
                milestones_table(week->milestones, now, limit), "No birthdays, anniversaries or new jobs.");
  return 0;
}

}  // namespace kith::engine

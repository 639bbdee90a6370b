// `kith milestones`: birthdays, anniversaries, job changes, connection
// anniversaries and first meetings around as-of (relate/Milestones.h).
#include <iostream>
#include <unordered_map>

#include "cli/Commands.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "cli/WeekLists.h"
#include "relate/Milestones.h"
#include "relate/PersonLookup.h"
#include "relate/Relationships.h"
#include "util/Duration.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

std::string day_text(std::int32_t day) { return format_date(static_cast<UnixSeconds>(day) * kSecondsPerDay); }

std::string when_text(std::int32_t day, UnixSeconds now) {
  const std::int32_t today = static_cast<std::int32_t>(now / kSecondsPerDay - (now % kSecondsPerDay < 0 ? 1 : 0));
  const std::int32_t d = day - today;
  if (d == 0) return "today";
  if (d == 1) return "tomorrow";
  if (d == -1) return "yesterday";
  return d > 0 ? "in " + std::to_string(d) + " days" : std::to_string(-d) + " days ago";
}

}  // namespace

void write_milestones_json(JsonWriter& out, const std::vector<Milestone>& list, std::size_t limit) {
  out.begin_array();
  std::size_t written = 0;
  for (const Milestone& m : list) {
    if (written++ == limit) break;
    out.begin_object();
    out.key("date").value(day_text(m.day));
    out.key("detail").value(m.detail);
    out.key("id").value(m.person);
    out.key("kind").value(m.kind);
    out.key("name").text_or_null(m.name);
    out.key("years");
    if (m.years)
      out.value(*m.years);
    else
      out.null();
    out.end_object();
  }
  out.end_array();
}

std::vector<std::vector<std::string>> milestones_table(const std::vector<Milestone>& list, UnixSeconds now,
                                                       std::size_t limit) {
  std::vector<std::vector<std::string>> rows = {{"DATE", "WHEN", "ID", "NAME", "MILESTONE", "DETAIL"}};
  for (const Milestone& m : list) {
    if (rows.size() > limit) break;
    rows.push_back({day_text(m.day), when_text(m.day, now), std::to_string(m.person), m.name, m.kind, m.detail});
  }
  return rows;
}

int run_milestones(Session& session, const MilestonesOptions& options) {
  auto within = parse_window_days(options.within);
  if (!within) return report_error(within.status().with_context("--within"));
  auto past = parse_window_days(options.past);
  if (!past) return report_error(past.status().with_context("--past"));
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  const UnixSeconds now = session.now();
  auto list = milestones_of(**store, (*config)->half_life_days, {now, *past, *within});
  if (!list) return report_error(list.status());
  if (session.options().json) {
    JsonWriter out;
    write_milestones_json(out, *list);
    out.finish();
    return 0;
  }
  if (list->empty()) {
    std::cout << "No milestones from " << *past << " days back to " << *within
              << " days ahead. Birthdays and anniversaries come from address books (carddav, local `contacts`), "
                 "job changes and connections from address books and LinkedIn exports.\n";
    return 0;
  }
  print_table(milestones_table(*list, now));
  return 0;
}

}  // namespace kith::engine

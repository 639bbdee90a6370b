#include "RecurrenceExpander.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "IcalResource.h"

namespace kith::calendar::detail {
namespace {

// EXDATEs: exact instants, plus whole days for DATE values (an all-day
// event's dates, or a DATE EXDATE on a timed event, matched against the
// instance's local date).
class Exclusions {
 public:
  Exclusions(icalcomponent* master, const EventTiming& timing, ZoneResolver& zones) {
    const bool all_day = timing.start().is_date;
    for (icalproperty* p = icalcomponent_get_first_property(master, ICAL_EXDATE_PROPERTY);
         p != nullptr; p = icalcomponent_get_next_property(master, ICAL_EXDATE_PROPERTY)) {
      std::optional<ResolvedTime> t = zones.read(p);
      if (!t) continue;
      if (all_day || t->is_date) {
        days_.insert(days_from_civil(t->wall.date));
      } else {
        instants_.insert(t->utc);
      }
    }
  }

  bool excludes(const ResolvedTime& t) const {
    if (instants_.count(t.utc) != 0) return true;
    return !days_.empty() && days_.count(days_from_civil(t.wall.date)) != 0;
  }

  std::size_t size() const noexcept { return instants_.size() + days_.size(); }

 private:
  std::set<UnixSeconds> instants_;
  std::set<std::int64_t> days_;
};

using Candidates = std::map<UnixSeconds, Instance>;  // keyed by start instant: no duplicates

icaltimetype to_ical(const ResolvedTime& t) {
  icaltimetype out = icaltime_null_time();
  out.year = t.wall.date.year;
  out.month = t.wall.date.month;
  out.day = t.wall.date.day;
  out.is_date = t.is_date ? 1 : 0;
  if (!t.is_date) {
    out.hour = t.wall.hour;
    out.minute = t.wall.minute;
    out.second = t.wall.second;
  }
  return out;  // floating on purpose: zones are applied per instance by us
}

bool past_until(const icaltimetype& until, const ResolvedTime& t) {
  if (icaltime_is_null_time(until)) return false;
  const CivilDateTime until_wall = civil_from_ical(until);
  if (until.is_date) return days_from_civil(t.wall.date) > days_from_civil(until_wall.date);
  if (icaltime_is_utc(until)) return t.utc > wall_seconds(until_wall);
  return wall_seconds(t.wall) > wall_seconds(until_wall);
}

bool is_set(const short* values) { return values[0] != ICAL_RECURRENCE_ARRAY_MAX; }

// Whether some month in BYMONTH (all months when empty) has a day that
// BYMONTHDAY names; February counts with 29 days.
bool month_day_possible(const icalrecurrencetype& rule) {
  static constexpr int kDays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::vector<int> months;
  for (int i = 0; i < ICAL_BY_MONTH_SIZE && rule.by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
    months.push_back(icalrecurrencetype_month_month(rule.by_month[i]));
  if (months.empty())
    for (int m = 1; m <= 12; ++m) months.push_back(m);
  for (int m : months) {
    if (m < 1 || m > 12) continue;
    for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE && rule.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
      const int day = rule.by_month_day[i] < 0 ? -rule.by_month_day[i] : rule.by_month_day[i];
      if (day >= 1 && day <= kDays[m]) return true;
    }
  }
  return false;
}

Status add_rule_instances(icalrecurrencetype rule, const EventTiming& timing,
                          const Exclusions& exclusions, const ExpansionLimits& limits,
                          Candidates& out) {
  if (rule.freq == ICAL_NO_RECURRENCE) return {};
  if (auto problem = rule_problem(rule)) return Status::item(*problem);
  const auto deadline = std::chrono::steady_clock::now() + limits.time_budget;
  // COUNT and UNTIL are applied here (see the header); libical iterates
  // the unbounded rule.
  const icaltimetype until = rule.until;
  const int count = rule.count;
  rule.until = icaltime_null_time();
  rule.count = 0;

  const ResolvedTime& start = timing.start();
  RecurIteratorPtr it(icalrecur_iterator_new(rule, to_ical(start)));
  if (!it) {
    icalerror_clear_errno();
    return {};
  }

  const std::int64_t start_wall = wall_seconds(start.wall);
  std::int64_t counted = 0;  // instances the rule produced so far, for COUNT
  std::size_t kept = 0;      // of those, the ones no EXDATE removes
  std::optional<std::int64_t> previous_wall;
  // Stops at the horizon, UNTIL, COUNT or max_instances; the step budget only
  // guards against an iterator that never gets there.
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  const std::size_t slack = exclusions.size() + 16;
  const std::size_t step_budget =
      limits.max_instances > (kMax - slack) / 2 ? kMax : 2 * limits.max_instances + slack;
  for (std::size_t step = 0; step < step_budget && kept < limits.max_instances; ++step) {
    if (std::chrono::steady_clock::now() > deadline) {
      icalerror_clear_errno();
      return Status::item("expanding RRULE " + std::string(icalrecurrencetype_as_string(&rule)) + " took over " +
                          std::to_string(limits.time_budget.count()) + " ms");
    }
    const icaltimetype next = icalrecur_iterator_next(it.get());
    if (icaltime_is_null_time(next)) break;
    const CivilDateTime wall = civil_from_ical(next);
    const std::int64_t this_wall = wall_seconds(wall);
    if (previous_wall && this_wall <= *previous_wall) break;     // never loop on a stuck iterator
    if (!previous_wall && this_wall != start_wall) counted = 1;  // DTSTART was the first
    previous_wall = this_wall;

    if (count > 0 && counted >= count) break;
    const ResolvedTime instance = ZoneResolver::make(wall, start.is_date, start.zone);
    if (past_until(until, instance) || instance.utc > limits.last_start) break;
    ++counted;
    const bool inserted =
        out.emplace(instance.utc, Instance{instance, timing.end_for(instance)}).second;
    if (inserted && !exclusions.excludes(instance)) ++kept;
  }
  icalerror_clear_errno();
  return {};
}

void add_rdates(icalcomponent* master, const EventTiming& timing, ZoneResolver& zones,
                const ExpansionLimits& limits, Candidates& out) {
  for (icalproperty* p = icalcomponent_get_first_property(master, ICAL_RDATE_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(master, ICAL_RDATE_PROPERTY)) {
    icalvalue* raw = icalproperty_get_value(p);
    if (raw == nullptr) continue;
    const icalvalue_kind kind = icalvalue_isa(raw);
    if (kind != ICAL_DATE_VALUE && kind != ICAL_DATETIME_VALUE && kind != ICAL_PERIOD_VALUE)
      continue;
    const icaldatetimeperiodtype value = icalvalue_get_datetimeperiod(raw);
    std::optional<ResolvedTime> start;
    std::optional<UnixSeconds> end;
    if (!icaltime_is_null_time(value.time)) {
      start = zones.read(p, value.time);
    } else if (!icaltime_is_null_time(value.period.start)) {  // VALUE=PERIOD: its own end
      start = zones.read(p, value.period.start);
      if (!start) continue;
      if (auto period_end = zones.read(p, value.period.end)) {
        end = std::max(start->utc, period_end->utc);
      } else if (!value.period.duration.is_neg &&
                 !icaldurationtype_is_bad_duration(value.period.duration)) {
        end = start->utc + icaldurationtype_as_int(value.period.duration);
      }
    }
    if (!start || start->utc > limits.last_start) continue;
    out.emplace(start->utc, Instance{*start, end ? *end : timing.end_for(*start)});
  }
}

}  // namespace

std::optional<std::string> rule_problem(const icalrecurrencetype& rule) {
  const auto named = [&](const char* why) {
    return std::string("RRULE ") + icalrecurrencetype_as_string(const_cast<icalrecurrencetype*>(&rule)) + ": " + why;
  };
  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE)
    return named("repeats every second or minute, which no meeting does");
  if (rule.freq == ICAL_HOURLY_RECURRENCE &&
      (is_set(rule.by_month) || is_set(rule.by_month_day) || is_set(rule.by_year_day) || is_set(rule.by_week_no) ||
       is_set(rule.by_set_pos)))
    return named("an hourly rule limited to some days or months, which libical cannot expand in bounded time");
  if (is_set(rule.by_month_day) && !month_day_possible(rule)) return named("names a day no month in it has");
  // "-12FR": no month has a 12th Friday (5 at most), no year a 54th; libical
  // looks for one month by month up to 2582 (found by fuzzing: 3.6 s).
  const int max_position = rule.freq == ICAL_YEARLY_RECURRENCE && !is_set(rule.by_month) ? 53 : 5;
  for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    const int position = icalrecurrencetype_day_position(rule.by_day[i]);
    if (position > max_position || position < -max_position) return named("names a weekday position no period has");
  }
  return std::nullopt;
}

bool has_recurrence_rule(icalcomponent* vevent) {
  return icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY) != nullptr ||
         icalcomponent_get_first_property(vevent, ICAL_RDATE_PROPERTY) != nullptr;
}

Result<std::vector<Instance>> expand_recurrence(icalcomponent* master, const EventTiming& timing,
                                                ZoneResolver& zones, const ExpansionLimits& limits) {
  std::vector<Instance> instances;
  if (limits.max_instances == 0) return instances;

  const Exclusions exclusions(master, timing, zones);
  Candidates candidates;
  const ResolvedTime& start = timing.start();
  if (start.utc <= limits.last_start) {
    candidates.emplace(start.utc, Instance{start, timing.end_for(start)});
  }
  for (icalproperty* p = icalcomponent_get_first_property(master, ICAL_RRULE_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(master, ICAL_RRULE_PROPERTY)) {
    icalvalue* value = icalproperty_get_value(p);
    if (value == nullptr || icalvalue_isa(value) != ICAL_RECUR_VALUE) continue;
    if (Status s = add_rule_instances(icalvalue_get_recur(value), timing, exclusions, limits, candidates); !s) return s;
  }
  add_rdates(master, timing, zones, limits, candidates);

  for (auto& [instant, instance] : candidates) {
    if (exclusions.excludes(instance.start)) continue;
    instances.push_back(instance);
    if (instances.size() >= limits.max_instances) break;
  }
  return instances;
}

}  // namespace kith::calendar::detail

#include "relate/Milestones.h"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <unordered_map>

#include "relate/PersonSummary.h"
#include "relate/Relationships.h"

namespace kith::engine {
namespace {

namespace chrono = std::chrono;

std::int32_t to_day(const chrono::year_month_day& ymd) {
  return static_cast<std::int32_t>(chrono::sys_days(ymd).time_since_epoch().count());
}

chrono::year_month_day civil(std::int32_t day) { return chrono::year_month_day(chrono::sys_days(chrono::days(day))); }

chrono::year_month_day ymd_of(int y, int m, int d) {
  return chrono::year_month_day{chrono::year(y), chrono::month(static_cast<unsigned>(m)),
                                chrono::day(static_cast<unsigned>(d))};
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::string years_text(int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); }

std::string person_label(const Person& p) {
  if (!p.name.empty()) return p.name;
  if (!p.handles.empty()) return p.handles.front().second;
  std::string label = "#";  // appended: GCC 12 -O3 warns (-Wrestrict) on "lit" + string&&
  return label.append(std::to_string(p.id));
}

}  // namespace

bool is_round_years(int years) { return years == 1 || (years > 0 && years % 5 == 0); }

std::optional<CardDate> parse_card_date(const std::string& text) {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  CardDate d;
  std::size_t at = 0;
  if (text.size() == 7 && text.compare(0, 2, "--") == 0) {
    at = 2;
  } else if (text.size() == 10) {
    auto year = digits(0, 4);
    if (!year || text[4] != '-') return std::nullopt;
    d.year = *year;
    at = 5;
  } else {
    return std::nullopt;
  }
  auto month = digits(at, 2), day = digits(at + 3, 2);
  if (!month || !day || text[at + 2] != '-') return std::nullopt;
  d.month = *month;
  d.day = *day;
  // A leap year stands in for an unknown one, so 29 February is a day.
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || !ymd_of(d.year > 0 ? d.year : 2000, d.month, d.day).ok())
    return std::nullopt;
  return d;
}

std::int32_t day_in_year(const CardDate& date, int y) {
  auto ymd = ymd_of(y, date.month, date.day);
  if (!ymd.ok()) ymd = ymd_of(y, date.month, 28);  // 29 February
  return to_day(ymd);
}

std::string position_text(const std::string& organization, const std::string& title) {
  if (title.empty()) return organization;
  if (organization.empty()) return title;
  return title + " at " + organization;
}

std::vector<Milestone> milestones(const std::vector<MilestoneSubject>& subjects, const MilestoneWindow& window) {
  const std::int32_t today = utc_day(window.as_of);
  const std::int32_t from = today - window.past_days, to = today + window.within_days;
  const int first_year = static_cast<int>(civil(from).year()), last_year = static_cast<int>(civil(to).year());
  std::vector<Milestone> out;
  auto in_window = [&](std::int32_t day) { return day >= from && day <= to; };

  // A yearly date (a birthday, the day first connected) in each year the
  // window touches; `keep` says which years count.
  auto yearly = [&](const MilestoneSubject& s, const CardDate& date, const char* kind, auto&& describe) {
    for (int y = first_year; y <= last_year; ++y) {
      const std::int32_t day = day_in_year(date, y);
      if (!in_window(day)) continue;
      std::optional<int> years;
      if (date.year > 0) {
        if (y < date.year) continue;
        years = y - date.year;
      }
      auto detail = describe(years);
      if (!detail) continue;
      out.push_back({s.person->id, person_label(*s.person), kind, day, years, std::move(*detail)});
    }
  };

  for (const MilestoneSubject& s : subjects) {
    if (!s.person) continue;
    if (s.card) {
      if (auto date = parse_card_date(s.card->birthday)) {
        yearly(s, *date, "birthday", [](std::optional<int> years) -> std::optional<std::string> {
          if (years && *years == 0) return std::nullopt;  // the day of birth itself
          return years ? "turns " + std::to_string(*years) : std::string("birthday");
        });
      }
      if (auto date = parse_card_date(s.card->anniversary)) {
        yearly(s, *date, "anniversary", [](std::optional<int> years) -> std::optional<std::string> {
          if (years && *years == 0) return std::nullopt;
          return years ? ordinal(*years) + " anniversary" : std::string("anniversary");
        });
      }
      if (auto date = parse_card_date(s.card->connected); date && date->year > 0) {
        yearly(s, *date, "connected", [](std::optional<int> years) -> std::optional<std::string> {
          if (!years || !is_round_years(*years)) return std::nullopt;
          return "connected " + years_text(*years) + " ago";
        });
      }
    }
    // A job change: a card showing another position than it showed before.
    for (std::size_t i = 1; i < s.positions.size(); ++i) {
      const PositionRecord& now = *s.positions[i];
      const PositionRecord* was = nullptr;
      for (std::size_t j = i; j-- > 0;)
        if (s.positions[j]->card == now.card) {
          was = s.positions[j];
          break;
        }
      if (!was) continue;  // the first position another card showed
      const std::int32_t day = utc_day(now.seen_at);
      if (!in_window(day)) continue;
      out.push_back({s.person->id, person_label(*s.person), "job_change", day, std::nullopt,
                     "now " + position_text(now.organization, now.title) + " (was " +
                         position_text(was->organization, was->title) + ")"});
    }
    if (s.first_interaction) {
      const std::int32_t first = utc_day(*s.first_interaction);
      const auto ymd = civil(first);
      if (in_window(first))
        out.push_back({s.person->id, person_label(*s.person), "met", first, std::nullopt, "first interaction"});
      const CardDate met{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day()))};
      yearly(s, met, "met", [](std::optional<int> years) -> std::optional<std::string> {
        if (!years || !is_round_years(*years)) return std::nullopt;
        return "first interaction " + years_text(*years) + " ago";
      });
    }
  }
  std::sort(out.begin(), out.end(), [](const Milestone& a, const Milestone& b) {
    return std::tie(a.day, a.kind, a.person, a.detail) < std::tie(b.day, b.kind, b.person, b.detail);
  });
  return out;
}

Result<std::vector<Milestone>> milestones_of(HistoryStore& store, double half_life_days, const MilestoneWindow& window,
                                             std::optional<std::int64_t> only) {
  RelationshipSettings settings;
  settings.half_life_days = half_life_days;
  settings.drift = false;
  auto people = summarized_people(store, settings, window.as_of, only);
  if (!people) return people.status();
  return milestones_of_people(store, *people, window, only);
}

Result<std::vector<Milestone>> milestones_of_people(HistoryStore& store, const std::vector<PersonWithSummary>& people,
                                                    const MilestoneWindow& window, std::optional<std::int64_t> only) {
  auto cards = store.cards();
  if (!cards) return cards.status();
  auto positions = store.positions(only);
  if (!positions) return positions.status();
  std::unordered_map<std::int64_t, std::vector<const PositionRecord*>> by_person;
  for (const PositionRecord& p : *positions) by_person[p.person].push_back(&p);
  std::vector<MilestoneSubject> subjects;
  subjects.reserve(people.size());
  for (const PersonWithSummary& p : people) {
    MilestoneSubject s;
    s.person = &p.person;
    if (auto it = cards->find(p.person.id); it != cards->end()) s.card = &it->second;
    if (p.kept && p.kept->first) s.first_interaction = p.kept->first->at;
    if (auto it = by_person.find(p.person.id); it != by_person.end()) s.positions = it->second;
    if (!s.card && !s.first_interaction) continue;
    subjects.push_back(std::move(s));
  }
  return milestones(subjects, window);
}

}  // namespace kith::engine

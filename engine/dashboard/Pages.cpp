#include "dashboard/Pages.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <map>

#include "dashboard/Charts.h"
#include "dashboard/Html.h"
#include "util/Time.h"

namespace kith::engine::pages {

namespace {

using html::escape;

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, v.get<double>(), std::chars_format::fixed, 1).ptr;
    return std::string(text, end);
  }
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return "";
}

std::string field(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it == object.end() ? std::string() : text_of(*it);
}

// "2026-03-02T14:05:00Z" as "2026-03-02".
std::string day(const json& v) {
  const std::string t = text_of(v);
  return t.size() >= 10 ? t.substr(0, 10) : (t.empty() ? "–" : t);
}

std::string name_of(const json& p) {
  const std::string name = field(p, "name");
  return name.empty() ? "(no name)" : name;
}

std::string person_link(const json& p) {
  return "<a class=\"person\" href=\"/person/" + field(p, "id") + "\">" + escape(name_of(p)) + "</a>";
}

// `list` with `separator` and `item` appended (appending, not
// `"literal" + std::string`: GCC 12 warns about that falsely at -O3, -Wrestrict).
void join(std::string& list, const char* separator, const std::string& item) {
  if (!list.empty()) list += separator;
  list += item;
}

std::string kind_text(const std::string& kind) {
  std::string out = kind;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string section(const std::string& id, const std::string& title, std::size_t count, const std::string& body,
                    const std::string& empty_text) {
  std::string out = "<section id=\"" + id + "\" aria-labelledby=\"" + id + "-h\"><h2 id=\"" + id + "-h\">" +
                    escape(title) + " <span class=\"count\" data-count=\"" + std::to_string(count) + "\">" +
                    std::to_string(count) + "</span></h2>";
  out += count == 0 ? "<p class=\"empty\">" + escape(empty_text) + "</p>" : body;
  return out + "</section>\n";
}

std::string snooze_forms(const std::string& id, const std::string& csrf, const std::string& back, const json& row) {
  std::string out = "<div class=\"actions\">";
  // A month: past the two weeks `kith due` looks ahead, so the person
  // leaves this week's list.
  out += html::action_form("/action/snooze", csrf, {{"person", id}, {"duration", "30d"}, {"return", back}},
                           "Snooze a month");
  // Done: you reached out; the next sync will see the message, and until
  // then the person rests for their cadence.
  const std::string cadence = field(row, "cadence_days");
  out += html::action_form("/action/snooze", csrf,
                           {{"person", id}, {"duration", (cadence.empty() ? "30" : cadence) + "d"}, {"return", back}},
                           "Done");
  return out + "</div>";
}

// A week's list shows its first rows (a big network has thousands due);
// the rest on demand, the section alone grown to all of them.

// A count `kith` printed, else `otherwise`.
std::size_t count_in(const json& doc, const char* key, std::size_t otherwise) {
  if (!doc.is_object() || !doc.contains(key)) return otherwise;
  const json& n = doc[key];
  return n.is_number_integer() && n.get<std::int64_t>() >= 0 ? n.get<std::size_t>() : otherwise;
}

std::size_t rows_shown(const json& rows, const std::string& id, const std::string& expanded) {
  return id == expanded ? rows.size() : std::min(rows.size(), kWeekRowsShown);
}

std::string more_rows(std::size_t count, const std::string& id, std::size_t shown) {
  if (shown >= count) return "";
  return "<p class=\"more\"><a href=\"/?all=" + id + "#" + id + "\">Show all " + std::to_string(count) +
         "</a> <span class=\"muted\">(" + std::to_string(shown) + " shown)</span></p>";
}

// One list of `kith week --json`: its rows (the first ones) and how many
// there are in all.
struct WeekList {
  json rows;
  std::size_t count = 0;
};

WeekList week_list(const json& week, const char* id) {
  WeekList out;
  if (!week.is_object() || !week.contains(id) || !week[id].is_object()) return {json::array(), 0};
  const json& list = week[id];
  out.rows = list.contains("rows") && list["rows"].is_array() ? list["rows"] : json::array();
  out.count = count_in(list, "count", out.rows.size());
  return out;
}

}  // namespace

std::string week(const json& week, const std::string& csrf, const std::string& expanded) {
  const WeekList due_list = week_list(week, "due"), awaiting_list = week_list(week, "awaiting"),
                 drift_list = week_list(week, "drift"), followups_list = week_list(week, "followups"),
                 milestones_list = week_list(week, "milestones");
  const json &due = due_list.rows, &awaiting = awaiting_list.rows, &drift = drift_list.rows,
             &followups = followups_list.rows, &milestones = milestones_list.rows;
  std::string out = "<p class=\"lead\">Whom to reach out to this week, and why. Each name opens the person.</p>\n";
  {
    std::string rows;
    const std::size_t shown = rows_shown(due, "due", expanded);
    for (std::size_t i = 0; i < shown; ++i) {
      const json& p = due[i];
      const std::string id = field(p, "id");
      const std::string overdue = field(p, "overdue_days");
      std::string why = field(p, "reason");
      if (!overdue.empty())
        why += overdue.front() == '-' ? ", due in " + overdue.substr(1) + " days" : ", overdue " + overdue + " days";
      if (p.value("awaiting_reply", false)) why += ", awaiting your reply";
      if (p.contains("milestone") && p["milestone"].is_object()) why += ", " + field(p["milestone"], "detail");
      const std::string last = p.contains("last_touch") && p["last_touch"].is_object()
                                   ? day(p["last_touch"]["at"]) + " (" + kind_text(field(p["last_touch"], "kind")) + ")"
                                   : "never";
      rows += "<tr data-person=\"" + escape(id) + "\"><td>" + person_link(p) + "</td><td>" + escape(why) + "</td><td>" +
              escape(last) + "</td><td>" + snooze_forms(id, csrf, "/#due", p) + "</td></tr>";
    }
    out += section("due", "Due", due_list.count,
                    "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Why</th><th scope=\"col\">Last "
                    "touch</th><th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead><tbody>" +
                        rows + "</tbody></table>" + more_rows(due_list.count, "due", shown),
                    "Nobody is due. Set cadences with kith cadence, or here on a person's page.");
  }
  {
    std::string rows;
    const std::size_t shown = rows_shown(awaiting, "awaiting", expanded);
    for (std::size_t i = 0; i < shown; ++i) {
      const json& p = awaiting[i];
      const json last = p.value("last_received", json());
      rows += "<tr data-person=\"" + escape(field(p, "id")) + "\"><td>" + person_link(p) + "</td><td>" +
              escape(field(last, "subject")) + "</td><td>" + escape(day(last.value("at", json()))) + "</td></tr>";
    }
    out += section("awaiting", "Awaiting your reply", awaiting_list.count,
                   "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Their message</th><th "
                   "scope=\"col\">Received</th></tr></thead><tbody>" +
                       rows + "</tbody></table>" + more_rows(awaiting_list.count, "awaiting", shown),
                   "Nobody is waiting for a reply.");
  }
  {
    std::string rows;
    const std::size_t shown = rows_shown(drift, "drift", expanded);
    for (std::size_t i = 0; i < shown; ++i) {
      const json& p = drift[i];
      rows += "<tr data-person=\"" + escape(field(p, "id")) + "\"><td>" + person_link(p) + "</td><td>" +
              escape(field(p, "days_since_last")) + " days</td><td>" + escape(field(p, "usual_gap_days")) +
              " days</td><td>" + escape(field(p, "ratio")) + "×</td></tr>";
    }
    out += section("drift", "Drifting", drift_list.count,
                   "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Since last</th><th "
                   "scope=\"col\">Usual gap</th><th scope=\"col\">Ratio</th></tr></thead><tbody>" +
                       rows + "</tbody></table>" + more_rows(drift_list.count, "drift", shown),
                   "Nobody is drifting away from their usual rhythm.");
  }
  {
    std::string rows;
    const std::size_t shown = rows_shown(followups, "followups", expanded);
    for (std::size_t i = 0; i < shown; ++i) {
      const json& p = followups[i];
      const json e = p.value("event", json());
      rows += "<tr data-person=\"" + escape(field(p, "id")) + "\"><td>" + person_link(p) + "</td><td><a href=\"/event/" +
              escape(html::url_component(field(e, "id"))) + "\">" + escape(field(e, "title")) + "</a></td><td>" +
              escape(day(e.value("end", json()))) + "</td><td>" + escape(field(p, "met")) + "</td></tr>";
    }
    out += section("followups", "Follow-ups after events", followups_list.count,
                   "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Event</th><th "
                   "scope=\"col\">Ended</th><th scope=\"col\">Met</th></tr></thead><tbody>" +
                       rows + "</tbody></table>" + more_rows(followups_list.count, "followups", shown),
                   "No one met at a recent event is waiting for a follow-up.");
  }
  {
    std::string rows;
    const std::size_t shown = rows_shown(milestones, "milestones", expanded);
    for (std::size_t i = 0; i < shown; ++i) {
      const json& m = milestones[i];
      rows += "<tr data-person=\"" + escape(field(m, "id")) + "\"><td>" + escape(field(m, "date")) + "</td><td>" +
              person_link(m) + "</td><td>" + escape(field(m, "detail")) + "</td></tr>";
    }
    out += section("milestones", "Milestones in the next 14 days", milestones_list.count,
                   "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Person</th><th "
                   "scope=\"col\">What</th></tr></thead><tbody>" +
                       rows + "</tbody></table>" + more_rows(milestones_list.count, "milestones", shown),
                   "No birthdays, anniversaries or new jobs in the next two weeks.");
  }
  out += "<p><a href=\"/merge\">Possible duplicates to merge</a></p>";
  return out;
}

std::string person(const json& show, const json& explain, const json& history, UnixSeconds now,
                   const std::string& csrf, bool every_interaction) {
  const std::string id = field(show, "id");
  const std::string back = "/person/" + id;
  std::string out = "<div class=\"facts\"><dl>";
  auto fact = [&](const std::string& term, const std::string& value) {
    out += "<dt>" + escape(term) + "</dt><dd>" + (value.empty() ? "–" : value) + "</dd>";
  };
  std::string handles;
  for (const auto& h : show.value("handles", json::array()))
    handles += "<li>" + escape(field(h, "value")) + " <span class=\"muted\">" + escape(field(h, "kind")) + "</span></li>";
  fact("Handles", handles.empty() ? "" : "<ul class=\"plain\">" + handles + "</ul>");
  fact("Organization", escape(field(show, "organization")));
  std::string positions;
  for (const auto& p : show.value("positions", json::array()))
    positions += "<li>" + escape(field(p, "title")) + " at " + escape(field(p, "organization")) + "</li>";
  fact("Positions", positions.empty() ? "" : "<ul class=\"plain\">" + positions + "</ul>");
  std::string tags;
  for (const auto& t : show.value("tags", json::array())) {
    const std::string tag = text_of(t);
    tags += "<li class=\"tag\">" + escape(tag) +
            html::action_form("/action/tag", csrf, {{"person", id}, {"tag", tag}, {"op", "remove"}, {"return", back}},
                              "Remove tag " + tag) +
            "</li>";
  }
  fact("Tags", "<ul class=\"plain tags\">" + tags + "</ul>" +
                   html::action_form("/action/tag", csrf, {{"person", id}, {"op", "add"}, {"return", back}}, "Add tag",
                                     "<label>Tag <input name=\"tag\" required maxlength=\"100\"></label>"));
  const std::string cadence = field(show, "cadence_days");
  fact("Cadence", escape(cadence.empty() ? "none" : cadence + " days") +
                      html::action_form("/action/cadence", csrf, {{"person", id}, {"return", back}}, "Set cadence",
                                        "<label>Cadence <input name=\"cadence\" required maxlength=\"20\" "
                                        "placeholder=\"30d, 6w, 3m, none\"></label>"));
  fact("Due", escape(day(show.value("due_at", json()))) +
                  html::action_form("/action/snooze", csrf, {{"person", id}, {"duration", "30d"}, {"return", back}},
                                    "Snooze a month"));
  // Strength, with the terms it is the sum of.
  std::string terms;
  for (const auto& t : explain.value("terms", json::array()))
    terms += "<tr><td>" + escape(kind_text(field(t, "kind"))) + "</td><td>" + escape(field(t, "window")) +
             "</td><td>" + escape(field(t, "count")) + "</td><td>" + escape(field(t, "contribution")) + "</td></tr>";
  fact("Strength", "<span id=\"strength\">" + escape(field(show, "strength")) + "</span> (half-life " +
                       escape(field(explain, "half_life_days")) + " days, reciprocity " +
                       escape(field(explain, "reciprocity")) + ")" +
                       (terms.empty() ? ""
                                      : "<table class=\"terms\"><caption>What the strength is made of</caption><thead><tr>"
                                        "<th scope=\"col\">Kind</th><th scope=\"col\">When</th><th "
                                        "scope=\"col\">Count</th><th scope=\"col\">Adds</th></tr></thead><tbody>" +
                                            terms + "</tbody></table>"));
  out += "</dl></div>\n";

  // The timeline: interactions by month over two years, by kind, as
  // `kith history --months 24` counted them.
  std::vector<std::string> months;
  std::map<std::string, std::vector<double>> by_kind;
  if (history.contains("months") && history["months"].is_array()) {
    const json& counted = history["months"];
    for (const json& m : counted) months.push_back(field(m, "month"));
    for (std::size_t i = 0; i < counted.size(); ++i) {
      if (!counted[i].contains("counts") || !counted[i]["counts"].is_object()) continue;
      for (const auto& [kind, n] : counted[i]["counts"].items()) {
        if (!n.is_number()) continue;
        auto& values = by_kind[kind];
        values.resize(months.size());
        values[i] += n.get<double>();
      }
    }
  }
  if (months.empty()) months = utc_months_ending(now, kTimelineMonths);  // nothing counted: empty months
  static const json kNoInteractions = json::array();
  const json& interactions = history.contains("interactions") && history["interactions"].is_array()
                                 ? history["interactions"]
                                 : kNoInteractions;
  const std::size_t total = count_in(history, "total", interactions.size());
  std::vector<charts::Series> series;
  for (auto& [kind, values] : by_kind) series.push_back({kind, values});
  std::string table;
  for (std::size_t m = 0; m < months.size(); ++m) {
    std::string cells;
    double total = 0;
    for (const auto& s : series) {
      cells += "<td>" + std::to_string(static_cast<long>(s.values[m])) + "</td>";
      total += s.values[m];
    }
    if (total > 0) table += "<tr><th scope=\"row\">" + months[m] + "</th>" + cells + "</tr>";
  }
  std::string head;
  for (const auto& s : series) head += "<th scope=\"col\">" + escape(kind_text(s.name)) + "</th>";
  out += "<section id=\"timeline\" aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Two years, month by month</h2>";
  out += charts::stacked_columns("timeline-chart", "Interactions with " + name_of(show) + " by month",
                                 "Columns for the 24 months up to " + months.back() + ", each split by kind.", months,
                                 series);
  out += table.empty() ? "<p class=\"empty\">No interactions in these two years.</p>"
                       : "<details><summary>The numbers</summary><table><thead><tr><th scope=\"col\">Month</th>" + head +
                             "</tr></thead><tbody>" + table + "</tbody></table></details>";
  out += "</section>\n";

  // Upcoming meetings and met-at events.
  std::string upcoming;
  for (const auto& m : show.value("upcoming_meetings", json::array()))
    upcoming += "<li>" + escape(day(m.value("at", json()))) + " " + escape(field(m, "title")) + "</li>";
  out += section("upcoming", "Upcoming meetings", show.value("upcoming_meetings", json::array()).size(),
                 "<ul>" + upcoming + "</ul>", "No meetings planned.");
  std::string met;
  for (const auto& m : show.value("met_at", json::array())) {
    const json e = m.value("event", json());
    const std::string event_id = field(e, "id");
    met += "<li><a href=\"/event/" + escape(html::url_component(event_id)) + "\">" + escape(field(e, "title")) + "</a> " +
           escape(day(e.value("start", json()))) + ", " + escape(field(m, "met"));
    if (field(m, "met") == "likely") {
      met += html::action_form("/action/met-at", csrf,
                               {{"event", event_id}, {"person", id}, {"decision", "confirm"}, {"return", back}},
                               "Confirm");
      met += html::action_form("/action/met-at", csrf,
                               {{"event", event_id}, {"person", id}, {"decision", "reject"}, {"return", back}}, "Reject");
    }
    met += "</li>";
  }
  out += section("met-at", "Met at", show.value("met_at", json::array()).size(), "<ul>" + met + "</ul>",
                 "Not met at any event Kith knows of.");

  // The interactions, newest first: the latest 200, or every one when asked
  // (a busy person has thousands).
  std::string rows;
  const std::size_t shown = every_interaction ? interactions.size()
                                              : std::min<std::size_t>(interactions.size(), kPersonInteractionsShown);
  for (std::size_t n = 0; n < shown; ++n) {
    const json& i = interactions[n];
    rows += "<tr><td>" + escape(day(i.value("when", json()))) + "</td><td>" + escape(kind_text(field(i, "kind"))) +
            (i.value("upcoming", false) ? " (upcoming)" : "") + "</td><td>" + escape(field(i, "subject")) + "</td><td>" +
            escape(field(i, "address")) + "</td></tr>";
  }
  const std::string more =
      shown < total ? "<p class=\"more\"><a href=\"" + back + "?all=interactions#interactions\">Show all " +
                          std::to_string(total) + "</a> <span class=\"muted\">(the latest " + std::to_string(shown) +
                          " shown)</span></p>"
                    : std::string();
  out += section("interactions", "Interactions", total,
                  "<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Kind</th><th scope=\"col\">Subject "
                  "or title</th><th scope=\"col\">Handle</th></tr></thead><tbody>" +
                      rows + "</tbody></table>" + more,
                  "No interactions stored.");
  return out;
}

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string network_part(const std::string& by, const std::string& title, const json& doc) {
  std::vector<charts::Share> shares;
  std::string rows;
  const json groups = doc.value("groups", json::array());
  std::size_t n = 0;
  for (const auto& g : groups) {
    if (n++ < 12)
      shares.push_back({field(g, "key"), g.value("interaction_share", 0.0),
                        field(g, "people") + " people, " + field(g, "interactions") + " interactions"});
    char share[32];
    std::snprintf(share, sizeof share, "%.1f%%", g.value("interaction_share", 0.0) * 100);
    rows += "<tr><th scope=\"row\">" + escape(field(g, "key")) + "</th><td>" + escape(field(g, "people")) + "</td><td>" +
            escape(field(g, "active")) + "</td><td>" + escape(field(g, "interactions")) + "</td><td>" + share +
            "</td></tr>";
  }
  std::string out = "<section id=\"by-" + by + "\" aria-labelledby=\"by-" + by + "-h\"><h2 id=\"by-" + by + "-h\">" +
                    escape(title) + "</h2>";
  out += charts::share_bars("share-" + by, "Share of interactions by " + lower(title),
                            "The " + std::to_string(shares.size()) + " largest of " + std::to_string(groups.size()) +
                                " groups, by their share of all interactions.",
                            shares);
  out += "<details><summary>All " + std::to_string(groups.size()) +
         " groups</summary><table><thead><tr><th scope=\"col\">" + escape(title) +
         "</th><th scope=\"col\">People</th><th scope=\"col\">Active</th><th scope=\"col\">Interactions</th><th "
         "scope=\"col\">Share</th></tr></thead><tbody>" +
         rows + "</tbody></table></details></section>\n";
  return out;
}

}  // namespace

std::string network(const json& by_org, const json& by_domain, const json& by_source, const json& by_tag) {
  std::string out;
  // Concentration and new people over the quarters (the same for every
  // grouping's people; concentration is by organization).
  const json quarters = by_org.value("quarters", json::array());
  std::vector<std::string> labels;
  std::vector<double> hhi, new_people;
  std::string rows;
  for (const auto& q : quarters) {
    labels.push_back(field(q, "quarter"));
    hhi.push_back(q.value("hhi", 0.0));
    new_people.push_back(q.value("new_people", 0.0));
    char h[32];
    std::snprintf(h, sizeof h, "%.2f", q.value("hhi", 0.0));
    rows += "<tr><th scope=\"row\">" + escape(field(q, "quarter")) + "</th><td>" + h + "</td><td>" +
            escape(field(q, "new_people")) + "</td><td>" + escape(field(q, "new_groups")) + "</td></tr>";
  }
  char summary[160];
  std::snprintf(summary, sizeof summary, "Concentration (HHI) %.2f: like %.1f equal organizations.",
                by_org.value("hhi", 0.0), by_org.value("effective_groups", 0.0));
  out += "<p class=\"lead\" id=\"concentration\">" + std::string(summary) + "</p>";
  out += "<section id=\"quarters\" aria-labelledby=\"quarters-h\"><h2 id=\"quarters-h\">Quarter by quarter</h2>";
  out += charts::line("hhi-chart", "Concentration by quarter",
                      "The Herfindahl index of interactions by organization in each of the last " +
                          std::to_string(labels.size()) + " quarters: 1 is one organization, lower is more diverse.",
                      labels, hhi, 2);
  out += charts::stacked_columns("new-people-chart", "New people per quarter",
                                 "People first met in each of the last " + std::to_string(labels.size()) + " quarters.",
                                 labels, {{"new_people", new_people}});
  out += "<table><thead><tr><th scope=\"col\">Quarter</th><th scope=\"col\">Concentration</th><th scope=\"col\">New "
         "people</th><th scope=\"col\">New organizations</th></tr></thead><tbody>" +
         rows + "</tbody></table></section>\n";
  out += network_part("org", "Organization", by_org);
  out += network_part("domain", "Domain", by_domain);
  out += network_part("source", "Source", by_source);
  out += network_part("tag", "Tag", by_tag);
  return out;
}

std::string events(const json& list) {
  std::string rows;
  for (const auto& e : list) {
    rows += "<tr><td><a href=\"/event/" + escape(html::url_component(field(e, "id"))) + "\">" +
            escape(field(e, "title")) + "</a></td><td>" + escape(day(e.value("start", json()))) + "</td><td>" +
            escape(field(e, "people")) + "</td><td>" + escape(field(e, "new_people")) + "</td><td>" +
            escape(field(e, "followed_up")) + "</td><td>" + escape(field(e, "not_followed_up")) + "</td></tr>";
  }
  return section("event-list", "Past and upcoming events", list.size(),
                 "<table><thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Start</th><th scope=\"col\">People "
                 "met</th><th scope=\"col\">New</th><th scope=\"col\">Followed up</th><th scope=\"col\">Not yet</th>"
                 "</tr></thead><tbody>" +
                     rows + "</tbody></table>",
                 "No events in the last and next 90 days. Calendars named in [events] calendars, and meetings with "
                 "many people, are events.");
}

std::string event(const json& e, const std::string& csrf) {
  const std::string event_id = field(e, "id");
  const std::string back = "/event/" + html::url_component(event_id);
  std::string out = "<p class=\"lead\">" + escape(day(e.value("start", json()))) + " to " +
                    escape(day(e.value("end", json()))) + "</p>";
  std::string rows;
  const json people = e.value("people", json::array());
  for (const auto& p : people) {
    std::string decide;
    if (field(p, "met") == "likely") {
      decide = html::action_form("/action/met-at", csrf,
                                 {{"event", event_id}, {"person", field(p, "id")}, {"decision", "confirm"}, {"return", back}},
                                 "Confirm") +
               html::action_form("/action/met-at", csrf,
                                 {{"event", event_id}, {"person", field(p, "id")}, {"decision", "reject"}, {"return", back}},
                                 "Reject");
    }
    rows += "<tr data-person=\"" + escape(field(p, "id")) + "\"><td>" + person_link(p) + "</td><td>" +
            escape(field(p, "met")) + "</td><td>" + (p.value("new", false) ? "new" : "") + "</td><td>" +
            (p.value("followed_up", false) ? "followed up" : "not yet") + "</td><td>" + decide + "</td></tr>";
  }
  out += section("people-met", "People met", people.size(),
                 "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Met</th><th scope=\"col\">New</th>"
                 "<th scope=\"col\">Follow-up</th><th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead>"
                 "<tbody>" +
                     rows + "</tbody></table>",
                 "Nobody Kith knows was met there.");
  return out;
}

std::string status(const json& doc, const json& daemon_now) {
  std::string out = "<section id=\"kithd\" aria-labelledby=\"kithd-h\"><h2 id=\"kithd-h\">kithd now</h2><div class=\"facts\"><dl>";
  out += "<dt>Store</dt><dd>" + escape(field(doc, "store")) + "</dd>";
  out += "<dt>Config</dt><dd>" + escape(field(doc, "config")) + "</dd>";
  out += "<dt>Contacts</dt><dd id=\"contacts-count\">" + escape(field(doc, "contacts")) + "</dd>";
  out += "<dt>Running since</dt><dd>" + escape(field(daemon_now, "started")) + " (pid " + escape(field(daemon_now, "pid")) +
         ")</dd>";
  std::string syncing;
  for (const auto& a : daemon_now.value("syncing", json::array())) join(syncing, ", ", escape(text_of(a)));
  out += "<dt>Syncing now</dt><dd id=\"syncing\">" + (syncing.empty() ? std::string("nothing: waiting for the next sync") : syncing) +
         "</dd>";
  out += "<dt>Accounts with a worker</dt><dd>" + escape(field(daemon_now, "running")) + " of " +
         escape(field(daemon_now, "configured")) + "</dd></dl></div></section>\n";
  std::string rows;
  std::string errors;
  std::size_t error_count = 0;
  const json accounts = doc.value("accounts", json::array());
  for (const auto& a : accounts) {
    const json run = a.value("last_run", json());
    const std::string state = a.contains("state") && a["state"].is_object() ? field(a["state"], "state") : field(a, "state");
    rows += "<tr data-account=\"" + escape(field(a, "name")) + "\"><th scope=\"row\">" + escape(field(a, "name")) +
            "</th><td>" + escape(field(a, "provider")) + "</td><td>" + escape(field(run, "result")) + "</td><td>" +
            escape(field(run, "finished")) + "</td><td>" + escape(field(run, "items")) + "</td><td>" +
            escape(field(run, "error")) + "</td><td>" + escape(field(a, "quarantined")) + "</td><td>" + escape(state) +
            "</td></tr>";
    for (const auto& e : a.value("item_errors", json::array()))
      ++error_count, errors += "<tr><td>" + escape(field(a, "name")) + "</td><td>" + escape(field(e, "collection")) + "</td><td>" +
                escape(field(e, "item")) + "</td><td>" + escape(field(e, "error")) + "</td></tr>";
  }
  out += section("accounts", "Accounts", accounts.size(),
                 "<table><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Provider</th><th scope=\"col\">Last "
                 "result</th><th scope=\"col\">Finished</th><th scope=\"col\">Items</th><th scope=\"col\">Error</th><th "
                 "scope=\"col\">Quarantined</th><th scope=\"col\">State</th></tr></thead><tbody>" +
                     rows + "</tbody></table>",
                 "No accounts configured: kith init writes a starter config.");
  out += section("quarantine", "Quarantined items", error_count,
                 "<table><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Collection</th><th "
                 "scope=\"col\">Item</th><th scope=\"col\">Error</th></tr></thead><tbody>" +
                     errors + "</tbody></table>",
                 "No item failed to read.");
  return out;
}

std::string merge_suggestions(const json& suggestions, const std::string& csrf) {
  std::string rows;
  for (const auto& s : suggestions) {
    std::string people, ids, reasons;
    for (const auto& p : s.value("people", json::array())) {
      join(people, " and ", person_link(p));
      join(ids, ",", field(p, "id"));
    }
    for (const auto& r : s.value("reasons", json::array())) join(reasons, "; ", text_of(r));
    rows += "<tr><td>" + people + "</td><td>" + escape(reasons) + "</td><td>" + escape(field(s, "confidence")) +
            "</td><td>" + html::action_form("/action/merge", csrf, {{"people", ids}, {"return", "/merge"}}, "Merge") +
            "</td></tr>";
  }
  return section("suggestions", "Possible duplicates", suggestions.size(),
                 "<table><thead><tr><th scope=\"col\">People</th><th scope=\"col\">Why</th><th "
                 "scope=\"col\">Confidence</th><th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead>"
                 "<tbody>" +
                     rows + "</tbody></table>",
                 "No two people look like one.");
}

}  // namespace kith::engine::pages

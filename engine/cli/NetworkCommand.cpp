// `kith network`: the network by organization, domain, source, tag or year
// met (relate/Network.h), as a table with bars and a sparkline on a
// terminal, or as JSON.
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/Commands.h"
#include "cli/JsonWriter.h"
#include "cli/Output.h"
#include "relate/Network.h"
#include "util/Strings.h"

namespace kith::engine {
namespace {

constexpr std::size_t kGroupsShown = 15;  // the table; --json has them all
constexpr int kBarWidth = 24;

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

std::string two_decimals(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", x);
  return text;
}

// A bar of eighths: the share at a glance.
std::string bar(double share) {
  static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const int eighths = static_cast<int>(std::lround(share * kBarWidth * 8));
  std::string out;
  for (int i = 0; i < eighths / 8; ++i) out += "█";
  return out + kEighths[eighths % 8];
}

// One character per quarter, from the lowest to the highest HHI seen.
std::string sparkline(const std::vector<NetworkQuarter>& quarters) {
  static const char* const kLevels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double low = 1, high = 0;
  for (const auto& q : quarters)
    if (q.hhi) low = std::min(low, *q.hhi), high = std::max(high, *q.hhi);
  std::string out;
  for (const auto& q : quarters) {
    if (!q.hhi) {
      out += " ";
      continue;
    }
    const int level = high > low ? static_cast<int>(std::lround((*q.hhi - low) / (high - low) * 7)) : 3;
    out += kLevels[level];
  }
  return out;
}

const char* group_noun(NetworkBy by) {
  switch (by) {
    case NetworkBy::Organization: return "organizations";
    case NetworkBy::Domain: return "domains";
    case NetworkBy::Source: return "sources";
    case NetworkBy::Tag: return "tags";
    case NetworkBy::YearMet: return "years";
  }
  return "groups";
}

void write_json(JsonWriter& out, const NetworkView& view) {
  out.begin_object();
  out.key("by").value(to_string(view.by));
  out.key("effective_groups");
  if (view.effective_groups) out.value(*view.effective_groups); else out.null();
  out.key("groups").begin_array();
  for (const NetworkGroup& g : view.groups) {
    out.begin_object();
    out.key("active").value(g.active);
    out.key("interaction_share").value(g.interaction_share);
    out.key("interactions").value(g.interactions);
    out.key("key").value(g.key);
    out.key("people").value(g.people);
    out.end_object();
  }
  out.end_array();
  out.key("hhi");
  if (view.hhi) out.value(*view.hhi); else out.null();
  out.key("quarters").begin_array();
  for (const NetworkQuarter& q : view.quarters) {
    out.begin_object();
    out.key("hhi");
    if (q.hhi) out.value(*q.hhi); else out.null();
    out.key("new_groups").value(q.new_groups);
    out.key("new_people").value(q.new_people);
    out.key("quarter").value(q.quarter);
    out.end_object();
  }
  out.end_array();
  out.key("top_share").value(view.top_share);
  out.end_object();
}

void print_view(const NetworkView& view, std::size_t people, bool tty) {
  std::cout << "Network by " << to_string(view.by) << ": " << people << " people in " << view.groups.size() << " "
            << group_noun(view.by) << "\n\n";
  std::vector<std::vector<std::string>> rows = {{"GROUP", "PEOPLE", "ACTIVE 90D", "SHARE"}};
  if (tty) rows[0].push_back("");
  for (std::size_t i = 0; i < view.groups.size() && i < kGroupsShown; ++i) {
    const NetworkGroup& g = view.groups[i];
    rows.push_back({shortened(g.key, 40), std::to_string(g.people), std::to_string(g.active), percent(g.interaction_share)});
    if (tty) rows.back().push_back(bar(g.interaction_share));
  }
  print_table(std::move(rows));
  if (view.groups.size() > kGroupsShown)
    std::cout << "... and " << view.groups.size() - kGroupsShown << " more (kith network --json lists all)\n";
  std::cout << "\nconcentration: top share " << percent(view.top_share);
  if (view.hhi)
    std::cout << ", HHI " << two_decimals(*view.hhi) << " (like " << two_decimals(*view.effective_groups)
              << " equal groups)";
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> quarters = {{"QUARTER", "NEW PEOPLE", std::string("NEW ") + group_noun(view.by), "HHI"}};
  for (auto& h : quarters[0])
    for (char& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const NetworkQuarter& q : view.quarters)
    quarters.push_back({q.quarter, std::to_string(q.new_people), std::to_string(q.new_groups),
                        q.hhi ? two_decimals(*q.hhi) : std::string("-")});
  print_table(std::move(quarters));
  if (tty) std::cout << "HHI by quarter: " << sparkline(view.quarters) << "\n";
}

}  // namespace

int run_network(Session& session, const NetworkOptions& options) {
  // "org,domain": several groupings from one read of the history.
  std::vector<NetworkBy> groupings;
  for (const std::string& text : split(options.by, ',')) {
    const auto by = network_by_from(text);
    if (!by)
      return report_error(Status::account("--by must be org, domain, source, tag or year-met (or several, "
                                          "comma-separated), not '" + text + "'"));
    groupings.push_back(*by);
  }
  auto config = session.config();
  if (!config) return report_error(config.status());
  auto store = session.store();
  if (!store) return report_error(store.status());
  const UnixSeconds now = session.now();
  auto people = (*store)->people(std::nullopt, /*all_handles=*/true);
  if (!people) return report_error(people.status());
  auto cards = (*store)->cards();
  if (!cards) return report_error(cards.status());
  NetworkActivity activity(now);
  if (auto s = (*store)->for_each_interaction_quarter(now, [&](const InteractionQuarter& m) { activity.add(m); }); !s)
    return report_error(s);
  // Everyone who is not ignored and has an interaction or a card.
  std::vector<NetworkMember> members;
  for (const Person& p : *people) {
    if (p.ignored) continue;
    auto card = cards->find(p.id);
    if (!activity.of(p.id) && card == cards->end()) continue;
    members.push_back({&p, card == cards->end() ? nullptr : &card->second});
  }
  const FreeMail free_mail((*config)->free_mail_domains);

  if (session.options().json) {
    JsonWriter out;
    if (groupings.size() > 1) out.begin_array();
    for (const NetworkBy by : groupings) write_json(out, network_view(members, activity, by, free_mail));
    if (groupings.size() > 1) out.end_array();
    out.finish();
    return 0;
  }
  if (members.empty()) {
    std::cout << "No one yet: `kith sync` first.\n";
    return 0;
  }
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  for (std::size_t i = 0; i < groupings.size(); ++i) {
    if (i) std::cout << "\n";
    print_view(network_view(members, activity, groupings[i], free_mail), members.size(), tty);
  }
  return 0;
}

}  // namespace kith::engine

// The dashboard's pages, made from what `kith … --json` printed (the
// same documents the README describes), so a page and the command it
// comes from cannot disagree. Each returns the markup inside <main>.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "kith/Items.h"

namespace kith::engine::pages {

using nlohmann::json;

// `csrf`: the token every form carries. `now`: the moment the queries
// were run at (the person's timeline ends with its month).
// `week`: what `kith week --json` printed (each list's first rows and its
// count). `expanded`: the section ("due", "awaiting", ...) to show whole;
// the others show their first kWeekRowsShown rows and a link to the rest.
inline constexpr std::size_t kWeekRowsShown = 50;
std::string week(const json& week, const std::string& csrf, const std::string& expanded = "");
// `history`: `kith history --months kTimelineMonths --limit
// kPersonInteractionsShown` (no limit with `every_interaction`).
inline constexpr int kTimelineMonths = 24;
inline constexpr std::size_t kPersonInteractionsShown = 200;
std::string person(const json& show, const json& explain, const json& history, UnixSeconds now,
                   const std::string& csrf, bool every_interaction = false);
// `by`: the network command's document for org, domain, source and tag.
std::string network(const json& by_org, const json& by_domain, const json& by_source, const json& by_tag);
std::string events(const json& events);
std::string event(const json& event, const std::string& csrf);
// `daemon_now`: what this kithd is doing (accounts syncing now, since when it runs).
std::string status(const json& status, const json& daemon_now);
std::string merge_suggestions(const json& suggestions, const std::string& csrf);


}  // namespace kith::engine::pages

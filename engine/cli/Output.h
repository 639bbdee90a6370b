// Shared formatting for the CLI: JSON values, dates, aligned tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kith/Items.h"

namespace kith::engine {

// RFC 3339 UTC, or JSON null.
nlohmann::json json_time(const std::optional<UnixSeconds>& t);

// "2026-03-02 14:05" in UTC, or "-".
std::string human_time(const std::optional<UnixSeconds>& t);

// "3 days ago", "in 2 weeks", "-".
std::string relative_time(const std::optional<UnixSeconds>& t, UnixSeconds now);

void print_json(const nlohmann::json& value);

// Left-aligned columns separated by two spaces; the first row is the header.
// Every cell goes through terminal_safe().
// `text` cut to at most `max_columns` terminal columns, with an ellipsis
// when something was cut.
std::string shortened(const std::string& text, std::size_t max_columns);

void print_table(std::vector<std::vector<std::string>> rows);  // pass a long list with std::move

}  // namespace kith::engine

// SVG charts drawn on the server: no script, no library, nothing fetched.
// Every chart has a title and a description for screen readers, each mark
// its number as a tooltip (<title>) and is reachable with the keyboard
// (tabindex, aria-label); the page also shows the numbers in a table.
// Colours come from the stylesheet's classes, so dark mode follows it.
#pragma once

#include <string>
#include <vector>

namespace kith::engine::charts {

struct Series {
  std::string name;            // a legend entry, also the CSS class suffix
  std::vector<double> values;  // one per label
};

// Stacked columns: one per label (months, quarters), one band per series.
std::string stacked_columns(const std::string& id, const std::string& title, const std::string& description,
                            const std::vector<std::string>& labels, const std::vector<Series>& series);

// Horizontal bars of shares (0..1), largest first as given.
struct Share {
  std::string label;
  double share = 0;
  std::string detail;  // shown in the tooltip after the percentage
};
std::string share_bars(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<Share>& shares);

// A line over labels with a point per value (concentration by quarter).
std::string line(const std::string& id, const std::string& title, const std::string& description,
                 const std::vector<std::string>& labels, const std::vector<double>& values, int decimals);

}  // namespace kith::engine::charts

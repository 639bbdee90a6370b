#include "dashboard/Charts.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "dashboard/Html.h"

namespace kith::engine::charts {

namespace {

using html::escape;

std::string number(double x, int decimals = 1) {
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, x, std::chars_format::fixed, decimals).ptr;
  std::string out(text, end);
  if (decimals > 0) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  return out;
}

std::string open_svg(const std::string& id, const std::string& title, const std::string& description, int width,
                     int height) {
  return "<figure class=\"chart\"><svg id=\"" + escape(id) + "\" class=\"chart\" viewBox=\"0 0 " +
         std::to_string(width) + " " + std::to_string(height) +
         "\" role=\"img\" aria-labelledby=\"" + escape(id) + "-title " + escape(id) + "-desc\">"
         "<title id=\"" + escape(id) + "-title\">" + escape(title) + "</title><desc id=\"" + escape(id) +
         "-desc\">" + escape(description) + "</desc>";
}

std::string close_svg(const std::string& title) { return "</svg><figcaption>" + escape(title) + "</figcaption></figure>"; }

// The CSS class of a series: its name with anything but [a-z0-9_] dropped.
std::string series_class(const std::string& name) {
  std::string out = "s-";
  for (char c : name)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') out += c;
  return out;
}

}  // namespace

std::string stacked_columns(const std::string& id, const std::string& title, const std::string& description,
                            const std::vector<std::string>& labels, const std::vector<Series>& series) {
  constexpr int kWidth = 720, kHeight = 240, kLeft = 36, kBottom = 36, kTop = 10, kRight = 8;
  double max_total = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double total = 0;
    for (const auto& s : series) total += i < s.values.size() ? s.values[i] : 0;
    max_total = std::max(max_total, total);
  }
  const double top = max_total <= 0 ? 1 : max_total;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double step = labels.empty() ? plot_w : plot_w / static_cast<double>(labels.size());
  const double bar_w = std::max(1.0, step * 0.8);
  std::string out = open_svg(id, title, description, kWidth, kHeight);
  // The axis: zero and the largest column.
  out += "<g class=\"axis\"><line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + number(kTop + plot_h) + "\" x2=\"" +
         std::to_string(kWidth - kRight) + "\" y2=\"" + number(kTop + plot_h) + "\"/>";
  out += "<text x=\"" + std::to_string(kLeft - 4) + "\" y=\"" + number(kTop + 8) + "\" text-anchor=\"end\">" +
         number(top, 0) + "</text><text x=\"" + std::to_string(kLeft - 4) + "\" y=\"" + number(kTop + plot_h) +
         "\" text-anchor=\"end\">0</text></g>";
  out += "<g class=\"marks\" role=\"list\">";
  const std::size_t label_every = std::max<std::size_t>(1, (labels.size() + 7) / 8);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double x = kLeft + step * static_cast<double>(i) + (step - bar_w) / 2;
    double y = kTop + plot_h;
    std::string tip = labels[i];
    double total = 0;
    for (const auto& s : series) {
      const double v = i < s.values.size() ? s.values[i] : 0;
      total += v;
      if (v > 0) tip += ", " + s.name + " " + number(v, 0);
    }
    if (total == 0) tip += ": none";
    out += "<g class=\"mark\" role=\"listitem\" tabindex=\"0\" aria-label=\"" + escape(tip) + "\" data-label=\"" +
           escape(labels[i]) + "\" data-total=\"" + number(total, 0) + "\"><title>" + escape(tip) + "</title>";
    // An invisible full-height target, so a thin column is easy to hover.
    out += "<rect class=\"hit\" x=\"" + number(x) + "\" y=\"" + std::to_string(kTop) + "\" width=\"" + number(bar_w) +
           "\" height=\"" + number(plot_h) + "\"/>";
    for (const auto& s : series) {
      const double v = i < s.values.size() ? s.values[i] : 0;
      if (v <= 0) continue;
      const double h = v / top * plot_h;
      y -= h;
      out += "<rect class=\"" + series_class(s.name) + "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" +
             number(bar_w) + "\" height=\"" + number(h) + "\"/>";
    }
    out += "</g>";
    if (i % label_every == 0)
      out += "<text class=\"tick\" x=\"" + number(x + bar_w / 2) + "\" y=\"" + number(kTop + plot_h + 16) +
             "\" text-anchor=\"middle\">" + escape(labels[i]) + "</text>";
  }
  out += "</g>";
  // The legend.
  double lx = kLeft;
  for (const auto& s : series) {
    out += "<g class=\"legend\"><rect class=\"" + series_class(s.name) + "\" x=\"" + number(lx) + "\" y=\"" +
           number(kHeight - 12) + "\" width=\"10\" height=\"10\"/><text x=\"" + number(lx + 14) + "\" y=\"" +
           number(kHeight - 3) + "\">" + escape(s.name) + "</text></g>";
    lx += 24 + 7.0 * static_cast<double>(s.name.size());
  }
  return out + close_svg(title);
}

std::string share_bars(const std::string& id, const std::string& title, const std::string& description,
                       const std::vector<Share>& shares) {
  constexpr int kWidth = 720, kRow = 22, kLabel = 220, kRight = 60;
  const int height = std::max(1, static_cast<int>(shares.size())) * kRow + 4;
  double max_share = 0;
  for (const auto& s : shares) max_share = std::max(max_share, s.share);
  if (max_share <= 0) max_share = 1;
  std::string out = open_svg(id, title, description, kWidth, height);
  out += "<g class=\"marks\" role=\"list\">";
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const auto& s = shares[i];
    const double y = 2 + static_cast<double>(i) * kRow;
    const double w = s.share / max_share * (kWidth - kLabel - kRight);
    const std::string tip = s.label + ": " + number(s.share * 100, 1) + "%" + (s.detail.empty() ? "" : ", " + s.detail);
    std::string label = s.label;
    if (label.size() > 32) label = label.substr(0, 31) + "…";
    out += "<g class=\"mark\" role=\"listitem\" tabindex=\"0\" aria-label=\"" + escape(tip) + "\" data-label=\"" +
           escape(s.label) + "\" data-share=\"" + number(s.share, 4) + "\"><title>" + escape(tip) + "</title>";
    out += "<text x=\"" + std::to_string(kLabel - 6) + "\" y=\"" + number(y + 15) + "\" text-anchor=\"end\">" +
           escape(label) + "</text>";
    out += "<rect class=\"s-share\" x=\"" + std::to_string(kLabel) + "\" y=\"" + number(y + 3) + "\" width=\"" +
           number(std::max(1.0, w)) + "\" height=\"" + std::to_string(kRow - 6) + "\"/>";
    out += "<text x=\"" + number(kLabel + std::max(1.0, w) + 4) + "\" y=\"" + number(y + 15) + "\">" +
           number(s.share * 100, 1) + "%</text></g>";
  }
  out += "</g>";
  return out + close_svg(title);
}

std::string line(const std::string& id, const std::string& title, const std::string& description,
                 const std::vector<std::string>& labels, const std::vector<double>& values, int decimals) {
  constexpr int kWidth = 720, kHeight = 200, kLeft = 40, kBottom = 24, kTop = 12, kRight = 36;
  double max_value = 0;
  for (double v : values) max_value = std::max(max_value, v);
  if (max_value <= 0) max_value = 1;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double step = labels.size() > 1 ? plot_w / static_cast<double>(labels.size() - 1) : 0;
  std::string out = open_svg(id, title, description, kWidth, kHeight);
  out += "<g class=\"axis\"><line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + number(kTop + plot_h) + "\" x2=\"" +
         std::to_string(kWidth - kRight) + "\" y2=\"" + number(kTop + plot_h) + "\"/><text x=\"" +
         std::to_string(kLeft - 4) + "\" y=\"" + number(kTop + 8) + "\" text-anchor=\"end\">" +
         number(max_value, decimals) + "</text><text x=\"" + std::to_string(kLeft - 4) + "\" y=\"" +
         number(kTop + plot_h) + "\" text-anchor=\"end\">0</text></g>";
  std::string points;
  for (std::size_t i = 0; i < values.size() && i < labels.size(); ++i) {
    const double x = kLeft + step * static_cast<double>(i);
    const double y = kTop + plot_h - values[i] / max_value * plot_h;
    points += number(x) + "," + number(y) + " ";
  }
  out += "<polyline class=\"s-line\" points=\"" + points + "\"/>";
  out += "<g class=\"marks\" role=\"list\">";
  for (std::size_t i = 0; i < values.size() && i < labels.size(); ++i) {
    const double x = kLeft + step * static_cast<double>(i);
    const double y = kTop + plot_h - values[i] / max_value * plot_h;
    const std::string tip = labels[i] + ": " + number(values[i], decimals);
    out += "<g class=\"mark\" role=\"listitem\" tabindex=\"0\" aria-label=\"" + escape(tip) + "\" data-label=\"" +
           escape(labels[i]) + "\" data-value=\"" + number(values[i], 4) + "\"><title>" + escape(tip) +
           "</title><circle class=\"s-point\" cx=\"" + number(x) + "\" cy=\"" + number(y) + "\" r=\"5\"/></g>";
    out += "<text class=\"tick\" x=\"" + number(x) + "\" y=\"" + number(kTop + plot_h + 16) +
           "\" text-anchor=\"middle\">" + escape(labels[i]) + "</text>";
  }
  out += "</g>";
  return out + close_svg(title);
}

}  // namespace kith::engine::charts

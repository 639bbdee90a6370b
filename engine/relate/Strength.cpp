#include "relate/Strength.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "relate/PersonSummary.h"
#include "util/Time.h"

namespace kith::engine {

double kind_weight(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::EmailSent: return 1.0;
    case InteractionKind::EmailReceived: return 0.5;
    case InteractionKind::MessageSent: return 1.0;
    case InteractionKind::MessageReceived: return 0.5;
    case InteractionKind::Meeting: return 3.0;
  }
  return 0;
}

namespace {

constexpr std::array<InteractionKind, 5> kKinds = {InteractionKind::EmailSent, InteractionKind::EmailReceived,
                                                   InteractionKind::Meeting, InteractionKind::MessageSent,
                                                   InteractionKind::MessageReceived};
constexpr std::array<const char*, 4> kWindows = {"30d", "90d", "1y", "older"};

std::size_t window_of(double age_days) {
  if (age_days < 30) return 0;
  if (age_days < 90) return 1;
  if (age_days < 365) return 2;
  return 3;
}

std::size_t kind_index(InteractionKind kind) {
  return static_cast<std::size_t>(std::find(kKinds.begin(), kKinds.end(), kind) - kKinds.begin());
}

bool directional(InteractionKind kind) { return kind != InteractionKind::Meeting; }

}  // namespace

double interaction_weight(const TimelineEntry& e, UnixSeconds as_of, double half_life_days) {
  const double age_days = static_cast<double>(as_of - e.at) / kSecondsPerDay;
  double w = kind_weight(e.kind) * std::exp2(-age_days / half_life_days);
  if (e.kind == InteractionKind::Meeting) w /= std::max<std::uint32_t>(1, e.participants);
  return w;
}

double reciprocity_of(double sent, double received) {
  return sent + received > 0 ? 0.5 + std::min(sent, received) / (sent + received) : 1.0;
}

double score_of_raw(double raw) {
  return static_cast<double>(std::lround(1000.0 * (1.0 - std::exp(-raw / kStrengthScale)))) / 10;
}

double strength_score(const PersonSummary& s, UnixSeconds as_of) {
  // Every weight decays by the same factor from the summary's moment to
  // as-of; the reciprocity, a ratio, does not change.
  const double decay = std::exp2(-static_cast<double>(as_of - s.reference) / kSecondsPerDay / s.half_life_days);
  return score_of_raw(decay * (s.meetings + reciprocity_of(s.sent, s.received) * (s.sent + s.received)));
}

Strength strength_of(const std::vector<TimelineEntry>& timeline, UnixSeconds as_of, double half_life_days) {
  struct Cell {
    std::size_t count = 0;
    double weight = 0;
  };
  std::array<std::array<Cell, kKinds.size()>, kWindows.size()> cells{};
  double out = 0, in = 0;
  for (const TimelineEntry& e : timeline) {
    if (e.at > as_of) continue;
    const double age_days = static_cast<double>(as_of - e.at) / kSecondsPerDay;
    const double w = interaction_weight(e, as_of, half_life_days);
    Cell& cell = cells[window_of(age_days)][kind_index(e.kind)];
    ++cell.count;
    cell.weight += w;
    if (e.kind == InteractionKind::EmailSent || e.kind == InteractionKind::MessageSent) out += w;
    if (e.kind == InteractionKind::EmailReceived || e.kind == InteractionKind::MessageReceived) in += w;
  }
  Strength s;
  s.reciprocity = reciprocity_of(out, in);
  std::vector<double> adjusted;
  for (std::size_t w = 0; w < kWindows.size(); ++w)
    for (std::size_t k = 0; k < kKinds.size(); ++k) {
      const Cell& cell = cells[w][k];
      if (!cell.count) continue;
      s.terms.push_back({kKinds[k], kWindows[w], cell.count, cell.weight, 0});
      adjusted.push_back(cell.weight * (directional(kKinds[k]) ? s.reciprocity : 1.0));
      s.raw += adjusted.back();
    }
  // In tenths of a point: round the score, then hand the tenths to the
  // terms by largest remainder so that they add up to it exactly.
  s.score = score_of_raw(s.raw);
  const long total = std::lround(s.score * 10);
  if (s.raw <= 0) return s;
  std::vector<long> tenths(s.terms.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  long given = 0;
  for (std::size_t i = 0; i < s.terms.size(); ++i) {
    const double share = static_cast<double>(total) * adjusted[i] / s.raw;
    tenths[i] = static_cast<long>(std::floor(share));
    given += tenths[i];
    remainders.emplace_back(share - std::floor(share), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; given < total && i < remainders.size(); ++i, ++given) ++tenths[remainders[i].second];
  for (std::size_t i = 0; i < s.terms.size(); ++i) s.terms[i].contribution = static_cast<double>(tenths[i]) / 10;
  return s;
}

}  // namespace kith::engine

// The strength score (0 to 100) and its explanation. The formula, as the
// README publishes it:
//
//   each interaction up to as-of weighs  w(kind) x 2^(-age_days / half_life)
//     w: email_sent 1, email_received 0.5, message_sent 1,
//        message_received 0.5, meeting 3 / (other people in it)
//   reciprocity r = 0.5 + min(out, in) / (out + in)   (1 without mail or messages)
//     out, in: the decayed weights sent and received; r is 0.5 for
//     one-way traffic and 1 for an even exchange
//   raw   = meetings + r x (mail and messages)
//   score = 100 x (1 - e^(-raw / 10))
//
// Each (kind, age window) term contributes score x its share of raw, so
// the terms add up to the score; shown rounded to tenths, the rounded
// terms still add up to the rounded score (largest remainders).
#pragma once

#include <string>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

inline constexpr double kDefaultHalfLifeDays = 90;
inline constexpr double kStrengthScale = 10;

struct StrengthTerm {
  InteractionKind kind = InteractionKind::EmailSent;
  std::string window;      // "30d", "90d", "1y" or "older": the age, each window after the one before
  std::size_t count = 0;
  double weight = 0;       // decayed weight, before reciprocity
  double contribution = 0; // in score points, rounded to tenths
};

struct Strength {
  double score = 0;        // rounded to tenths
  double reciprocity = 1;
  double raw = 0;
  std::vector<StrengthTerm> terms;  // by window, then kind; only those with interactions
};

// Term by term, from the timeline (`kith explain`).
Strength strength_of(const std::vector<TimelineEntry>& timeline, UnixSeconds as_of, double half_life_days);

// The score alone, from a summary that covers `as_of` (PersonSummary.h):
// the same number strength_of gives.
double strength_score(const PersonSummary& summary, UnixSeconds as_of);

double kind_weight(InteractionKind kind);
// One interaction's decayed weight at `as_of` (meetings shared out).
double interaction_weight(const TimelineEntry& e, UnixSeconds as_of, double half_life_days);
double reciprocity_of(double sent, double received);
// 100 x (1 - e^(-raw / 10)), in tenths.
double score_of_raw(double raw);

}  // namespace kith::engine

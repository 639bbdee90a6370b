#include "daemon/RuleSettings.h"

namespace kith::engine {

RelationshipSettings relationship_settings(const Config& config, bool drift) {
  RelationshipSettings s;
  s.drift = drift;
  s.default_cadence_days = config.default_cadence_days;
  s.half_life_days = config.half_life_days;
  return s;
}

EventRules event_rules(const Config& config) {
  EventRules rules;
  rules.min_attendees = static_cast<std::uint32_t>(config.events.min_attendees);
  rules.met_window_days = static_cast<int>(config.events.met_window_days);
  rules.calendars = config.events.calendars;
  rules.coffee_max_participants = static_cast<std::uint32_t>(config.events.coffee_max_participants);
  return rules;
}

}  // namespace kith::engine

// The config's settings as the relationship and event rules read them:
// one place, so every command reads [cadence], [scoring] and [events] alike.
#pragma once

#include "config/Config.h"
#include "relate/Events.h"
#include "relate/Relationships.h"

namespace kith::engine {

// [cadence] default and [scoring] half_life_days; `drift` as RelationshipSettings.
RelationshipSettings relationship_settings(const Config& config, bool drift = true);

// [events].
EventRules event_rules(const Config& config);

}  // namespace kith::engine

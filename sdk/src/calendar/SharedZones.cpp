#include "SharedZones.h"

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "IcalResource.h"

namespace kith::calendar::detail {
namespace {

// A real VTIMEZONE is a few hundred bytes, a zone with its whole history
// (tzurl.org's "full" ones) some tens of kilobytes; and a calendar names a
// handful of zones. What a hostile server could send beyond that is not
// kept: memory stays bounded by these, not by the calendar.
constexpr std::size_t kMaxDefinitionBytes = 64 * 1024;
constexpr std::size_t kMaxZones = 64;

struct ZoneDeleter {
  void operator()(icaltimezone* zone) const noexcept { icaltimezone_free(zone, 1); }
};

struct Zones {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<icaltimezone, ZoneDeleter>, std::less<>> by_definition;
};

Zones& zones() {
  static Zones* const shared = new Zones;  // never destroyed: zones outlive every resolver, to the exit
  return *shared;
}

}  // namespace

icaltimezone* shared_zone(icalcomponent* vtimezone) {
  if (vtimezone == nullptr) return nullptr;
  const IcalStringPtr text(icalcomponent_as_ical_string_r(vtimezone));
  if (!text) return nullptr;
  const std::string definition(text.get());
  if (definition.size() > kMaxDefinitionBytes) return nullptr;
  Zones& shared = zones();
  const std::lock_guard lock(shared.mutex);
  if (auto it = shared.by_definition.find(definition); it != shared.by_definition.end()) return it->second.get();
  if (shared.by_definition.size() >= kMaxZones) return nullptr;
  std::unique_ptr<icaltimezone, ZoneDeleter> zone(icaltimezone_new());
  if (!zone) return nullptr;
  // The zone takes the copy (freed with it).
  icalcomponent* copy = icalcomponent_new_clone(vtimezone);
  if (copy == nullptr) return nullptr;
  if (icaltimezone_set_component(zone.get(), copy) == 0) {
    icalcomponent_free(copy);
    return nullptr;
  }
  icaltimezone* out = zone.get();
  shared.by_definition.emplace(definition, std::move(zone));
  return out;
}

}  // namespace kith::calendar::detail

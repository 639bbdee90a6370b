#include "ZoneResolver.h"

#include "AsciiText.h"
#include "SharedZones.h"
#include "WindowsZones.h"

namespace kith::calendar::detail {
namespace {

// Only names that look like zoneinfo paths go to libical's zoneinfo lookup,
// which opens files below the zoneinfo directory: no "..", no absolute
// paths, nothing but the characters IANA names use.
bool is_plausible_zoneinfo_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return name.find("//") == std::string_view::npos;
}

bool is_utc_name(std::string_view name) noexcept {
  return ascii_iequals(name, "UTC") || ascii_iequals(name, "GMT") || ascii_iequals(name, "Z") ||
         ascii_iequals(name, "Etc/UTC") || ascii_iequals(name, "Etc/GMT") ||
         ascii_iequals(name, "tzone://Microsoft/Utc");
}

icaltimezone* builtin_zone(std::string_view name) {
  if (is_utc_name(name)) return icaltimezone_get_utc_timezone();
  if (!is_plausible_zoneinfo_name(name)) return nullptr;
  return icaltimezone_get_builtin_timezone(std::string(name).c_str());
}

// libical expands a VTIMEZONE's observance rules from their DTSTART up to
// the year asked for, one transition per rule instance: an hourly rule
// costs seconds, a minutely one hours and gigabytes. Real zones only change
// yearly, so a VTIMEZONE with any other rule is not used (the TZID is then
// looked up by name like any other).
bool has_only_yearly_rules(icaltimezone* zone) {
  icalcomponent* vtimezone = icaltimezone_get_component(zone);
  if (vtimezone == nullptr) return false;
  for (icalcomponent* observance = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT);
       observance != nullptr;
       observance = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)) {
    for (icalproperty* p = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY);
         p != nullptr; p = icalcomponent_get_next_property(observance, ICAL_RRULE_PROPERTY)) {
      icalvalue* value = icalproperty_get_value(p);
      if (value == nullptr || icalvalue_isa(value) != ICAL_RECUR_VALUE ||
          icalvalue_get_recur(value).freq != ICAL_YEARLY_RECURRENCE) {
        return false;
      }
    }
  }
  return true;
}

bool valid_civil(const icaltimetype& v) noexcept {
  if (v.year < 1 || v.year > 9999 || v.month < 1 || v.month > 12 || v.day < 1 || v.day > 31) {
    return false;
  }
  if (v.is_date) return true;
  return v.hour >= 0 && v.hour <= 23 && v.minute >= 0 && v.minute <= 59 && v.second >= 0 &&
         v.second <= 60;
}

}  // namespace

CivilDateTime civil_from_ical(const icaltimetype& value) noexcept {
  CivilDateTime out;
  out.date = CivilDate{value.year, value.month, value.day};
  if (!value.is_date) {
    out.hour = value.hour;
    out.minute = value.minute;
    out.second = value.second;
  }
  return out;
}

icaltimezone* ZoneResolver::resolve(std::string_view tzid) {
  if (auto it = cache_.find(tzid); it != cache_.end()) return it->second;
  std::string key(tzid);
  icaltimezone* zone = lookup_uncached(key);
  cache_.emplace(std::move(key), zone);
  return zone;
}

icaltimezone* ZoneResolver::lookup_uncached(const std::string& tzid) {
  // 1. A VTIMEZONE in the resource is authoritative (RFC 5545 3.6.5).
  if (vcalendar_ != nullptr && !tzid.empty()) {
    icaltimezone* zone = icalcomponent_get_timezone(vcalendar_, tzid.c_str());
    if (zone != nullptr && has_only_yearly_rules(zone)) {
      // The same definition from another resource, already worked out.
      if (icaltimezone* shared = shared_zone(icaltimezone_get_component(zone))) return shared;
      return zone;
    }
  }
  const std::string_view name = trim_blanks(tzid);
  if (name.empty()) return nullptr;

  // 2. An IANA name known to the system zoneinfo.
  if (icaltimezone* zone = builtin_zone(name)) return zone;

  // 3. A Windows zone name (Outlook, Exchange).
  if (auto iana = windows_zone_to_iana(name)) {
    if (icaltimezone* zone = builtin_zone(*iana)) return zone;
  }

  // 4. An IANA name behind a globally unique prefix, e.g.
  //    "/freeassociation.sourceforge.net/Europe/Berlin" or
  //    "/mozilla.org/20050126_1/America/New_York": try each tail that still
  //    has an Area/Location shape.
  for (std::size_t slash = name.find('/'); slash != std::string_view::npos;
       slash = name.find('/', slash + 1)) {
    const std::string_view tail = name.substr(slash + 1);
    if (tail.find('/') == std::string_view::npos) break;
    if (icaltimezone* zone = builtin_zone(tail)) return zone;
  }
  return nullptr;
}

UnixSeconds ZoneResolver::to_utc(const CivilDateTime& wall, icaltimezone* zone) {
  const std::int64_t local = wall_seconds(wall);
  if (zone == nullptr) return local;
  icaltimetype tt = icaltime_null_time();
  tt.year = wall.date.year;
  tt.month = wall.date.month;
  tt.day = wall.date.day;
  tt.hour = wall.hour;
  tt.minute = wall.minute;
  tt.second = wall.second;
  tt.is_date = 0;
  int is_daylight = 0;
  const int offset = icaltimezone_get_utc_offset(zone, &tt, &is_daylight);
  return local - offset;
}

ResolvedTime ZoneResolver::make(const CivilDateTime& wall, bool is_date, icaltimezone* zone) {
  ResolvedTime out;
  out.wall = wall;
  out.is_date = is_date;
  if (is_date) {
    out.wall.hour = out.wall.minute = out.wall.second = 0;
    out.utc = days_from_civil(out.wall.date) * 86400;
    return out;
  }
  out.zone = zone;
  out.utc = to_utc(out.wall, zone);
  return out;
}

std::optional<ResolvedTime> ZoneResolver::read(icalproperty* property) {
  icalvalue* value = property != nullptr ? icalproperty_get_value(property) : nullptr;
  if (value == nullptr) return std::nullopt;
  const icalvalue_kind kind = icalvalue_isa(value);
  if (kind == ICAL_DATE_VALUE) return read(property, icalvalue_get_date(value));
  if (kind == ICAL_DATETIME_VALUE) return read(property, icalvalue_get_datetime(value));
  return std::nullopt;
}

std::optional<ResolvedTime> ZoneResolver::read(icalproperty* property, const icaltimetype& value) {
  if (icaltime_is_null_time(value) || !valid_civil(value)) return std::nullopt;
  icaltimezone* zone = nullptr;
  if (!value.is_date && !icaltime_is_utc(value) && property != nullptr) {
    if (icalparameter* param = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)) {
      if (const char* tzid = icalparameter_get_tzid(param)) zone = resolve(tzid);
    }
  }
  return make(civil_from_ical(value), value.is_date != 0, zone);
}

}  // namespace kith::calendar::detail

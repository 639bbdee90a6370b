#include "sync/CalendarDiscovery.h"

#include <algorithm>

#include "dav/xml/DavProtocol.h"

namespace kith::caldav {
namespace {

// Calendars that say they hold no events (task lists, journals) are not read.
bool holds_events(const dav::DavResponse& listed) {
  const auto& comps = listed.supported_components;
  return comps.empty() || std::find(comps.begin(), comps.end(), "VEVENT") != comps.end();
}

}  // namespace

Result<std::vector<dav::DavCollection>> discover_calendars(dav::HttpClient& http, const CalDavSettings& settings) {
  const dav::DavAccount account{settings.connection.url, settings.connection.username, settings.signs_in_with_token};
  return dav::discover_collections(http, account, dav::kCalDavProtocol, holds_events);
}

std::vector<dav::DavCollection> select_calendars(const std::vector<dav::DavCollection>& all,
                                                 const CalDavSettings& settings) {
  return dav::select_collections(all, settings.calendars, settings.exclude_calendars);
}

}  // namespace kith::caldav

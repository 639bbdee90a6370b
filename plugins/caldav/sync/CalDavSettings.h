// The caldav provider's settings, read once from the account.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dav/transport/AccountHttpOptions.h"
#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::caldav {

struct CalDavSettings {
  // url (a bare host URL is enough: discovery finds the calendars),
  // username, TLS, trusted_hosts (hosts besides the url's that may get the
  // credentials), timeout.
  dav::DavConnection connection;
  std::vector<std::string> calendars;          // names or paths; empty: every event calendar
  std::vector<std::string> exclude_calendars;
  int horizon_days = 365;
  std::size_t multiget_size = 100;
  // Events stored per commit as a listing or a query brings them (a
  // multiget's answer is one commit): a commit costs the store a write of
  // every page the batch touched, so fewer larger ones cost less, and the
  // batches in memory (two at most, see StoreBatchSink) grow with it.
  std::size_t batch_size = 500;
  // A listing longer than this is refused: what one sync keeps in memory
  // (hrefs, etags) is bounded by it, not by what the server sends.
  std::size_t max_calendar_members = 200000;
  bool use_sync_token = true;  // false forces the getctag + etag listing path
  bool listing_data = true;    // sync-collection with calendar-data (false: etags, then multiget)
  bool first_sync_query = true;  // CalendarSync::first_sync_by_query
  bool signs_in_with_token = false;  // oauth_token_* rather than a password, for messages

  // Throws std::invalid_argument with a message naming the setting.
  static CalDavSettings from(const ProviderContext& context);
};

extern const SettingSpec kCalDavSettingSpecs[17];

}  // namespace kith::caldav

#include "sync/CalDavSettings.h"

#include "kith/kit/Settings.h"

namespace kith::caldav {

const SettingSpec kCalDavSettingSpecs[17] = {
    {"url", SettingType::String, "server or calendar address: https://host/... (http:// only for loopback hosts)"},
    {"username", SettingType::String, "login name; counts as an owner identity when it is an address"},
    {"password", SettingType::Secret, "the login password"},
    {"oauth_token", SettingType::Secret, "an OAuth2 access token (Bearer), instead of a password"},
    {"tls_verify", SettingType::Boolean, "check the server's TLS certificate", "true"},
    {"ca_file", SettingType::Path, "PEM file with the certificate(s) to trust for this server"},
    {"calendars", SettingType::StringList, "calendars to sync, by display name or path (default: all with events)"},
    {"exclude_calendars", SettingType::StringList, "calendars to skip, by display name or path"},
    {"horizon_days", SettingType::Integer, "expand recurring events this many days ahead", "365", 0, 3650},
    {"multiget_size", SettingType::Integer, "events per calendar-multiget request", "100", 1, 1000},
    {"batch_size", SettingType::Integer, "events stored per commit as a listing or calendar-query brings them", "500", 1,
     100000},
    {"max_calendar_members", SettingType::Integer, "most events one calendar may list; a longer listing is refused",
     "200000", 1, 100000000},
    {"use_sync_token", SettingType::Boolean, "use RFC 6578 sync-collection when offered", "true"},
    {"listing_data", SettingType::Boolean,
     "ask sync-collection for each event's data too, so that the listing is the fetch (false: etags, then multiget)",
     "true"},
    {"first_sync_query", SettingType::Boolean,
     "a first sync reads every event by one calendar-query while the calendar is listed (false: the listing first)",
     "true"},
    {"timeout_seconds", SettingType::Integer, "seconds one request may take", "120", 1, 86400},
    {"trusted_hosts", SettingType::StringList,
     "further hosts the server may send you to that get your credentials (over https; see README, Security)"},
};

namespace {

// Ranges and defaults are declared above; the engine has checked them.
std::int64_t integer(const AccountSettings& s, const char* key) {
  return kit::integer_setting(s, kCalDavSettingSpecs, key);
}

}  // namespace

CalDavSettings CalDavSettings::from(const ProviderContext& context) {
  const auto& s = context.settings();
  CalDavSettings out;
  out.connection = dav::read_connection(s, kCalDavSettingSpecs);
  out.calendars = s.get_string_list("calendars").value_or(std::vector<std::string>{});
  out.exclude_calendars = s.get_string_list("exclude_calendars").value_or(std::vector<std::string>{});
  out.horizon_days = static_cast<int>(integer(s, "horizon_days"));
  out.multiget_size = static_cast<std::size_t>(integer(s, "multiget_size"));
  out.batch_size = static_cast<std::size_t>(integer(s, "batch_size"));
  out.max_calendar_members = static_cast<std::size_t>(integer(s, "max_calendar_members"));
  out.use_sync_token = kit::bool_setting(s, kCalDavSettingSpecs, "use_sync_token");
  out.listing_data = kit::bool_setting(s, kCalDavSettingSpecs, "listing_data");
  out.first_sync_query = kit::bool_setting(s, kCalDavSettingSpecs, "first_sync_query");
  out.signs_in_with_token = context.secrets().has("oauth_token");
  return out;
}

}  // namespace kith::caldav

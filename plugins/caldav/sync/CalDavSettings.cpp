#include "sync/CalDavSettings.h"

#include <stdexcept>

namespace kith::caldav {

const SettingSpec kCalDavSettingSpecs[10] = {
    {"tls_verify", SettingType::Boolean, "check the server's TLS certificate (default true)"},
    {"ca_file", SettingType::Path, "PEM file with the certificate(s) to trust for this server"},
    {"calendars", SettingType::StringList, "calendars to sync, by display name or path (default: all with events)"},
    {"exclude_calendars", SettingType::StringList, "calendars to skip, by display name or path"},
    {"horizon_days", SettingType::Integer, "expand recurring events this many days ahead (default 365)"},
    {"multiget_size", SettingType::Integer, "events per calendar-multiget request (default 100)"},
    {"max_calendar_members", SettingType::Integer,
     "most events one calendar may list; a longer listing is refused (default 200000)"},
    {"use_sync_token", SettingType::Boolean, "use RFC 6578 sync-collection when offered (default true)"},
    {"timeout_seconds", SettingType::Integer, "seconds one request may take (default 120)"},
    {"trusted_hosts", SettingType::StringList,
     "further hosts the server may send you to that get your credentials (over https; see README, Security)"},
};

namespace {

std::int64_t bounded(const AccountSettings& s, const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const auto value = s.get_integer(key);
  if (!value) return fallback;
  if (*value < min || *value > max)
    throw std::invalid_argument(std::string(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  return *value;
}

}  // namespace

CalDavSettings CalDavSettings::from(const ProviderContext& context) {
  const auto& s = context.settings();
  CalDavSettings out;
  out.url = s.get_string("url").value_or("");
  if (out.url.rfind("https://", 0) != 0 && out.url.rfind("http://", 0) != 0)
    throw std::invalid_argument("'url' must be an http:// or https:// address, not '" + out.url + "'");
  out.username = s.get_string("username").value_or("");
  out.tls_verify = s.get_bool("tls_verify").value_or(true);
  out.ca_file = s.get_string("ca_file");
  out.calendars = s.get_string_list("calendars").value_or(std::vector<std::string>{});
  out.exclude_calendars = s.get_string_list("exclude_calendars").value_or(std::vector<std::string>{});
  out.trusted_hosts = s.get_string_list("trusted_hosts").value_or(std::vector<std::string>{});
  out.horizon_days = static_cast<int>(bounded(s, "horizon_days", 365, 0, 3650));
  out.multiget_size = static_cast<std::size_t>(bounded(s, "multiget_size", 100, 1, 1000));
  out.max_calendar_members =
      static_cast<std::size_t>(bounded(s, "max_calendar_members", 200000, 1, 100000000));
  out.use_sync_token = s.get_bool("use_sync_token").value_or(true);
  out.timeout = std::chrono::seconds(bounded(s, "timeout_seconds", 120, 1, 86400));
  out.signs_in_with_token = context.secrets().has("oauth_token");
  return out;
}

}  // namespace kith::caldav

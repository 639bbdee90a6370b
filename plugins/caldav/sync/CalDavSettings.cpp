#include "sync/CalDavSettings.h"

#include <filesystem>
#include <stdexcept>

#include "kith/kit/Settings.h"

namespace kith::caldav {

const SettingSpec kCalDavSettingSpecs[14] = {
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
    {"max_calendar_members", SettingType::Integer, "most events one calendar may list; a longer listing is refused",
     "200000", 1, 100000000},
    {"use_sync_token", SettingType::Boolean, "use RFC 6578 sync-collection when offered", "true"},
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
  out.url = s.get_string("url").value_or("");
  if (out.url.rfind("https://", 0) != 0 && out.url.rfind("http://", 0) != 0)
    throw std::invalid_argument("'url' must be an http:// or https:// address, not '" + out.url + "'");
  out.username = s.get_string("username").value_or("");
  out.tls_verify = kit::bool_setting(s, kCalDavSettingSpecs, "tls_verify");
  out.ca_file = s.get_string("ca_file");
  // Named but missing is a mistake to report, even where TLS would not use it.
  if (std::error_code ec; out.ca_file && !std::filesystem::is_regular_file(*out.ca_file, ec))
    throw std::invalid_argument("ca_file '" + *out.ca_file + "' cannot be read");
  out.calendars = s.get_string_list("calendars").value_or(std::vector<std::string>{});
  out.exclude_calendars = s.get_string_list("exclude_calendars").value_or(std::vector<std::string>{});
  out.trusted_hosts = s.get_string_list("trusted_hosts").value_or(std::vector<std::string>{});
  out.horizon_days = static_cast<int>(integer(s, "horizon_days"));
  out.multiget_size = static_cast<std::size_t>(integer(s, "multiget_size"));
  out.max_calendar_members = static_cast<std::size_t>(integer(s, "max_calendar_members"));
  out.use_sync_token = kit::bool_setting(s, kCalDavSettingSpecs, "use_sync_token");
  out.timeout = std::chrono::seconds(integer(s, "timeout_seconds"));
  out.signs_in_with_token = context.secrets().has("oauth_token");
  return out;
}

}  // namespace kith::caldav

#include "sync/CardDavSettings.h"

#include "kith/kit/Settings.h"

namespace kith::carddav {

const SettingSpec kCardDavSettingSpecs[16] = {
    {"url", SettingType::String, "server or address book address: https://host/... (http:// only for loopback hosts)"},
    {"username", SettingType::String, "login name"},
    {"password", SettingType::Secret, "the login password"},
    {"oauth_token", SettingType::Secret, "an OAuth2 access token (Bearer), instead of a password"},
    {"tls_verify", SettingType::Boolean, "check the server's TLS certificate", "true"},
    {"ca_file", SettingType::Path, "PEM file with the certificate(s) to trust for this server"},
    {"addressbooks", SettingType::StringList, "address books to sync, by display name or path (default: all)"},
    {"exclude_addressbooks", SettingType::StringList, "address books to skip, by display name or path"},
    {"multiget_size", SettingType::Integer, "cards per addressbook-multiget request", "100", 1, 1000},
    {"batch_size", SettingType::Integer, "cards stored per commit as a listing or addressbook-query brings them", "500",
     1, 100000},
    {"max_addressbook_members", SettingType::Integer,
     "most cards one address book may list; a longer listing is refused", "100000", 1, 10000000},
    {"use_sync_token", SettingType::Boolean, "use RFC 6578 sync-collection when offered", "true"},
    {"listing_data", SettingType::Boolean,
     "ask sync-collection for each card's data too, so that the listing is the fetch (false: etags, then multiget)",
     "true"},
    {"first_sync_query", SettingType::Boolean,
     "an address book's first sync reads every card by one addressbook-query while it is listed (false: the listing first)",
     "true"},
    {"timeout_seconds", SettingType::Integer, "seconds one request may take", "120", 1, 86400},
    {"trusted_hosts", SettingType::StringList,
     "further hosts the server may send you to that get your credentials (over https; see README, Security)"},
};

namespace {

// Ranges and defaults are declared above; the engine has checked them.
std::int64_t integer(const AccountSettings& s, const char* key) {
  return kit::integer_setting(s, kCardDavSettingSpecs, key);
}

}  // namespace

CardDavSettings CardDavSettings::from(const ProviderContext& context) {
  const auto& s = context.settings();
  CardDavSettings out;
  out.connection = dav::read_connection(s, kCardDavSettingSpecs);
  out.addressbooks = s.get_string_list("addressbooks").value_or(std::vector<std::string>{});
  out.exclude_addressbooks = s.get_string_list("exclude_addressbooks").value_or(std::vector<std::string>{});
  out.multiget_size = static_cast<std::size_t>(integer(s, "multiget_size"));
  out.batch_size = static_cast<std::size_t>(integer(s, "batch_size"));
  out.max_addressbook_members = static_cast<std::size_t>(integer(s, "max_addressbook_members"));
  out.use_sync_token = kit::bool_setting(s, kCardDavSettingSpecs, "use_sync_token");
  out.listing_data = kit::bool_setting(s, kCardDavSettingSpecs, "listing_data");
  out.first_sync_query = kit::bool_setting(s, kCardDavSettingSpecs, "first_sync_query");
  out.signs_in_with_token = context.secrets().has("oauth_token");
  return out;
}

}  // namespace kith::carddav

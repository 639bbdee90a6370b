// The carddav provider's settings, read once from the account.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dav/transport/AccountHttpOptions.h"
#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::carddav {

struct CardDavSettings {
  // url (a bare host URL is enough: discovery finds the address books),
  // username, TLS, trusted_hosts, timeout: as the caldav provider reads them.
  dav::DavConnection connection;
  std::vector<std::string> addressbooks;          // names or paths; empty: every address book
  std::vector<std::string> exclude_addressbooks;
  std::size_t multiget_size = 100;
  // Cards stored per commit as a listing or a query brings them (a
  // multiget's answer is one commit); see CalDavSettings.h.
  std::size_t batch_size = 500;
  // A listing longer than this is refused: what one sync keeps in memory
  // (hrefs, etags) and in its cursor is bounded by it, not by the server.
  std::size_t max_addressbook_members = 100000;
  bool use_sync_token = true;  // false forces the getctag + etag listing path
  bool listing_data = true;    // sync-collection with address-data (false: etags, then multiget)
  bool first_sync_query = true;  // AddressBookSync::first_sync_by_query
  bool signs_in_with_token = false;  // oauth_token_* rather than a password, for messages

  // Throws std::invalid_argument with a message naming the setting.
  static CardDavSettings from(const ProviderContext& context);
};

extern const SettingSpec kCardDavSettingSpecs[16];

}  // namespace kith::carddav

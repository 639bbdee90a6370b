#include "sync/AddressBookDiscovery.h"

#include "dav/xml/DavProtocol.h"

namespace kith::carddav {

Result<std::vector<dav::DavCollection>> discover_addressbooks(dav::HttpClient& http, const CardDavSettings& settings) {
  const dav::DavAccount account{settings.connection.url, settings.connection.username, settings.signs_in_with_token};
  return dav::discover_collections(http, account, dav::kCardDavProtocol);
}

std::vector<dav::DavCollection> select_addressbooks(const std::vector<dav::DavCollection>& all,
                                                    const CardDavSettings& settings) {
  return dav::select_collections(all, settings.addressbooks, settings.exclude_addressbooks);
}

}  // namespace kith::carddav

#include "dav/xml/AddressBookRequests.h"

namespace kith::dav {

Expected<DavRequest> addressbook_query() noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    std::string body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">\n"
        "  <d:prop>\n"
        "    <d:getetag/>\n"
        "    <card:address-data/>\n"
        "  </d:prop>\n"
        "  <card:filter test=\"allof\"/>\n"
        "</card:addressbook-query>\n";
    return DavRequest{"REPORT", "1", std::move(body)};
  });
}

}  // namespace kith::dav

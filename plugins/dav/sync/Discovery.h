// From the URL the user gave (a bare host is enough) to the list of
// collections of one DAV protocol: the well-known URL when needed
// (/.well-known/caldav or /.well-known/carddav), current-user-principal, the
// home set (calendar-home-set or addressbook-home-set), then one PROPFIND of
// the home.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dav/transport/HttpClient.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavResponse.h"
#include "kith/Status.h"

namespace kith::dav {

// What discovery needs of an account's settings.
struct DavAccount {
  std::string url;  // a bare host URL is enough
  std::string username;
  bool signs_in_with_token = false;  // oauth_token_* rather than a password, for messages
};

struct DavCollection {
  std::string url;   // absolute, for requests
  std::string path;  // normalized href: the collection id and cursor key
  std::string displayname;
  // CS:getctag; not in the home listing (see propfind_collection_list), so
  // set only once the etag path has asked the collection itself.
  std::optional<std::string> ctag;
  // Whether DAV:supported-report-set lists sync-collection; nullopt when the
  // server does not report that property.
  std::optional<bool> sync_collection;
  // The protocol's listed_property as the home listing reported it: for
  // CalDAV the supported components, upper case ({"VEVENT", "VTODO"});
  // empty when the server did not say (any component may be stored).
  std::vector<std::string> components;
};

// Which collections of the protocol's type to keep, e.g. CalDAV's event
// calendars; null keeps them all.
using CollectionFilter = bool (*)(const DavResponse& listed);

// The account's home (calendar-home-set, addressbook-home-set) and what
// it holds.
struct DavHome {
  std::string url;  // absolute: where new collections are made
  std::vector<DavCollection> collections;  // the protocol's type, as `keep` kept them
  // The last path segment (percent-decoded) of every member of the home,
  // of any type: the names a new collection must not take.
  std::vector<std::string> member_names;
};

// Errors: Account for a refused login or a URL that leads to no principal
// of the protocol; Transient for server trouble.
Result<DavHome> discover_home(HttpClient& http, const DavAccount& account, const DavProtocol& protocol,
                              CollectionFilter keep = nullptr);

// discover_home's collections.
Result<std::vector<DavCollection>> discover_collections(HttpClient& http, const DavAccount& account,
                                                        const DavProtocol& protocol,
                                                        CollectionFilter keep = nullptr);

// `include` / `exclude` applied (an empty `include` keeps all): each entry
// matches a collection's display name, its path, or its last path segment.
std::vector<DavCollection> select_collections(const std::vector<DavCollection>& all,
                                              const std::vector<std::string>& include,
                                              const std::vector<std::string>& exclude);

}  // namespace kith::dav

// What tells CalDAV and CardDAV apart for the shared DAV code: the same
// discovery, listing and multiget, with these names in them. One constant
// per protocol; each provider passes its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dav/xml/DavResponse.h"

namespace kith::dav {

struct DavProtocol {
  std::string_view name;             // "CalDAV", for messages
  std::string_view collections;      // what its collections are, for messages: "calendars"
  std::string_view well_known_path;  // RFC 6764: "/.well-known/caldav"
  std::string_view ns;               // the protocol's XML namespace
  std::string_view prefix;           // its prefix in our request bodies: "c"
  std::string_view home_set;         // property of the principal naming the home
  std::string_view collection_type;  // resourcetype of a collection to sync
  std::string_view multiget;         // the REPORT that fetches members by href
  std::string_view data;             // the property holding a member's text
  // A property of the protocol's namespace the home listing asks for too
  // ("" for none): CalDAV needs the component set to skip task lists.
  std::string_view listed_property;
  // Where the multistatus reader (DavProperties.cpp) puts the home set and
  // the member's text, and the resourcetype flag.
  std::optional<std::string> DavResponse::*home_set_href;
  std::optional<std::string> DavResponse::*member_data;
  bool DavResponse::*is_collection_type;
};

inline constexpr DavProtocol kCalDavProtocol{
    "CalDAV", "calendars", "/.well-known/caldav", "urn:ietf:params:xml:ns:caldav", "c", "calendar-home-set", "calendar",
    "calendar-multiget", "calendar-data", "supported-calendar-component-set", &DavResponse::calendar_home_set_href,
    &DavResponse::calendar_data, &DavResponse::is_calendar};

inline constexpr DavProtocol kCardDavProtocol{
    "CardDAV", "address books", "/.well-known/carddav", "urn:ietf:params:xml:ns:carddav", "card", "addressbook-home-set", "addressbook",
    "addressbook-multiget", "address-data", "", &DavResponse::addressbook_home_set_href, &DavResponse::address_data,
    &DavResponse::is_addressbook};

}  // namespace kith::dav

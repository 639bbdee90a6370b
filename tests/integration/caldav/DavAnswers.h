// Pieces of the multistatus answers the scripted CalDAV servers of these
// tests send.
#pragma once

#include <string>

namespace kith::test::dav {

// The start of a multistatus with the DAV: ("d") and CalDAV ("c") prefixes;
// close it with "</d:multistatus>".
inline constexpr const char* kHead = R"(<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">)";
// The end of a status-200 propstat and of its response.
inline constexpr const char* kOk = "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";

// One response for `href` whose status-200 propstat holds `props`.
inline std::string response(const std::string& href, const std::string& props) {
  return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>" + props + "</d:prop>" + kOk;
}

}  // namespace kith::test::dav

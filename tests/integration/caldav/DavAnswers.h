// Pieces of the multistatus answers the scripted CalDAV servers of these
// tests send.
#pragma once

#include <cstddef>
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

// Event number `i`: UID e<i>, a meeting of me@example.com with
// person<i>@example.com on 1 March 2026.
inline std::string event(std::size_t i) {
  const std::string n = std::to_string(i);
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e" + n +
         "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\nSUMMARY:Meeting " + n +
         "\r\nORGANIZER:mailto:me@example.com\r\nATTENDEE;CN=Person " + n + ":mailto:person" + n +
         "@example.com\r\nATTENDEE:mailto:me@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

}  // namespace kith::test::dav

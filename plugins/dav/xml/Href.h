// DAV:href values: comparing them and turning them into request URLs.
//
// Servers send hrefs as absolute paths ("/dav/cal/"), occasionally as
// absolute URLs (iCloud's calendar-home-set) and with varying
// percent-encoding and trailing slashes, so two hrefs for one resource need
// not be byte-equal.
#pragma once

#include <string>
#include <string_view>

#include "dav/xml/DavXmlError.h"

namespace kith::dav {

// The comparison form of an href. Rules, in order:
//  1. surrounding whitespace is ignored and a "#fragment" dropped;
//  2. an absolute URL loses "scheme://authority", and an empty path becomes
//     "/" (comparisons are between hrefs of one server);
//  3. "." and ".." segments are removed (RFC 3986 5.2.4);
//  4. every valid %XX escape is decoded, %2F included; an invalid escape
//     stays as it is;
//  5. runs of '/' count as one ("/dav//cal" is "/dav/cal");
//  6. a trailing slash is dropped, except for the root "/": collections are
//     listed both with and without one.
// A query is kept. The result is for comparison and lookup only; request
// URLs come from resolve_href on the href as sent.
// Errors only when out of memory.
Expected<std::string> normalize_href(std::string_view href) noexcept;

// Whether two hrefs name the same resource under normalize_href. False when
// out of memory.
bool same_href(std::string_view a, std::string_view b) noexcept;

// The absolute URL `href` refers to when found in a response to a request for
// `base_url` (RFC 3986 5.2): an absolute href stands on its own, "/path"
// keeps the base's scheme and authority, "name" and "../name" are relative to
// the base's last '/'. Dot segments are removed, the fragment is dropped, and
// bytes a URL cannot carry raw (controls, space, non-ASCII, "<>\^`{|}) are
// percent-encoded, so the result can go on a request line; existing %XX
// escapes are kept. Used for discovery redirects and principal/home hrefs.
// InvalidArgument when `base_url` has no scheme and authority.
Expected<std::string> resolve_href(std::string_view base_url, std::string_view href) noexcept;

}  // namespace kith::dav

// The DAV:multistatus answer (RFC 4918 13) of PROPFIND and of the CalDAV,
// CardDAV and sync REPORTs, reduced to what the DAV providers read.
//
// Mapping rules:
//  - Elements are matched by namespace URI and local name; prefixes and
//    unknown elements are ignored, so any server's prefix style parses alike.
//  - Properties are taken from propstat blocks with status 200 only, merged
//    across blocks; a property reported twice keeps the last value. Names in
//    404 blocks are listed in `missing`; every block is also kept, by name
//    and status, in `propstats`.
//  - Token-like values (hrefs, ETags, ctag, sync tokens, dates, content type,
//    colour) are trimmed of surrounding whitespace; displayname and
//    calendar-data and address-data are kept exactly as sent (CDATA included).
//  - A response with several hrefs (RFC 4918 allows that with a
//    response-level status) becomes one DavResponse per href; a response
//    without an href is dropped, as there is nothing to attach it to.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dav/xml/DavXmlError.h"
#include "dav/xml/DavName.h"
#include "dav/xml/DavResponse.h"
#include "dav/xml/XmlLimits.h"

namespace kith::dav {

struct Multistatus {
  std::vector<DavResponse> responses;  // in document order
  // The top-level DAV:sync-token of a sync-collection answer: the token to
  // send next time.
  std::optional<std::string> sync_token;
};

// Parses a multistatus body and keeps every response. An Error for anything
// that is not well-formed XML with a DAV:multistatus document element
// (UnexpectedRoot when it is, e.g., a DAV:error body), that breaks `limits`,
// or that has more than limits.max_collected_responses responses. For small
// answers (discovery, one collection's properties); a calendar's listing or
// multiget goes through for_each_response. Never throws.
Expected<Multistatus> parse_multistatus(std::string_view xml, const XmlLimits& limits = {}) noexcept;

// What a streamed multistatus leaves once its responses have been handed over.
struct MultistatusEnd {
  std::optional<std::string> sync_token;  // as Multistatus::sync_token
  std::size_t responses = 0;              // how many went to the visitor
};

using ResponseVisitor = std::function<void(DavResponse&& response)>;

// Parses a multistatus body as a stream: `on_response` gets each response,
// in document order, as soon as its end tag is read, and its XML tree is
// freed before the next one is read. Memory is therefore what on_response
// keeps plus one response, however many responses a server sends.
// Same Errors as parse_multistatus except the response count. On an Error
// the responses already handed over belong to a bad answer: discard them.
// An exception from on_response stops the parse and becomes an Error.
// Never throws.
Expected<MultistatusEnd> for_each_response(std::string_view xml, const ResponseVisitor& on_response,
                                           const XmlLimits& limits = {}) noexcept;

// The response whose href names the same resource as `href` (see
// same_href), or null. For finding the collection itself in a Depth 1 answer.
const DavResponse* find_response(const Multistatus& multistatus, std::string_view href) noexcept;

}  // namespace kith::dav

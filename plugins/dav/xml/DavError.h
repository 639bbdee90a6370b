// DAV:error bodies (RFC 4918 16): the precondition or postcondition a
// server names when it refuses a request.
#pragma once

#include <string_view>
#include <vector>

#include "dav/xml/DavXmlError.h"
#include "dav/xml/DavName.h"
#include "dav/xml/XmlLimits.h"

namespace kith::dav {

// The condition elements inside a DAV:error document element, in document
// order, e.g. {DAV:}valid-sync-token. UnexpectedRoot when the body is XML
// but not a DAV:error. Never throws.
Expected<std::vector<DavName>> parse_dav_error(std::string_view xml, const XmlLimits& limits = {}) noexcept;

// Whether `body` is the RFC 6578 3.2 answer to a sync-collection whose token
// the server no longer accepts: a DAV:error holding DAV:valid-sync-token
// (sent with 403 or 409). The caller then drops the token and syncs from
// scratch. False for anything else, including unparseable bodies.
bool is_invalid_sync_token_error(std::string_view body, const XmlLimits& limits = {}) noexcept;

}  // namespace kith::dav

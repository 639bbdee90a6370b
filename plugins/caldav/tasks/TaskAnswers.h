// What a CalDAV server's answer to a task write (PUT, DELETE) or to
// MKCALENDAR means, as Kith's outcomes and errors. Messages name the
// status ("403 Forbidden") and what the answer's body says of it; the
// caller puts the list in front ("reminders calendar \"Kith\": ...").
#pragma once

#include <string>
#include <string_view>

#include "dav/transport/HttpClient.h"
#include "kith/Tasks.h"

namespace kith::caldav {

// A PUT's answer. 2xx: Written, `etag` = strong_etag of its ETag header
// (RFC 4791 5.3.4: a server that changed what it stored sends none, so
// the engine reads it back); but a 207 is a refusal in a multistatus
// (Xandikos answers invalid data so), an Item error. 412: Conflict. 404
// on an update: Missing. Errors otherwise, see write_failed.
Result<TaskWrite> put_outcome(const dav::HttpResponse& response, bool create, std::string_view name,
                              std::string& etag);

// A DELETE's answer. 2xx: Written (Radicale answers 200 with a
// multistatus saying 200), unless a 207 names a failure. 412: Conflict.
// 404: Missing.
Result<TaskWrite> remove_outcome(const dav::HttpResponse& response, std::string_view name);

// An ETag header value that can go back as If-Match: a strong entity tag,
// DQUOTE-delimited, as sent. "" for a weak one (W/"..."), an unquoted one
// or none.
std::string strong_etag(std::string_view header);

// "<method> of <name> answered <status>": Account for 401, Transient for
// 408, 429 and 5xx, Item otherwise.
Status write_failed(std::string_view method, std::string_view name, const dav::HttpResponse& response);

// The status and what the body says of it, for a refusal message: "403
// Forbidden", "409 Conflict: resource-must-be-null", "207 Multi-Status:
// 403 Forbidden, resource-must-be-null" (the body's DAV:error or the
// first failure in a multistatus).
std::string refusal_reason(const dav::HttpResponse& response);

}  // namespace kith::caldav

// Error values of the DAV XML layer.
//
// Server bytes are untrusted, so no public function of kith_dav_xml
// throws: a problem, including running out of memory, comes back as an Error
// inside an Expected<T>: the SDK's one Expected type, with an Error richer
// than a kith::Status (a code, a line).
#pragma once

#include <new>
#include <string>
#include <utility>
#include <variant>

#include "kith/Expected.h"

namespace kith::dav {

enum class ErrorCode {
  InvalidArgument,   // our own input cannot be used (bad base URL, text XML cannot carry)
  TooLarge,          // document over XmlLimits::max_bytes (nothing parsed) or max_elements
  TooDeep,           // element nesting over XmlLimits::max_depth
  TooManyAttributes,  // a start tag over XmlLimits::max_attributes; nothing was parsed
  DoctypeForbidden,  // a <!DOCTYPE> while XmlLimits::allow_doctype is false
  Malformed,         // not well-formed XML (libxml2's message is kept)
  UnexpectedRoot,    // well-formed, but not the document element we asked for
  OutOfMemory,
  Internal,          // any other exception caught at the API boundary
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  // For logs: English, with at most a short excerpt of server data.
  std::string message;
  // 1-based line of the problem in the parsed document; 0 when not applicable.
  int line = 0;
};

// For the catch blocks at the API boundary. Both messages fit std::string's
// small buffer, so reporting a failed allocation allocates nothing.
inline Error out_of_memory_error() noexcept { return Error{ErrorCode::OutOfMemory, "out of memory"}; }
inline Error internal_error() noexcept { return Error{ErrorCode::Internal, "internal error"}; }

// A value or the Error that explains why there is none: the SDK's one
// Expected type, with this layer's error (it knows a line and a code).
template <typename T>
using Expected = kith::Expected<T, Error>;

// Runs `body` behind a no-throw API function returning Expected<T>: any
// exception becomes out_of_memory_error() or internal_error().
template <typename T, typename Body>
Expected<T> at_api_boundary(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return out_of_memory_error();
  } catch (...) {
    return internal_error();
  }
}

}  // namespace kith::dav

// Error values of the CalDAV XML layer.
//
// Server bytes are untrusted, so no public function of kith_caldav_xml
// throws: a problem, including running out of memory, comes back as an Error
// inside an Expected<T>. The layer has no SDK dependency (it is linked into
// the plugin and tested on its own), hence its own small Expected rather than
// kith::Result.
#pragma once

#include <new>
#include <string>
#include <utility>
#include <variant>

namespace kith::caldav {

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

// A value or the Error that explains why there is none.
template <typename T>
class Expected;

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

template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}    // NOLINT: implicit on purpose
  Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit on purpose

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Precondition: has_value(). get_if, not get: no bad_variant_access path.
  T& value() & noexcept { return *std::get_if<0>(&state_); }
  const T& value() const& noexcept { return *std::get_if<0>(&state_); }
  T&& value() && noexcept { return std::move(*std::get_if<0>(&state_)); }
  T& operator*() & noexcept { return value(); }
  const T& operator*() const& noexcept { return value(); }
  T* operator->() noexcept { return &value(); }
  const T* operator->() const noexcept { return &value(); }

  // Precondition: !has_value().
  const Error& error() const& noexcept { return *std::get_if<1>(&state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace kith::caldav

// Error values of the IMAP protocol layer.
//
// Nothing in kith_imap_protocol throws out of a public function on bad
// input: the server's bytes are untrusted, and a malformed response must
// cost the session at most that one response. Problems come back as an
// Error inside an Expected<T> (or a failed state, for Framer). The entry
// points that see server bytes (Framer::feed, parse_response) report even
// allocation failure that way; the command builders, which only see our own
// small inputs, may let std::bad_alloc through like any std::string code.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace kith::imap {

struct Error {
  std::string message;  // for logs; English, no user data beyond a short excerpt
  // Where the problem was found: a byte offset into the response unit (parser),
  // into the stream since the last reset (framer), or 0 when not applicable.
  std::size_t offset = 0;
};

// A value or the Error that explains why there is none. Like the SDK's
// kith::Result, but with a byte offset and no dependency on the SDK.
template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}   // NOLINT: implicit by design
  Expected(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Precondition: has_value(). (std::get would throw otherwise.)
  T& value() & { return *std::get_if<0>(&v_); }
  const T& value() const& { return *std::get_if<0>(&v_); }
  T&& value() && { return std::move(*std::get_if<0>(&v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !has_value().
  const Error& error() const& { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace kith::imap

// The one value-or-error type of Kith: Expected<T, E> holds a T or the E
// that explains why there is none. The SDK's Result<T> is Expected<T,
// Status>; layers below the SDK's notion of a Status (the IMAP protocol,
// the CalDAV XML layer) use it with their own error struct, which carries
// what they know (a byte offset, a line) — one type, not one per layer.
// [[nodiscard]]: an ignored error is a bug.
#pragma once

#include <utility>
#include <variant>

namespace kith {

template <typename T, typename E>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Expected(E error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Precondition: has_value(). get_if, not get: no bad_variant_access path.
  T& value() & noexcept { return *std::get_if<0>(&v_); }
  const T& value() const& noexcept { return *std::get_if<0>(&v_); }
  T&& value() && noexcept { return std::move(*std::get_if<0>(&v_)); }
  T& operator*() & noexcept { return value(); }
  const T& operator*() const& noexcept { return value(); }
  T&& operator*() && noexcept { return std::move(*this).value(); }
  T* operator->() noexcept { return &value(); }
  const T* operator->() const noexcept { return &value(); }

  // Precondition: !has_value().
  const E& error() const& noexcept { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, E> v_;
};

}  // namespace kith

// Errors that cross the plugin boundary are values, never exceptions.
//
// A Status says how much is broken, because the engine reacts differently:
// an Item error skips one item, a Collection error skips one folder or
// calendar, an Account error stops the account until the user acts (wrong
// password, bad setting), a Transient error is retried later, Cancelled means
// the engine asked the provider to stop.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "kith/Expected.h"

namespace kith {

enum class ErrorKind : int {
  Ok = 0,
  Item,
  Collection,
  Account,
  Transient,
  Cancelled,
  Internal,  // a bug or broken invariant on our side; not retried blindly
};

// Human name for an ErrorKind, for logs and `kith status`.
inline const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Ok: return "ok";
    case ErrorKind::Item: return "item";
    case ErrorKind::Collection: return "collection";
    case ErrorKind::Account: return "account";
    case ErrorKind::Transient: return "transient";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Internal: return "internal";
  }
  return "unknown";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status ok() { return Status(); }
  static Status item(std::string msg) { return {ErrorKind::Item, std::move(msg)}; }
  static Status collection(std::string msg) { return {ErrorKind::Collection, std::move(msg)}; }
  static Status account(std::string msg) { return {ErrorKind::Account, std::move(msg)}; }
  static Status transient(std::string msg) { return {ErrorKind::Transient, std::move(msg)}; }
  static Status cancelled(std::string msg = "cancelled") { return {ErrorKind::Cancelled, std::move(msg)}; }
  static Status internal(std::string msg) { return {ErrorKind::Internal, std::move(msg)}; }

  Status(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  bool is_ok() const noexcept { return kind_ == ErrorKind::Ok; }
  explicit operator bool() const noexcept { return is_ok(); }
  ErrorKind kind() const noexcept { return kind_; }
  const std::string& message() const noexcept { return message_; }

  // The same error with `context` in front: "INBOX: connection reset".
  Status with_context(const std::string& context) const {
    if (is_ok()) return *this;
    return {kind_, context + ": " + message_};
  }

 private:
  ErrorKind kind_ = ErrorKind::Ok;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result : public Expected<T, Status> {
 public:
  using Expected<T, Status>::Expected;

  // The error; OK when a value is held.
  Status status() const { return this->has_value() ? Status() : this->error(); }
};

}  // namespace kith

// The no-throw boundary every Provider method needs: runs `body` and turns
// any exception into an Internal error naming the provider, so nothing
// ever crosses into the engine. Works for methods returning Status or
// Result<T> (both are built from a Status).
//
//   Status MyProvider::sync(const SyncState& s, BatchSink& sink) noexcept {
//     return kith::at_provider_boundary("myid", [&] { return sync_pass(s, sink); });
//   }
#pragma once

#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kith/Host.h"
#include "kith/Status.h"

namespace kith {

template <typename Body>
auto at_provider_boundary(std::string_view provider, Body&& body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Status::internal("out of memory");
  } catch (const std::exception& e) {
    try {
      return Status::internal(std::string(provider) + ": " + e.what());
    } catch (...) {
      return Status::internal("out of memory");
    }
  } catch (...) {
    return Status::internal("unknown exception in a provider");
  }
}

// The same, for a provider that honours cancellation: a failure while the
// context's cancellation is requested comes back as Cancelled, because a
// round trip cut short by the cancellation is the cancellation, not a
// server problem (the engine would otherwise back off and retry).
//
//   return kith::at_provider_boundary("myid", context.cancellation(), [&] { return sync_pass(s, sink); });
template <typename Body>
auto at_provider_boundary(std::string_view provider, const Cancellation& cancellation, Body&& body) noexcept
    -> decltype(body()) {
  using Returned = decltype(body());
  Returned result = at_provider_boundary(provider, std::forward<Body>(body));
  bool failed = false;
  ErrorKind kind = ErrorKind::Ok;
  if constexpr (std::is_same_v<Returned, Status>) {
    failed = !result.is_ok();
    kind = result.kind();
  } else {
    failed = !result.has_value();
    if (failed) kind = result.error().kind();
  }
  if (!failed || kind == ErrorKind::Cancelled || !cancellation.requested()) return result;
  try {
    std::string message;
    if constexpr (std::is_same_v<Returned, Status>)
      message = result.message();
    else
      message = result.error().message();
    return Returned(Status::cancelled("cancelled (" + message + ")"));
  } catch (...) {
    return Returned(Status(ErrorKind::Cancelled, {}));
  }
}

}  // namespace kith

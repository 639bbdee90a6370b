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

}  // namespace kith

// `kith accounts --check`: log in to an account and list what a sync would
// read, without touching the store.
#pragma once

#include "sync/WithProvider.h"

namespace kith::engine {

// Provider::check on a fresh provider instance. `supported` is false for
// plugins built before ABI 1.2 and for providers without a check.
Result<CheckReport> check_account(const ProviderEnvironment& env, const AccountConfig& account);

}  // namespace kith::engine

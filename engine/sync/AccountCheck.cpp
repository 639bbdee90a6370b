#include "sync/AccountCheck.h"

namespace kith::engine {

Result<CheckReport> check_account(const ProviderEnvironment& env, const AccountConfig& account) {
  return with_provider<CheckReport>(env, account, 0, CheckReport{}, [](Provider& provider) { return provider.check(); });
}

}  // namespace kith::engine

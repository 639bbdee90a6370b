// How long to wait before retrying an account after a transient failure:
// exponential, capped, with jitter so accounts that failed together do not
// retry together.
#pragma once

#include <chrono>
#include <random>

namespace kith::engine {

struct BackoffPolicy {
  std::chrono::seconds initial{30};
  std::chrono::seconds max{3600};
};

// The delay before attempt `failures` + 1 (failures >= 1): initial * 2^(failures-1),
// capped at max, then scaled by a factor in [0.5, 1.0] drawn from `rng`.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int failures, std::mt19937_64& rng);

// An interval with +-10% jitter, so accounts spread out over time.
std::chrono::milliseconds jittered(std::chrono::seconds interval, std::mt19937_64& rng);

}  // namespace kith::engine

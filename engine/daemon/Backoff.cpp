#include "daemon/Backoff.h"

#include <algorithm>

namespace kith::engine {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int failures, std::mt19937_64& rng) {
  using namespace std::chrono;
  const int doublings = std::clamp(failures - 1, 0, 30);
  const auto initial_ms = duration_cast<milliseconds>(policy.initial).count();
  const auto max_ms = duration_cast<milliseconds>(policy.max).count();
  long long delay = initial_ms;
  for (int i = 0; i < doublings && delay < max_ms; ++i) delay *= 2;
  delay = std::min<long long>(delay, max_ms);
  std::uniform_real_distribution<double> factor(0.5, 1.0);
  return milliseconds(static_cast<long long>(static_cast<double>(delay) * factor(rng)));
}

std::chrono::milliseconds jittered(std::chrono::seconds interval, std::mt19937_64& rng) {
  using namespace std::chrono;
  std::uniform_real_distribution<double> factor(0.9, 1.1);
  return milliseconds(static_cast<long long>(static_cast<double>(duration_cast<milliseconds>(interval).count()) * factor(rng)));
}

}  // namespace kith::engine

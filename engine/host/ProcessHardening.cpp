#include "host/ProcessHardening.h"

#include <sys/resource.h>

namespace kith::engine {

void disable_core_dumps() noexcept {
  const rlimit none{0, 0};
  (void)::setrlimit(RLIMIT_CORE, &none);
}

}  // namespace kith::engine

// Turns SIGINT/SIGTERM into a cancellation request that providers poll.
// A second signal of the same kind ends the process the default way.
#pragma once

#include "kith/Host.h"

namespace kith::engine {

class SignalCancellation final : public Cancellation {
 public:
  // Installs the handlers; only one instance may exist at a time.
  SignalCancellation();
  ~SignalCancellation();
  SignalCancellation(const SignalCancellation&) = delete;
  SignalCancellation& operator=(const SignalCancellation&) = delete;

  bool requested() const noexcept override;
};

}  // namespace kith::engine

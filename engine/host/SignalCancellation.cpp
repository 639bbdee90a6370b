#include "host/SignalCancellation.h"

#include <csignal>

namespace kith::engine {
namespace {

volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void on_stop_signal(int signo) {
  g_stop_requested = 1;
  // The next one is not caught: a user who presses Ctrl-C twice means it.
  std::signal(signo, SIG_DFL);
}

}  // namespace

SignalCancellation::SignalCancellation() {
  g_stop_requested = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

SignalCancellation::~SignalCancellation() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

bool SignalCancellation::requested() const noexcept { return g_stop_requested != 0; }

}  // namespace kith::engine

#include "cli/KithCli.h"
#include "host/ProcessHardening.h"

int main(int argc, char** argv) {
  kith::engine::disable_core_dumps();  // secrets are in memory during a sync
  return kith::engine::run_kith_cli(argc, argv);
}

#pragma once

namespace kith::engine {

// The whole `kith` command line; returns the exit code.
int run_kith_cli(int argc, char** argv);

}  // namespace kith::engine

#include "cli/KithCli.h"

int main(int argc, char** argv) { return kith::engine::run_kith_cli(argc, argv); }

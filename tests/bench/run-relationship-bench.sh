#!/usr/bin/env bash
# The relationship-query benchmark (tests/bench/README.md), on demand; never
# part of CI. Builds Kith in Release into build/bench and runs
# kith_relationship_bench with every argument passed through, e.g.
#   tests/bench/run-relationship-bench.sh                       # 50,000 people, 2,000,000 interactions
#   tests/bench/run-relationship-bench.sh --interactions 200000 # a quicker look
# The figures go to stdout (a table, then one JSON line), progress to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KITH_BENCH_BUILD_DIR:-$root/build/bench}"
"$root/tests/install-deps.sh"
echo "==> configure $build (Release)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=ON >/dev/null
echo "==> build kith_relationship_bench kith" >&2
cmake --build "$build" -j "$(nproc)" --target kith_relationship_bench kith >&2
echo "==> run" >&2
exec "$build/tests/bench/kith_relationship_bench" "$@"

#!/usr/bin/env bash
# The team benchmark (README.md, "A team's store"), on demand; never part of
# CI: a first sync by one kithd on SQLite, then by 1, 2 and 4 kithd workers
# sharing one PostgreSQL store. Builds Kith in Release into build/bench and
# runs kith_team_bench with every argument passed through, e.g.
#   tests/bench/run-team-bench.sh                     # 100,000 messages over 20 accounts
#   tests/bench/run-team-bench.sh --messages 10000    # a quicker look
# The figures go to stdout (a table, then one JSON line), progress to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KITH_BENCH_BUILD_DIR:-$root/build/bench}"
"$root/tests/install-deps.sh"
echo "==> configure $build (Release)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=ON >/dev/null
echo "==> build kith_team_bench kith kithd kith_provider_local" >&2
cmake --build "$build" -j "$(nproc)" --target kith_team_bench kith kithd kith_sample_provider >&2
echo "==> run" >&2
exec "$build/tests/bench/kith_team_bench" "$@"

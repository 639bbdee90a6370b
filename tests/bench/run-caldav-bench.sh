#!/usr/bin/env bash
# The CalDAV and CardDAV benchmark (tests/bench/README.md, "CalDAV"), on
# demand; never part of CI. Installs what it needs, builds Kith in Release
# into build/bench and runs kith_caldav_bench with every argument passed
# through, e.g.
#   tests/bench/run-caldav-bench.sh                      # Radicale and Xandikos, 500 and 2,000 events, with vdirsyncer
#   tests/bench/run-caldav-bench.sh --events 10000 --compare-events 2000
#   tests/bench/run-caldav-bench.sh --servers radicale --no-vdirsyncer   # Kith on Radicale only
#   tests/bench/run-caldav-bench.sh --addressbook        # CardDAV: address books of 500 and 2,000 cards
# The figures go to stdout (tables, then one JSON line), progress to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KITH_BENCH_BUILD_DIR:-$root/build/bench}"

# What the tests need (build dependencies, Radicale, Xandikos), plus the peer
# (vdirsyncer) and GNU time (a cross-check of the peak RSS the benchmark
# reads from wait4()).
"$root/tests/install-deps.sh" vdirsyncer time

echo "==> configure $build (Release)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=ON >/dev/null
echo "==> build kith_caldav_bench kith kith_caldav_provider kith_carddav_provider" >&2
cmake --build "$build" -j "$(nproc)" --target kith_caldav_bench kith kith_caldav_provider kith_carddav_provider >&2
echo "==> run" >&2
exec "$build/tests/bench/kith_caldav_bench" "$@"

#!/usr/bin/env bash
# The IMAP benchmark (tests/bench/README.md), on demand; never part of CI.
# Installs what it needs, builds Kith in Release into build/bench and runs
# kith_imap_bench with every argument passed through, e.g.
#   tests/bench/run-imap-bench.sh                    # 100,000 messages
#   tests/bench/run-imap-bench.sh --messages 10000   # a quicker look
# The figures go to stdout (tables, then one JSON line), progress to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KITH_BENCH_BUILD_DIR:-$root/build/bench}"

# What the tests need (build dependencies, Dovecot), plus the peers: mbsync
# and mu. (Times and peak RSS come from wait4(), not GNU time.)
"$root/tests/install-deps.sh" isync maildir-utils

echo "==> configure $build (Release)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=ON >/dev/null
echo "==> build kith_imap_bench kith kith_imap_provider" >&2
cmake --build "$build" -j "$(nproc)" --target kith_imap_bench kith kith_imap_provider >&2
echo "==> run" >&2
exec "$build/tests/bench/kith_imap_bench" "$@"

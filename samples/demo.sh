#!/usr/bin/env bash
# Installs dependencies, builds Kith, syncs the bundled sample mailbox and
# calendars into a SQLite file, and shows what Kith made of them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KITH_BUILD_DIR:-$root/build}/release"
db="${KITH_DEMO_DB:-$root/build/demo/history.db}"

"$root/tests/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"

kith=("$build/bin/kith" --config "$root/samples/kith.toml" --db "$db")
echo
echo "\$ kith sync"
"${kith[@]}" sync   # the sample holds one broken file on purpose: a warning, not a failure
echo
echo "\$ kith status"
"${kith[@]}" status
echo
echo "\$ kith contacts"
"${kith[@]}" contacts
echo
echo "\$ kith merge --suggest   # Dana Whitfield writes from two addresses"
"${kith[@]}" merge --suggest
echo
echo "\$ kith due               # [cadence] default = \"3m\" in samples/kith.toml"
"${kith[@]}" due
echo
echo "\$ kith drift"
"${kith[@]}" drift
echo
echo "That was the sample data. For your own mail and calendar:"
echo "  $build/bin/kith init                # asks for your addresses and servers"
echo "  $build/bin/kith accounts --check    # logs in and shows what a sync would read"
echo "  $build/bin/kith sync && $build/bin/kith contacts"
echo "  $build/bin/kith cadence PERSON 30d && $build/bin/kith due   # whom to write to this week"

#!/usr/bin/env bash
# Installs dependencies, builds Kith, syncs the bundled sample mailbox,
# calendars, address book and LinkedIn export into a SQLite file, and shows
# what Kith made of them.
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
echo "\$ kith show Dana          # two addresses, one person: her address-book card lists both"
"${kith[@]}" show Dana
echo
echo "\$ kith merge --suggest   # Lena's LinkedIn connection has no address; her mail does"
"${kith[@]}" merge --suggest
echo
echo "\$ kith milestones --as-of 2026-12-01   # birthdays, connection anniversaries, around the sample's dates"
"${kith[@]}" --as-of 2026-12-01 milestones
echo
echo "\$ kith followups --as-of 2026-11-26   # met at DevTools Summit 2026, not written to since"
"${kith[@]}" --as-of 2026-11-26 followups
echo
echo "\$ kith coffees --past 120d --as-of 2026-11-26   # video calls with one or two people, month by month"
"${kith[@]}" --as-of 2026-11-26 coffees --past 120d
echo
echo "\$ kith network           # by organization: cards and LinkedIn, else the mail domain"
"${kith[@]}" network
echo
echo "\$ kith due               # [cadence] default = \"3m\" in samples/kith.toml"
"${kith[@]}" due
echo
echo "\$ kith drift"
"${kith[@]}" drift
echo
echo "To see it in your browser (the web dashboard kithd serves; stop it with: kill %1):"
echo "  $build/bin/kithd --config $root/samples/kith.toml --db $db --http 127.0.0.1:8417 --as-of 2026-11-26 &"
echo "  $build/bin/kith --config $root/samples/kith.toml --db $db dashboard   # prints the link and opens it"
echo
echo "That was the sample data. For your own mail and calendar:"
echo "  $build/bin/kith init                # asks for your addresses and servers"
echo "  $build/bin/kith accounts --check    # logs in and shows what a sync would read"
echo "  $build/bin/kith sync && $build/bin/kith contacts"
echo "  $build/bin/kith cadence PERSON 30d && $build/bin/kith due   # whom to write to this week"

#!/usr/bin/env bash
# The dashboard's page-time benchmark (tests/bench/README.md), on demand;
# never part of CI. Builds the relationship benchmark's store (50,000
# people, 2,000,000 interactions by default; arguments pass through to
# kith_relationship_bench), serves it with `kithd --http`, and reads each
# page's server time (its Server-Timing header) over a warm-up and
# --runs N requests (default 9). Prints a table, then one JSON line.
#   tests/bench/run-dashboard-bench.sh
#   tests/bench/run-dashboard-bench.sh --interactions 200000 --people 5000   # a quicker look
#   tests/bench/run-dashboard-bench.sh --store DIR/history.db   # a store kept by kith_relationship_bench --keep
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KITH_BENCH_BUILD_DIR:-$root/build/bench}"
runs=9
store=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --store) store="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
"$root/tests/install-deps.sh" curl
echo "==> configure $build (Release)" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKITH_BUILD_TESTS=ON >/dev/null
echo "==> build kith_relationship_bench kith kithd" >&2
cmake --build "$build" -j "$(nproc)" --target kith_relationship_bench kith kithd >&2
work="$(mktemp -d -t kith-dashboard-bench.XXXXXX)"
kithd_pid=""
cleanup() { [ -n "$kithd_pid" ] && kill "$kithd_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "$store" ]; then
  echo "==> the store (kith_relationship_bench --keep)" >&2
  "$build/tests/bench/kith_relationship_bench" --work-dir "$work" --keep --runs 1 "${args[@]}" >"$work/relationship.txt"
  store="$(find "$work" -name history.db | head -1)"
fi
config="$(dirname "$store")/kith.toml"
[ -f "$store" ] || { echo "no store built" >&2; exit 1; }
"$build/bin/kithd" --config "$config" --db "$store" --http 127.0.0.1:0 --log-level warn 2>"$work/kithd.log" &
kithd_pid=$!
for _ in $(seq 200); do [ -f "$store.dashboard-link" ] && break; sleep 0.1; done
link="$(cat "$store.dashboard-link")"
origin="${link%%/?token=*}"
token="${link##*?token=}"
person="$("$build/bin/kith" --config "$config" --db "$store" --json show p1@d1.example | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
event="$("$build/bin/kith" --config "$config" --db "$store" --json events --past 3650d | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["id"] if d else "")')"
pages=(/ "/person/$person" /network /events /status /merge)
[ -n "$event" ] && pages+=("/event/$event")
echo "==> pages, $runs runs each after a warm-up" >&2
python3 - "$origin" "$token" "$runs" "${pages[@]}" <<'PY'
import json, statistics, subprocess, sys
origin, token, runs, pages = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
def page_ms(path):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-D", "-", "-H", "Authorization: Bearer " + token,
                          origin + path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.lower().startswith("server-timing:"):
            # "page;dur=412.3, kith;dur=380.1": the whole page, and its wait for `kith`
            return float(dict(m.strip().split(";dur=") for m in line.split(":", 1)[1].split(","))["page"])
    raise SystemExit("no Server-Timing on " + path + ":\n" + out)
results = {}
print(f"{'page':<28} {'median ms':>10} {'min ms':>10} {'max ms':>10}")
for p in pages:
    page_ms(p)
    t = [page_ms(p) for _ in range(runs)]
    label = p if not p.startswith(("/person/", "/event/")) else p.rsplit("/", 1)[0] + "/ID"
    results[label] = {"median_ms": round(statistics.median(t), 1), "min_ms": round(min(t), 1), "max_ms": round(max(t), 1)}
    print(f"{label:<28} {statistics.median(t):>10.1f} {min(t):>10.1f} {max(t):>10.1f}")
print(json.dumps(results))
PY

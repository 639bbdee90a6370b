#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (or until it finds a crash):
#   tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# TARGET: imap_response, mail_headers, icalendar, task, vcard, dav_multistatus, config, linkedin_csv.
# Builds with clang into build/fuzz (ASan + UBSan + libFuzzer), starts from
# the seed corpus tests/fuzz/corpus/TARGET (new inputs go to
# build/fuzz/corpus/TARGET, which is kept between runs) and writes any
# crash, leak, timeout (over 1 s per input) or out-of-memory input to
# tests/fuzz/crashers/TARGET/, where CI replays it from then on.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${1:?usage: tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
seconds="${2:?usage: tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
shift 2
case "$target" in
  imap_response|mail_headers|icalendar|task|vcard|dav_multistatus|config|linkedin_csv) ;;
  *) echo "unknown target '$target' (imap_response, mail_headers, icalendar, task, vcard, dav_multistatus, config, linkedin_csv)" >&2; exit 2 ;;
esac
"$root/tests/install-deps.sh" clang libclang-rt-14-dev
build="${KITH_BUILD_DIR:-$root/build}/fuzz"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKITH_FUZZ=ON \
  -DKITH_BUILD_SAMPLES=OFF >/dev/null
cmake --build "$build" --target "kith_fuzz_$target" -j "$(nproc)"
work="$build/corpus/$target"
crashers="$root/tests/fuzz/crashers/$target"
mkdir -p "$work" "$crashers"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
exec "$build/tests/fuzz/kith_fuzz_$target" "$work" "$root/tests/fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=262144 \
  -artifact_prefix="$crashers/" -print_final_stats=1 "$@"

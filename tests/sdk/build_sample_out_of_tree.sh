#!/usr/bin/env bash
# Proves the SDK is a complete, installable package: install Kith into a
# scratch prefix, build the sample provider as a project of its own against
# that prefix only, and have the installed kith load and use it.
#   build_sample_out_of_tree.sh BUILD_DIR SOURCE_DIR "EXTRA_CXX_FLAGS"
set -euo pipefail
build="$1"; source="$2"; flags="${3:-}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
test -f "$scratch/prefix/include/kith/Plugin.h"
test -f "$scratch/prefix/lib/cmake/KithSDK/KithSDKConfig.cmake"

cmake -S "$source/samples/maildir-vdir" -B "$scratch/local" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DCMAKE_MODULE_LINKER_FLAGS="$flags" >/dev/null
cmake --build "$scratch/local" --target kith_sample_provider >/dev/null
plugin="$scratch/local/kith_provider_local.so"
test -f "$plugin"

# Only the descriptor is exported.
exported="$(nm -D --defined-only "$plugin" | awk '{print $3}')"
[ "$exported" = "kith_provider_descriptor" ] || { echo "unexpected exports: $exported"; exit 1; }

# The installed kith finds the out-of-tree plugin first on KITH_PLUGIN_PATH.
kith="$scratch/prefix/bin/kith"
KITH_PLUGIN_PATH="$scratch/local" "$kith" plugins --json > "$scratch/plugins.json"
python3 - "$scratch/plugins.json" "$plugin" <<'PY'
import json, sys
plugins = json.load(open(sys.argv[1]))["plugins"]
local = [p for p in plugins if p["id"] == "local" and p["error"] is None]
assert local and local[0]["path"] == sys.argv[2], plugins
PY
cp -r "$source/samples/data" "$source/samples/kith.toml" "$scratch/"
KITH_PLUGIN_PATH="$scratch/local" "$kith" --config "$scratch/kith.toml" --db "$scratch/h.db" sync >/dev/null
count="$("$kith" --config "$scratch/kith.toml" --db "$scratch/h.db" contacts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
[ "$count" = "15" ] || { echo "expected 15 contacts (Dana once, joined by her card; three met at DevTools Summit; Noor and Lena's connection from LinkedIn), got $count"; exit 1; }
# The README's walk-through provider, built against the installed package
# with the kit, and its own ctest: the installed conformance suite
# (kith::provider_conformance from find_package(KithSDK)) on its data set.
cmake -S "$source/samples/mbox" -B "$scratch/mbox" -G Ninja \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS="$flags" -DCMAKE_MODULE_LINKER_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
cmake --build "$scratch/mbox" >/dev/null
lines="$(grep -cv '^[[:space:]]*$' "$source/samples/mbox/mbox_provider.cpp")"
[ "$lines" -lt 200 ] || { echo "the walk-through provider has $lines lines, not under 200"; exit 1; }
ctest --test-dir "$scratch/mbox" --output-on-failure | tee "$scratch/mbox-ctest.txt" | tail -3
grep -q "100% tests passed, 0 tests failed out of 1" "$scratch/mbox-ctest.txt"
grep -q "kith-provider-conformance" "$scratch/mbox/CTestTestfile.cmake" || { echo "not the installed suite"; exit 1; }
echo "out-of-tree sample provider built, loaded and synced; walk-through provider passes the installed conformance suite"

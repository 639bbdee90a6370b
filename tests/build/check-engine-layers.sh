#!/usr/bin/env bash
# Checks the engine's layering (engine/CMakeLists.txt): a source may include
# headers of its own layer and of the layers below it, never above. The
# build links each layer only with the layers below, so a call upward would
# also fail to link; this check also catches a header-only use.
#
#   check-engine-layers.sh SOURCE_DIR
set -euo pipefail
engine="$(cd "$1/engine" && pwd)"

# Directory -> layer rank; a file may include directories of rank <= its own.
declare -A rank=([util]=0 [extract]=1 [store]=2 [relate]=3 [config]=3 [host]=3 [plugin]=3 [sync]=3 [session]=3
                 [daemon]=4 [remind]=4 [dashboard]=4 [cli]=5 [apps]=6)
status=0
for dir in "${!rank[@]}"; do
  [ -d "$engine/$dir" ] || { echo "engine/$dir is missing; update $0" >&2; status=1; continue; }
done
for path in "$engine"/*/; do
  dir="$(basename "$path")"
  [ -n "${rank[$dir]+x}" ] || { echo "engine/$dir has no layer; add it to engine/CMakeLists.txt and $0" >&2; status=1; }
done
while IFS=: read -r file line text; do
  dir="${file#"$engine"/}"; dir="${dir%%/*}"
  included="$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^/"]+)\/.*/\1/' <<<"$text")"
  [ -n "${rank[$included]+x}" ] || continue  # the SDK (kith/...) or a third-party header
  if (( rank[$included] > rank[$dir] )); then
    echo "engine/${file#"$engine"/}:$line: layer '$dir' includes '$included', a layer above it" >&2
    status=1
  fi
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$engine" --include='*.cpp' --include='*.h')
[ "$status" -eq 0 ] && echo "engine layers: every include goes down or sideways"
exit "$status"

#!/usr/bin/env bash
# Checks that every file the configured build found on this machine (the
# libraries, headers, CMake packages and pkg-config modules of find_package,
# pkg_check_modules, find_path and find_library, and the tools) belongs to
# a Debian package that tests/install-deps.sh installs, directly or as a
# dependency. Without this, a build can pass on a machine where a package
# happened to be installed already and fail on a newcomer's fresh one.
#
#   check-install-deps.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
cache="$build/CMakeCache.txt"
[ -f "$cache" ] || { echo "no CMakeCache.txt in $build" >&2; exit 2; }

# The packages install-deps.sh names, and everything they depend on
# (Depends and Pre-Depends, every installed alternative, virtual packages
# through the installed packages that provide them).
declare -A provided_by closure
while read -r pkg provides; do
  [ -n "$provides" ] || continue
  IFS=',' read -ra names <<<"$provides"
  for n in "${names[@]}"; do
    n="${n%%(*}"; n="${n// /}"
    provided_by[$n]+=" $pkg"
  done
done < <(dpkg-query -W -f='${db:Status-Status} ${Package} ${Provides}\n' | awk '$1 == "installed" {$1 = ""; print}')

queue=()
while read -r p; do queue+=("$p"); done < <("$source_dir/tests/install-deps.sh" --list)
while [ ${#queue[@]} -gt 0 ]; do
  p="${queue[0]}"; queue=("${queue[@]:1}")
  p="${p%%:*}"
  [ -n "$p" ] && [ -z "${closure[$p]:-}" ] || continue
  closure[$p]=1
  for alt in ${provided_by[$p]:-}; do queue+=("$alt"); done
  deps="$(dpkg-query -W -f='${Depends}, ${Pre-Depends}' "$p" 2>/dev/null || true)"
  IFS=',|' read -ra items <<<"$deps"
  for d in "${items[@]}"; do
    d="${d%%(*}"; d="${d// /}"
    [ -n "$d" ] && queue+=("$d")
  done
done

# Every absolute path the cache recorded that exists outside the project
# and /usr/local, resolved through symlinks (update-alternatives links
# belong to no package).
failures=0
checked=0
while IFS= read -r line; do
  key="${line%%:*}"
  value="${line#*=}"
  case "$value" in /*) ;; *) continue ;; esac
  case "$value" in "$build"*|"$source_dir"*|/usr/local|/usr/local/*|/tmp/*) continue ;; esac
  # Found by CMake's own modules in passing, never used by the build.
  case "$key" in LIBXML2_XMLLINT_EXECUTABLE) continue ;; esac
  [ -e "$value" ] || continue
  real="$(realpath "$value")"
  owners="$(dpkg-query -S "$real" 2>/dev/null | head -n 1 | sed 's/: .*//' || true)"
  if [ -z "$owners" ]; then
    echo "FAIL $key = $value: no Debian package owns $real" >&2
    failures=$((failures + 1))
    continue
  fi
  ok=false
  IFS=',' read -ra owner_list <<<"$owners"
  for o in "${owner_list[@]}"; do
    o="${o// /}"; o="${o%%:*}"
    [ -n "${closure[$o]:-}" ] && ok=true
  done
  checked=$((checked + 1))
  if ! $ok; then
    echo "FAIL $key = $value: comes from '$owners', which tests/install-deps.sh does not install" >&2
    failures=$((failures + 1))
  fi
done < <(grep -E '^[A-Za-z_][A-Za-z0-9_.+-]*:(PATH|FILEPATH)=' "$cache")

echo "checked $checked paths the build found against ${#closure[@]} packages install-deps.sh brings in"
[ "$failures" -eq 0 ] || { echo "$failures path(s) come from packages tests/install-deps.sh does not install" >&2; exit 1; }

#!/usr/bin/env bash
# The man pages the build generated render without a groff warning, and say
# everything the programs say: every option of `kith --help`, of each
# `kith COMMAND --help` and of `kithd --help` is in kith(1) / kithd(8), and
# every key of every plugin in the build's plugin folder is in kith.toml(5).
#   check-man-pages.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
man="$build/man"
export KITH_PLUGIN_PATH="$build/lib/kith/plugins" XDG_CONFIG_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for page in kith.1 kithd.8 kith.toml.5; do
  [ -s "$man/$page" ] || { fail "$man/$page is missing"; continue; }
  warnings="$(groff -man -Tutf8 -ww -z "$man/$page" 2>&1)"
  [ -z "$warnings" ] || fail "$page: groff says: $warnings"
done

# Each page's troff source with \- turned back into -.
declare -A text
for page in kith.1 kithd.8 kith.toml.5; do text[$page]="$(sed 's/\\-/-/g' "$man/$page" 2>/dev/null || true)"; done

# Every long option a --help output names must be in the page.
check_help() {
  local page="$1"; shift
  local help
  help="$("$@" --help)"
  for option in $(grep -oE -- '--[a-z][a-z-]*' <<<"$help" | sort -u); do
    grep -qF -- "$option" <<<"${text[$page]}" || fail "$page lacks $option (from: $* --help)"
  done
}
check_help kith.1 "$build/bin/kith"
check_help kithd.8 "$build/bin/kithd"
commands="$("$build/bin/kith" --help | awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}')"
[ -n "$commands" ] || fail "kith --help lists no subcommands"
for command in $commands; do
  grep -qE "^\.SS \"kith $command( |\")" <<<"${text[kith.1]}" || fail "kith.1 has no section for 'kith $command'"
  check_help kith.1 "$build/bin/kith" "$command"
done

keys="$("$build/bin/kith" plugins --json | python3 -c '
import json, sys
for p in json.load(sys.stdin)["plugins"]:
    for s in p["settings"]:
        print(s["key"])')"
[ -n "$keys" ] || fail "no plugin settings found in $KITH_PLUGIN_PATH"
for key in $keys; do
  grep -qF "\\fB$key\\fR" <<<"${text[kith.toml.5]}" || fail "kith.toml.5 lacks the plugin key '$key'"
done

[ "$failures" -eq 0 ] || exit 1
echo "man pages render cleanly and cover $(wc -w <<<"$commands") commands and $(wc -w <<<"$keys") plugin keys"

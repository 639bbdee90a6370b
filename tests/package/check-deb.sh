#!/usr/bin/env bash
# Builds the Debian package from a build tree (cpack -G DEB) and proves it:
# the files it must hold are there, its dependencies are Debian's runtime
# packages, and the binaries it installs find their plugins and sync the
# sample data. By default the package is unpacked into a scratch root
# (dpkg-deb -x), which changes nothing on this machine; with --install it is
# installed for real with `apt-get install ./kith_*.deb` (for a fresh,
# throw-away Debian root) and the installed /usr/bin/kith is used.
#
#   check-deb.sh BUILD_DIR SOURCE_DIR [--install] [--keep DIR]
set -euo pipefail
build="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
shift 2
install=false
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=true ;;
    --keep) keep="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

(cd "$scratch" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) \
  || { cat "$scratch/cpack.log" >&2; echo "cpack failed" >&2; exit 1; }
deb="$(ls "$scratch"/out/kith_*.deb)"
[ -n "$keep" ] && cp "$deb" "$keep/"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

contents="$(dpkg-deb -c "$deb" | awk '{print $NF}')"
for path in ./usr/bin/kith ./usr/bin/kithd \
            ./usr/lib/kith/plugins/kith_provider_imap.so ./usr/lib/kith/plugins/kith_provider_caldav.so \
            ./usr/lib/kith/plugins/kith_provider_carddav.so ./usr/lib/kith/plugins/kith_provider_local.so \
            ./usr/lib/kith/plugins/kith_provider_linkedin.so \
            ./usr/lib/systemd/user/kithd.service \
            ./usr/share/man/man1/kith.1 ./usr/share/man/man8/kithd.8 ./usr/share/man/man5/kith.toml.5 \
            ./usr/include/kith/Plugin.h ./usr/include/kith/Provider.h \
            ./usr/lib/cmake/KithSDK/KithSDKConfig.cmake ./usr/lib/cmake/KithSDK/KithProvider.cmake; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
grep -q '^\./usr/local' <<<"$contents" && fail "the package installs into /usr/local"

depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for lib in libc6 libstdc++6 libcurl4 libical3 libsqlite3-0 libxml2 libmimetic0v5 libpsl5 ca-certificates; do
  tr ',' '\n' <<<"$depends" | awk '{print $1}' | grep -qxF "$lib" || fail "Depends lacks $lib"
done
grep -q -- '-dev' <<<"$depends" && fail "Depends names a -dev package: $depends"

if $install; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$deb" >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log" >&2; fail "apt-get install failed"; }
  root=""
else
  dpkg-deb -x "$deb" "$scratch/root"
  root="$scratch/root"
fi

unit="$root/usr/lib/systemd/user/kithd.service"
grep -qx 'ExecStart=/usr/bin/kithd --log-level info' "$unit" || fail "the unit does not start /usr/bin/kithd: $(grep ExecStart "$unit")"

# The installed binaries find the bundled plugins on their own.
kith="$root/usr/bin/kith"
export XDG_CONFIG_HOME="$scratch/xdg" XDG_DATA_HOME="$scratch/xdg-data"
unset KITH_PLUGIN_PATH
"$kith" plugins --json >"$scratch/plugins.json"
python3 - "$scratch/plugins.json" "$root/usr/lib/kith/plugins" <<'PY' || fail "kith plugins does not list the four bundled plugins"
import json, sys
plugins = json.load(open(sys.argv[1]))["plugins"]
found = {p["id"]: p["path"] for p in plugins if p["error"] is None}
assert set(found) >= {"imap", "caldav", "carddav", "linkedin", "local"}, plugins
assert all(found[i].startswith(sys.argv[2]) for i in ("imap", "caldav", "carddav", "linkedin", "local")), found
broken = [p for p in plugins if p["error"] is not None]
assert not broken, broken  # e.g. /usr/bin/ld.so, if the program's folder were searched
PY
"$root/usr/bin/kithd" --version >/dev/null || fail "kithd does not run"

cp -r "$source_dir/samples/data" "$source_dir/samples/kith.toml" "$scratch/"
"$kith" --config "$scratch/kith.toml" --db "$scratch/h.db" sync >"$scratch/sync.log" 2>&1 || true  # one broken sample file: a warning
count="$("$kith" --config "$scratch/kith.toml" --db "$scratch/h.db" contacts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
[ "$count" = "15" ] || { cat "$scratch/sync.log" >&2; fail "expected 15 contacts (Dana once, joined by her card; three met at DevTools Summit; Noor and Lena's connection from LinkedIn) from the sample data, got $count"; }

[ "$failures" -eq 0 ] || exit 1
echo "the package holds kith, kithd, 4 plugins, the unit, 3 man pages and the SDK; it $($install && echo installed || echo unpacked), listed its plugins and synced the sample data"

#!/usr/bin/env bash
# Installs the Debian 12 packages Kith needs to build, test and package,
# plus any package named as an argument (the benchmarks add their peers that
# way). Skips apt entirely when everything is already installed.
#
#   tests/install-deps.sh            install what is missing
#   tests/install-deps.sh --list     print the package list, one a line
#
# Every library the build looks for (find_package, pkg_check_modules,
# find_library) must come from a package listed here: the test
# Build.InstallDepsCoversTheBuild checks it against a configured build tree.
set -euo pipefail

list_only=false
if [ "${1:-}" = "--list" ]; then list_only=true; shift; fi

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # libraries the build finds
  libcurl4-openssl-dev libical-dev libmimetic-dev libboost-dev libsqlite3-dev
  libxml2-dev libgtest-dev libgmock-dev libcli11-dev nlohmann-json3-dev
  libtomlplusplus-dev libpsl-dev publicsuffix ca-certificates libunistring-dev
  libcsv-dev libzip-dev libpq-dev libcpp-httplib-dev
  # packaging (cpack -G DEB computes the runtime dependencies with dpkg-shlibdeps)
  # and checking the generated man pages
  dpkg-dev file groff-base
  # real servers for the integration tests
  dovecot-imapd openssl
  radicale xandikos
  postgresql
  # a real browser for the dashboard's tests (headless, driven over WebDriver)
  chromium chromium-driver
  "$@"
)

if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# apt and debconf are chatty; keep their output for when something fails.
log="$(mktemp -t kith-install-deps.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed (log above, also in $log)" >&2
  exit 1
fi
rm -f "$log"

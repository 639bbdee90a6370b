#!/usr/bin/env bash
# Installs the Debian 12 packages Kith needs to build and test, plus any
# package named as an argument (the benchmarks add their peers that way).
# Skips apt entirely when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libcurl4-openssl-dev libical-dev libmimetic-dev libboost-dev libsqlite3-dev
  libxml2-dev libgtest-dev libgmock-dev libcli11-dev nlohmann-json3-dev
  libtomlplusplus-dev
  dovecot-imapd openssl
  radicale xandikos
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Fetches a newer Pebble than Debian 12's 2.4.0 (which has neither ARI nor profiles) from Debian's
# unstable suite into .cache/pebble, without touching the system's apt sources, and prints that
# folder (usable as PEBBLE_HOME). Both binaries are static Go programs that run on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="$PWD/.cache/pebble"
if [ -x "$dest/usr/bin/pebble" ] && [ -x "$dest/usr/bin/pebble-challtestsrv" ]; then
    echo "$dest"; exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
    > "$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" -qq update >&2
(cd "$work" && apt-get "${apt_opts[@]}" -qq download pebble >&2)
mkdir -p "$dest"
dpkg -x "$work"/pebble_*.deb "$dest"
echo "$dest"

#!/usr/bin/env bash
# Installs what building and testing acmectl needs on Debian 12 and newer: a JDK 17,
# pebble and pebble-challtestsrv (the ACME test CA), openssl and curl, certbot, and a newer Pebble build in
# .cache/pebble for the ARI and profile tests. Does nothing when all are there.
set -euo pipefail
missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v pebble >/dev/null 2>&1 || missing+=(pebble)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl) # the DNS hook and notify tests call curl
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v kill >/dev/null 2>&1 && [ -x /bin/kill ] || missing+=(procps) # the crash tests signal child runs
command -v certbot >/dev/null 2>&1 || missing+=(certbot) # the import test makes a store with the real certbot
# BIND 9: the authoritative DNS server the RFC 2136 (dns-01) tests update and Pebble resolves through;
# nsupdate (bind9-dnsutils) for the example DNS hook.
[ -x /usr/sbin/named ] || command -v named >/dev/null 2>&1 || missing+=(bind9)
command -v nsupdate >/dev/null 2>&1 || missing+=(bind9-dnsutils)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd) # the unit files are checked with it
# dev/package-smoke.sh completes with the installed package in a real zsh.
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing with apt-get: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The tests of ARI and profiles need a newer Pebble than Debian 12's; it goes to .cache/pebble.
"$(dirname "$0")/newer-pebble.sh" >/dev/null || echo "warning: no newer Pebble: the ARI and profile tests will abort" >&2

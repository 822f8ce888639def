#!/usr/bin/env bash
# The quick start: builds acmectl, starts a throwaway Pebble (a local ACME test CA) on loopback, and
# issues a certificate from it with the built-in http-01 listener. No public domain is needed:
# Pebble's DNS (pebble-challtestsrv) resolves every name to 127.0.0.1. Everything lands in ./try-it/.
set -euo pipefail
cd "$(dirname "$0")"
dev/install-deps.sh
echo "Building acmectl..."
./mvnw -q -B -DskipTests package

. dev/pebble.sh
work="$PWD/try-it"
rm -rf "$work/pebble"
acme_port=$(pebble_free_port)
http_port=$(pebble_free_port)
pebble_start "$work/pebble" "$acme_port" "$http_port"
trap 'pebble_stop "$work/pebble"' EXIT

echo "Issuing a certificate from the Pebble at https://localhost:$acme_port/dir ..."
bin/acmectl --config-dir "$work/store" --server "https://localhost:$acme_port/dir" \
    --ca-bundle "$work/pebble/tls-ca.pem" "${pebble_check_options[@]}" \
    issue try-it.example.test www.try-it.example.test --standalone --http-address 127.0.0.1 \
    --http-port "$http_port" --agree-tos --email admin@example.com --force

live="$work/store/live/try-it.example.test"
echo
ls -l "$live/"
openssl x509 -in "$live/cert.pem" -noout -subject -issuer -enddate -ext subjectAltName
echo "The certificate, its key and chain are in $live (the store: $work/store)."

#!/usr/bin/env bash
# Records the classes acmectl loads in the runs that matter (register, issue, issue --all, renew with
# nothing due (first and again) and forced, certificates, revoke, help) against a local Pebble, into
# src/main/cds/classlist. './mvnw package' builds the class-data archive (target/acmectl.jsa) from
# that list, which every run of bin/acmectl maps in. Run it again after changes that load other
# classes; a class the list misses is still loaded, from the jar, only slower.
# Usage: bench/classlist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
if [ -z "${PEBBLE_HOME:-}" ] && [ -d .cache/pebble ]; then export PEBBLE_HOME=$PWD/.cache/pebble; fi
. dev/pebble.sh
pebble_start_temp
lists="$work/lists"
mkdir -p "$lists"
runs=0
record() { # record ARGS...: one run of acmectl, its classes in the next list
    runs=$((runs + 1))
    ACMECTL_CDS=off ACMECTL_JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$lists/$runs.classlist" \
        bin/acmectl --config-dir "$work/store" "${pebble_options[@]}" "$@" > /dev/null
}
{
    echo "defaults:"
    echo "  agree-tos: true"
    echo "  challenge: { standalone: { port: $http_port, address: 127.0.0.1 } }"
    echo "certificates:"
    for i in 1 2 3; do printf '  - name: w%d\n    domains: [w%d.classlist.example.test]\n' "$i" "$i"; done
} > "$work/want.yaml"
record --help
record --version
record servers
record register --agree-tos
record account show
record issue one.classlist.example.test --standalone --http-address 127.0.0.1 --http-port "$http_port"
record --want "$work/want.yaml" issue --all
record --want "$work/want.yaml" renew --all --no-random-sleep
record --want "$work/want.yaml" renew --all --no-random-sleep # the hourly run: answered from cache/not-due.json
record --want "$work/want.yaml" renew --all --force --no-random-sleep
record certificates
record revoke --cert-name one.classlist.example.test --yes
# One list, each class once, in the order first loaded (the JDK's own list format).
{
    echo "# The classes of bench/classlist.sh's runs, for the class-data archive that ./mvnw package builds."
    echo "# Written by bench/classlist.sh; do not edit."
    for i in $(seq 1 "$runs"); do grep -v '^#' "$lists/$i.classlist"; done | awk '!seen[$0]++'
} > src/main/cds/classlist
echo "src/main/cds/classlist: $(grep -vc '^[#@]' src/main/cds/classlist) classes from $runs runs"
./mvnw -q -B -DskipTests package # the archive, from the new list

#!/usr/bin/env bash
# The figures of issue 11, for acmectl and (when it is installed) certbot side by side, against one
# local Pebble (no validation sleep, no nonce rejection): median wall time, median CPU time (user +
# system) and peak RSS (/usr/bin/time's %M: the whole process, shared pages included) of RUNS runs. Where
# certbot runs too, its runs alternate with acmectl's, so that the ratio holds on a machine whose speed drifts.
#   issue 1 certificate (standalone http-01)           acmectl, certbot
#   renew --all, 10 certificates, none due              acmectl, certbot
#   renew --all, 1000 certificates, none due            acmectl
#   renew --all --force, 100 certificates (--parallel 4) acmectl, 3 runs
#   issue --all of 200 (--parallel 4): CPU s per certificate   acmectl, 1 run
# Usage: bench/compare.sh [RUNS]   (default 5); BENCH_CERTBOT=off leaves certbot out. Needs /usr/bin/time
# (Debian: time). About 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/acmectl.jar ] || ./mvnw -q -B -DskipTests package
[ -x /usr/bin/time ] || { echo "bench/compare.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
if [ -z "${PEBBLE_HOME:-}" ] && [ -d .cache/pebble ]; then export PEBBLE_HOME=$PWD/.cache/pebble; fi
. dev/pebble.sh
pebble_start_temp
export BENCH_TSV="$work/results.tsv"
measure() { python3 bench/measure.py "$@"; }
acmectl() { local dir=$1; shift; bin/acmectl --config-dir "$dir" "${pebble_options[@]}" "$@"; }
certbot_installed() { [ "${BENCH_CERTBOT:-on}" != off ] && command -v certbot > /dev/null; }
certbot_in() { # certbot_in DIR ARGS...: certbot with its folders under DIR, trusting Pebble
    local dir=$1; shift
    REQUESTS_CA_BUNDLE="$work/pebble/tls-ca.pem" certbot --config-dir "$dir/config" --work-dir "$dir/work" \
        --logs-dir "$dir/logs" --non-interactive --server "https://localhost:$acme_port/dir" "$@"
}
want_list() { # want_list FILE N PREFIX: N certificates, one name each
    {
        echo "defaults:"
        echo "  agree-tos: true"
        echo "  challenge: { standalone: { port: $http_port, address: 127.0.0.1 } }"
        echo "certificates:"
        for i in $(seq 1 "$2"); do printf '  - name: %s%d\n    domains: [%s%d.bench.example.test]\n' "$3" "$i" "$3" "$i"; done
    } > "$1"
}
fill() { # fill DIR N: an acmectl store with N certificates (not measured)
    mkdir -p "$1"
    want_list "$1/want.yaml" "$2" "n$2-"
    acmectl "$1" issue --all --parallel 8 > /dev/null
}
standalone=(--standalone --http-address 127.0.0.1 --http-port "$http_port")

echo "acmectl $(bin/acmectl --version | head -1); $(certbot_installed && certbot --version 2>&1 || echo 'certbot not installed')"
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each"
printf '%-44s %9s %11s %9s\n' "" "wall" "CPU" "peak RSS"

acmectl "$work/one" register --agree-tos > /dev/null
acmectl_issue=(bin/acmectl --config-dir "$work/one" "${pebble_options[@]}" issue "a{i}.one.example.test" "${standalone[@]}")
if certbot_installed; then
    certbot_in "$work/certbot-one" register --agree-tos --register-unsafely-without-email > /dev/null 2>&1
    measure "acmectl: issue 1 certificate" "$runs" "${acmectl_issue[@]}" \
        --versus "certbot: issue 1 certificate" env REQUESTS_CA_BUNDLE="$work/pebble/tls-ca.pem" certbot \
        --config-dir "$work/certbot-one/config" --work-dir "$work/certbot-one/work" --logs-dir "$work/certbot-one/logs" \
        --non-interactive --server "https://localhost:$acme_port/dir" certonly --standalone \
        --http-01-address 127.0.0.1 --http-01-port "$http_port" -d "c{i}.one.example.test"
else
    measure "acmectl: issue 1 certificate" "$runs" "${acmectl_issue[@]}"
fi

fill "$work/ten" 10
acmectl "$work/ten" renew --all --no-random-sleep > /dev/null # the first run fetches renewal info (ARI)
acmectl_ten=(bin/acmectl --config-dir "$work/ten" "${pebble_options[@]}" renew --all --no-random-sleep)
if certbot_installed; then
    certbot_in "$work/certbot-ten" register --agree-tos --register-unsafely-without-email > /dev/null 2>&1
    for i in $(seq 1 10); do
        certbot_in "$work/certbot-ten" certonly --standalone --http-01-address 127.0.0.1 --http-01-port "$http_port" \
            -d "c$i.ten.example.test" > /dev/null 2>&1
    done
    measure "acmectl: renew --all, 10, none due" "$runs" "${acmectl_ten[@]}" \
        --versus "certbot: renew, 10, none due" env REQUESTS_CA_BUNDLE="$work/pebble/tls-ca.pem" certbot \
        --config-dir "$work/certbot-ten/config" --work-dir "$work/certbot-ten/work" --logs-dir "$work/certbot-ten/logs" \
        --non-interactive renew --no-random-sleep-on-renew
else
    measure "acmectl: renew --all, 10, none due" "$runs" "${acmectl_ten[@]}"
fi

fill "$work/thousand" 1000
acmectl "$work/thousand" renew --all --no-random-sleep > /dev/null
measure "acmectl: renew --all, 1000, none due" "$runs" bin/acmectl --config-dir "$work/thousand" \
    "${pebble_options[@]}" renew --all --no-random-sleep

fill "$work/hundred" 100
measure "acmectl: renew --all --force, 100" 3 bin/acmectl --config-dir "$work/hundred" "${pebble_options[@]}" \
    renew --all --force --no-random-sleep

want_list "$work/two-hundred.yaml" 200 "t"
measure "acmectl: issue --all, 200" 1 bin/acmectl --config-dir "$work/two-hundred" --want "$work/two-hundred.yaml" \
    "${pebble_options[@]}" issue --all

echo
awk -F'\t' '
    { wall[$1] = $2; cpu[$1] = $3 }
    END {
        if ("certbot: issue 1 certificate" in wall)
            printf "issue 1 certificate: acmectl takes %.2f x certbot'"'"'s time\n", wall["acmectl: issue 1 certificate"] / wall["certbot: issue 1 certificate"]
        if ("certbot: renew, 10, none due" in wall)
            printf "renew --all, 10 none due: acmectl takes %.2f x certbot'"'"'s time\n", wall["acmectl: renew --all, 10, none due"] / wall["certbot: renew, 10, none due"]
        printf "issue --all of 200: %.1f ms of CPU per certificate\n", cpu["acmectl: issue --all, 200"] / 200 * 1000
    }' "$BENCH_TSV"

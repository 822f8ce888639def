#!/usr/bin/env bash
# Times 'acmectl renew --all' against a local Pebble (no validation sleep, no nonce rejection):
#  (a) when nothing is due, with 10, 100 and 1000 stored certificates;
#  (b) with --force (every certificate renewed), with 10 and 100.
# Prints medians of RUNS runs and the peak RSS. Usage: bench/renew.sh [RUNS]   (default 5)
# The stores are filled with 'issue --all' from a want list first; that is not measured.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/acmectl.jar ] || ./mvnw -q -B -DskipTests package
. dev/pebble.sh
pebble_start_temp

fill() { # fill N: a store with N certificates in $work/store-N
    local n=$1 dir="$work/store-$1"
    mkdir -p "$dir"
    {
        echo "defaults:"
        echo "  agree-tos: true"
        echo "  challenge: { standalone: { port: $http_port, address: 127.0.0.1 } }"
        echo "certificates:"
        for i in $(seq 1 "$n"); do printf '  - name: c%d\n    domains: [c%d.bench.example.test]\n' "$i" "$i"; done
    } > "$dir/want.yaml"
    bin/acmectl --config-dir "$dir" "${pebble_options[@]}" issue --all --parallel 8 > /dev/null
}

measure() { # measure LABEL RUNS N ARGS...: median wall time and peak RSS of RUNS runs
    python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys, time
label, runs, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
walls, rss = [], []
for _ in range(runs):
    start = time.perf_counter()
    done = subprocess.run(["bin/acmectl", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    walls.append(time.perf_counter() - start)
    rss.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    if done.returncode != 0:
        sys.exit(f"{label}: exit {done.returncode}\n{done.stdout[-2000:]}")
summary = done.stdout.strip().splitlines()[-1]
print(f"{label:34s} median {statistics.median(walls):7.3f} s  (min {min(walls):.3f}, max {max(walls):.3f}, "
      f"{runs} runs)  peak RSS {max(rss) / 1024:.0f} MiB  [{summary}]")
PY
}

for n in 10 100 1000; do
    fill "$n"
    global=(--config-dir "$work/store-$n" "${pebble_options[@]}")
    measure "renew --all, nothing due, N=$n (1st)" 1 "${global[@]}" renew --all --no-random-sleep
    measure "renew --all, nothing due, N=$n" "$runs" "${global[@]}" renew --all --no-random-sleep
done
for n in 10 100; do
    global=(--config-dir "$work/store-$n" "${pebble_options[@]}")
    measure "renew --all --force, N=$n" "$( [ "$n" -ge 100 ] && echo 3 || echo "$runs")" "${global[@]}" renew --all --force --no-random-sleep
done

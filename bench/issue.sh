#!/usr/bin/env bash
# Times 'acmectl issue' of one new certificate (ec256, standalone http-01) against a local Pebble
# (no validation sleep, no nonce rejection), RUNS times, and prints the median wall time and peak RSS.
# Usage: bench/issue.sh [RUNS]   (default 9)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
[ -f target/acmectl.jar ] || ./mvnw -q -B -DskipTests package
. dev/pebble.sh
pebble_start_temp
global=(--config-dir "$work/store" "${pebble_options[@]}")
bin/acmectl "${global[@]}" register --agree-tos >/dev/null   # the account is not what is measured

python3 - "$runs" "$http_port" "${global[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
runs, port, glob = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, rss = [], []
for i in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(["bin/acmectl", *glob, "issue", f"bench{i}.example.test", "--standalone",
                    "--http-address", "127.0.0.1", "--http-port", port], check=True, stdout=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
    rss.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"acmectl issue, {runs} runs: median {statistics.median(walls):.3f} s "
      f"(min {min(walls):.3f}, max {max(walls):.3f}); peak RSS {max(rss) / 1024:.0f} MiB")
PY

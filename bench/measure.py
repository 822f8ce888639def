#!/usr/bin/env python3
"""measure.py LABEL RUNS CMD...: runs CMD RUNS times under /usr/bin/time and prints one line: median wall
time, median CPU time (user + system), peak RSS (the largest of the runs), and the output's last line.
'{i}' in CMD becomes the run's number (a new certificate name per run). Exits non-zero if a run fails.
With BENCH_TSV set, also appends 'label, wall, cpu, rss' to that file."""
import os, statistics, subprocess, sys, tempfile

label, runs, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
walls, cpus, rss, last = [], [], [], ""
with tempfile.NamedTemporaryFile() as times:
    for i in range(runs):
        run = [arg.replace("{i}", str(i)) for arg in command]
        done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", times.name, *run],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            sys.exit(f"{label}: exit {done.returncode}\n{done.stdout[-2000:]}")
        wall, user, system, kib = open(times.name).read().split()[-4:]
        walls.append(float(wall)); cpus.append(float(user) + float(system)); rss.append(int(kib) / 1024)
        lines = done.stdout.strip().splitlines()
        last = lines[-1] if lines else ""
if os.environ.get("BENCH_TSV"):
    with open(os.environ["BENCH_TSV"], "a") as tsv:
        tsv.write(f"{label}\t{statistics.median(walls)}\t{statistics.median(cpus)}\t{max(rss)}\n")
print(f"{label:44s} {statistics.median(walls):7.2f} s {statistics.median(cpus):7.2f} s cpu "
      f"{max(rss):5.0f} MiB  ({runs} runs)  [{last[:70]}]", flush=True)

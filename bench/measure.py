#!/usr/bin/env python3
"""measure.py LABEL RUNS CMD... [--versus LABEL2 CMD2...]: runs CMD RUNS times under /usr/bin/time and prints
one line: median wall time, median CPU time (user + system), peak RSS (the largest of the runs), and the
output's last line. With --versus, CMD2 runs RUNS times too, each run right after one of CMD's, and gets a
line of its own: a machine whose speed drifts during the measurement moves both alike, so their ratio holds.
'{i}' in a command becomes the run's number (a new certificate name per run). Exits non-zero if a run fails.
With BENCH_TSV set, also appends 'label, wall, cpu, rss' to that file for each command."""
import os, statistics, subprocess, sys, tempfile


def run_once(label, command, i, times):
    run = [arg.replace("{i}", str(i)) for arg in command]
    done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", times, *run],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit(f"{label}: exit {done.returncode}\n{done.stdout[-2000:]}")
    wall, user, system, kib = open(times).read().split()[-4:]
    lines = done.stdout.strip().splitlines()
    return float(wall), float(user) + float(system), int(kib) / 1024, lines[-1] if lines else ""


def report(label, results, runs):
    walls, cpus, rss = [r[0] for r in results], [r[1] for r in results], [r[2] for r in results]
    last = results[-1][3]
    if os.environ.get("BENCH_TSV"):
        with open(os.environ["BENCH_TSV"], "a") as tsv:
            tsv.write(f"{label}\t{statistics.median(walls)}\t{statistics.median(cpus)}\t{max(rss)}\n")
    print(f"{label:44s} {statistics.median(walls):7.2f} s {statistics.median(cpus):7.2f} s cpu "
          f"{max(rss):5.0f} MiB  ({runs} runs)  [{last[:70]}]", flush=True)


label, runs, rest = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
versus = rest.index("--versus") if "--versus" in rest else None
measured = [(label, rest if versus is None else rest[:versus])]
if versus is not None:
    measured.append((rest[versus + 1], rest[versus + 2:]))
results = [[] for _ in measured]
with tempfile.NamedTemporaryFile() as times:
    for i in range(runs):
        for (name, command), found in zip(measured, results):
            found.append(run_once(name, command, i, times.name))
for (name, _), found in zip(measured, results):
    report(name, found, runs)

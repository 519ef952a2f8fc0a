#!/usr/bin/env python3
"""Summarizes bench/ab/run.sh's windows: per workload and toggle, the change of work per CPU
millisecond with the toggle on against off, pair by pair (both halves of a pair ran in the same
JVM a few seconds apart). Usage: report.py windows.txt [title]

Each line of windows.txt: workload toggle fork pair state thread_rate process_rate wall_rate.
"""
import random
import statistics
import sys
from collections import defaultdict


def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 4:
        return xs[0], xs[-1]
    q = statistics.quantiles(xs, n=4)
    return q[0], q[2]


def bootstrap_median(xs, rounds=2000, seed=1):
    rnd = random.Random(seed)
    meds = sorted(statistics.median(rnd.choices(xs, k=len(xs))) for _ in range(rounds))
    return meds[int(0.05 * rounds)], meds[int(0.95 * rounds) - 1]


def main():
    path = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else ""
    halves = defaultdict(dict)
    for line in open(path):
        w, t, fork, pair, state, thread, process, wall = line.split()
        halves[(w, t, fork, pair)][state] = (float(thread), float(process), float(wall))
    changes = defaultdict(lambda: ([], []))
    forks = defaultdict(set)
    for (w, t, fork, pair), h in halves.items():
        if "on" in h and "off" in h:
            for i in (0, 1):
                changes[(w, t)][i].append(100.0 * (h["on"][i] / h["off"][i] - 1.0))
            forks[(w, t)].add(fork)
    print(f"\n{title}: change of work per CPU ms, toggle on against off (negative = costs), per pair")
    print("| workload | toggle | forks x pairs | thread CPU: median (IQR) [90 % CI] | process CPU: median (IQR) [90 % CI] |")
    print("|---|---|---|---|---|")
    for (w, t) in sorted(changes):
        cells = []
        for xs in changes[(w, t)]:
            lo, hi = quartiles(xs)
            clo, chi = bootstrap_median(xs)
            cells.append(f"{statistics.median(xs):+.2f} % ({lo:+.1f} .. {hi:+.1f}) [{clo:+.2f} .. {chi:+.2f}]")
        n = len(changes[(w, t)][0])
        print(f"| {w} | `{t}` | {len(forks[(w, t)])} x {n // max(1, len(forks[(w, t)]))} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()

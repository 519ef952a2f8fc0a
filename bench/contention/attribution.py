#!/usr/bin/env python3
"""Where the monitor side of pprof4j's contention sampler spends CPU, per contended monitor enter.

Reads rounds of ContendedBench run with -Dprofile (async-profiler's CPU profile of the measured
window alone, collapsed stacks, 1 ms interval) and the sampler's counters printed before and after
that window, and prints the medians over rounds of the CPU time per contended enter (JVMTI's count)
in: JVMTI posting the two monitor events without our callbacks, our MonitorContendedEnter callback
(the holder's lookup apart), our MonitorContendedEntered callback (the sampled waits' stacks apart),
the VM thread (the safepoints of GetObjectMonitorUsage), and the whole process.
Usage: attribution.py DIR, where DIR holds N.collapsed and N.out for each round N.
"""
import glob
import os
import re
import statistics
import sys

CATEGORIES = [
    ("JVMTI posting the monitor events (callbacks excluded)", lambda s: (
        "post_monitor_contended_enter" in s and "on_contended_enter;" not in s and "on_contended_entered" not in s)),
    ("Enter callback: finding the holder and its stack", lambda s: (
        "on_contended_enter;" in s and ("GetObjectMonitorUsage" in s or "holder_site" in s))),
    ("Enter callback: the rest (clock, draw, storage)", lambda s: (
        "on_contended_enter;" in s and "GetObjectMonitorUsage" not in s and "holder_site" not in s)),
    ("Entered callback: stacks of sampled waits", lambda s: "on_contended_entered" in s and "waited" in s),
    ("Entered callback: the rest (clock, storage)", lambda s: "on_contended_entered" in s and "waited" not in s),
    ("VM thread (safepoints: GetObjectMonitorUsage on JDK 17)", lambda s: "VMThread::" in s),
    ("whole process", lambda s: True),
]


def enters(line):
    m = re.search(r"monitorEnters=(\d+)", line)
    return int(m.group(1)) if m else 0


def round_figures(collapsed, out):
    lines = open(out).read().splitlines()
    before = next((l for l in lines if l.startswith("stats-before ")), "")
    after = next((l for l in lines if l.startswith("stats ")), "")
    n = enters(after) - enters(before)
    if n <= 0:
        sys.exit(out + ": no contended monitor enter counted by the sampler in the window")
    samples = [0] * len(CATEGORIES)
    for line in open(collapsed):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        stack += ";"
        for i, (_, match) in enumerate(CATEGORIES):
            if match(stack):
                samples[i] += int(count)
    return n, [s * 1e6 / n for s in samples]


def main():
    rounds = []
    for collapsed in sorted(glob.glob(os.path.join(sys.argv[1], "*.collapsed"))):
        rounds.append(round_figures(collapsed, collapsed[:-len(".collapsed")] + ".out"))
    if not rounds:
        sys.exit("no rounds in " + sys.argv[1])
    print("%-58s %12s  %s" % ("CPU per contended monitor enter", "median ns", "rounds"))
    for i, (name, _) in enumerate(CATEGORIES):
        values = [r[1][i] for r in rounds]
        print("%-58s %12.0f  %s" % (name, statistics.median(values), " ".join("%.0f" % v for v in values)))
    print("%-58s %12.0f" % ("contended monitor enters in the window (median)", statistics.median(r[0] for r in rounds)))


if __name__ == "__main__":
    main()

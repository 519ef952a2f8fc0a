#!/usr/bin/env bash
# Would recording virtual threads' creation stacks (jdk.VirtualThreadStart with stacks) be
# affordable always-on? Process CPU time per started-and-joined virtual thread, JFR events
# off / on without stacks / on with stacks (VirtualStartCost.java), interleaved runs, median.
#   flock /work/bench.lock bench/runtime/virtual-start.sh     (JAVA_HOME= a JDK 21+, default Temurin 25; RUNS=5)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${JAVA%java}javac" --release 17 -d "$work" "$root/bench/runtime/VirtualStartCost.java" 2>/dev/null
echo "start $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$RUNS"); do
  for mode in off event stack; do
    "$JAVA" -cp "$work" VirtualStartCost "$mode" 100000 3 >> "$work/rounds"
  done
done
echo "end $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/rounds" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    _, mode, cpu, wall, left = line.split()
    rows.setdefault(mode, []).append((float(cpu), float(wall)))
base = statistics.median(c for c, _ in rows["off"])
print("| jdk.VirtualThreadStart/End | rounds | CPU ns per thread, median (min – max) | vs off | wall ns per thread, median |")
print("|---|---|---|---|---|")
for mode in ["off", "event", "stack"]:
    cpu = [c for c, _ in rows[mode]]
    wall = [w for _, w in rows[mode]]
    print(f"| {mode} | {len(cpu)} | {statistics.median(cpu):.0f} ({min(cpu):.0f} – {max(cpu):.0f}) | "
          f"{statistics.median(cpu) / base:.2f}× | {statistics.median(wall):.0f} |")
PY
